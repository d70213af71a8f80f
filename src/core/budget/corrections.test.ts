import { applyCorrections, correctionsFor } from './corrections';
import { Correction } from '../model/model';
import { HOUR, makeBuckets } from '../testing/factories';

const origin = { file: 'x', line: 1, column: 1, path: 'corrections[0]', format: 'sloledger/v1' as const };
const correction = (o: Partial<Correction>): Correction => ({ id: 'c', description: 'maintenance', startMs: 0, endMs: 0, slos: [], services: [], origin, ...o });

describe('corrections (DESIGN.md): excluded from good, bad and total', () => {
  it('empties every bucket overlapping the interval and leaves the input untouched', () => {
    const b = makeBuckets(0, 6, 100, () => 50);
    const out = applyCorrections(b, [{ startMs: 1.5 * HOUR, endMs: 3 * HOUR }]);
    expect(Array.from(out.total)).toEqual([100, 0, 0, 100, 100, 100]);
    expect(Array.from(out.good)).toEqual([50, 0, 0, 50, 50, 50]);
    expect(Array.from(b.total)).toEqual([100, 100, 100, 100, 100, 100]);
  });

  it('applies unscoped corrections to every SLO, scoped ones by id or service', () => {
    const cs = [correction({ id: 'all' }), correction({ id: 'svc', services: ['checkout'] }), correction({ id: 'one', slos: ['web/avail'] })];
    expect(correctionsFor({ id: 'web/avail', service: 'web' }, cs).map((c) => (c as Correction).id)).toEqual(['all', 'one']);
    expect(correctionsFor({ id: 'checkout/lat', service: 'checkout' }, cs).map((c) => (c as Correction).id)).toEqual(['all', 'svc']);
  });
});
