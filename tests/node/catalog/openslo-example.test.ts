import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../../src/core/catalog/loadCatalog';

const dir = path.join(__dirname, '../../../provisioning/slos');
const read = (name: string) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') });

describe('provisioning/slos/openslo-example.yaml', () => {
  it('reads as the same SLO as checkout/orders-availability in example.yaml', () => {
    const { catalog, errors, warnings } = loadCatalog([read('example.yaml'), read('openslo-example.yaml')]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    const native = catalog.slos.find((s) => s.id === 'checkout/orders-availability')!;
    const openslo = catalog.slos.find((s) => s.id === 'checkout/orders-availability-openslo')!;
    expect(openslo.origin.format).toBe('openslo/v1');
    // only the name, the origin, the named connection (the provisioned "prometheus") and the book-style alert differ
    const comparable = ({ id, name, origin, source, alert, ...rest }: typeof native) => ({ ...rest, source: source.type });
    expect(comparable(openslo)).toEqual(comparable(native));
    expect(openslo.alert).toEqual({ depletionThresholdPct: 200, windowMs: 3_600_000, evaluateEveryMs: 300_000, snoozeMs: 7_200_000 });
  });
});
