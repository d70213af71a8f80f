import { endpointMatches, expandDefaults } from './defaults';
import { DefaultSlo, Slo } from '../model/model';
import { makeService } from '../testing/factories';

const origin = { file: 'c.yaml', line: 9, column: 7, path: 'services[0].defaults[0]', format: 'sloledger/v1' as const };
// book table 6.4: "90% availability for every endpoint", "1,000 ms latency in 80% of the cases"
const availability: DefaultSlo = {
  sli: 'availability',
  objective: 0.9,
  query: { good: 'sum(increase(ok{route="$endpoint"}[$__window]))', total: 'sum(increase(all{route="$endpoint"}[$__window]))' },
  source: { type: 'prometheus' },
  period: { kind: 'rolling', lengthMs: 28 * 86_400_000 },
  minEvents: 100,
  origin,
};
const latency: DefaultSlo = { ...availability, sli: 'latency', objective: 0.8, thresholdMs: 1000, query: { good: 'fast{route="$endpoint"}[$__window]', total: 'all{route="$endpoint"}[$__window]' } };
const service = makeService({ defaults: [availability, latency] });
const explicit = (over: Partial<Slo>): Slo => ({
  id: 'checkout/x', name: 'x', service: 'checkout', team: 'payments', sli: 'availability', objective: 0.995, period: availability.period,
  budgeting: 'occurrences', source: { type: 'prometheus' }, query: availability.query, minEvents: 0, labels: {}, isDefault: false, origin, ...over,
});

describe('default SLO expansion (book 6.7)', () => {
  it('gives every discovered endpoint each default, with $endpoint filled in', () => {
    const slos = expandDefaults(service, ['/orders', '/cart'], []);
    expect(slos.map((s) => s.id)).toEqual([
      'checkout/default-availability:/cart',
      'checkout/default-availability:/orders',
      'checkout/default-latency:/cart',
      'checkout/default-latency:/orders',
    ]);
    expect(slos[0]).toMatchObject({ isDefault: true, team: 'payments', endpoint: '/cart', objective: 0.9, minEvents: 100, origin });
    expect(slos[0].query.good).toBe('sum(increase(ok{route="/cart"}[$__window]))');
    expect(slos[2]).toMatchObject({ sli: 'latency', objective: 0.8, thresholdMs: 1000 });
  });

  it.each([
    ['an explicit SLO for the same SLI and endpoint overrides the default', [explicit({ endpoint: '/orders' })], ['checkout/default-availability:/cart', 'checkout/default-latency:/cart', 'checkout/default-latency:/orders']],
    ['an explicit endpoint written with its method still counts', [explicit({ endpoint: 'POST /orders' })], ['checkout/default-availability:/cart', 'checkout/default-latency:/cart', 'checkout/default-latency:/orders']],
    ['an explicit SLO of another SLI leaves the default of this one', [explicit({ endpoint: '/orders', sli: 'freshness' })], ['checkout/default-availability:/cart', 'checkout/default-availability:/orders', 'checkout/default-latency:/cart', 'checkout/default-latency:/orders']],
    ['an explicit SLO of another service does not count', [explicit({ endpoint: '/orders', service: 'catalog' })], ['checkout/default-availability:/cart', 'checkout/default-availability:/orders', 'checkout/default-latency:/cart', 'checkout/default-latency:/orders']],
  ])('%s', (_name, explicitSlos, ids) => {
    expect(expandDefaults(service, ['/orders', '/cart'], explicitSlos).map((s) => s.id)).toEqual(ids);
  });

  it('escapes a discovered value so it cannot break out of the label string', () => {
    const [slo] = expandDefaults(makeService({ defaults: [availability] }), ['/a"} or vector(1) #\\'], []);
    expect(slo.query.good).toBe('sum(increase(ok{route="/a\\"} or vector(1) #\\\\"}[$__window]))');
  });

  it('ignores duplicate and empty endpoint values; no defaults give no SLOs', () => {
    expect(expandDefaults(makeService({ defaults: [availability] }), ['/a', '/a', ''], [])).toHaveLength(1);
    expect(expandDefaults(makeService(), ['/a'], [])).toEqual([]);
  });

  it.each([
    ['equal values', '/orders', '/orders', true],
    ['a method before the path', 'GET /orders', '/orders', true],
    ['another path', 'GET /orders/{id}', '/orders', false],
    ['no endpoint declared', undefined, '/orders', false],
  ])('endpointMatches: %s', (_name, declared, discovered, expected) => {
    expect(endpointMatches(declared, discovered)).toBe(expected);
  });
});
