import { loadCatalog } from './loadCatalog';

const base = `apiVersion: sloledger/v1
teams: [{ name: payments }]
services:
  - name: checkout
    team: payments
    slos:
      - name: orders
        sli: availability
        objective: 99.9
        good: sum(increase(ok[$__window]))
        total: sum(increase(all[$__window]))
`;
const load = (extra: string) => loadCatalog([{ name: 'c.yaml', text: base + extra }]);

describe('SLAs and corrections in the native catalog', () => {
  it('reads a contractual SLA over SLO ids and a correction window', () => {
    const { catalog, errors } = load(`slas:
  - name: checkout-contract
    contractual: true
    objective: 99.5
    components: [checkout/orders]
    period: { calendar: month }
corrections:
  - description: database upgrade
    start: 2026-11-21T02:00:00Z
    end: 2026-11-21T03:00:00Z
    services: [checkout]
`);
    expect(errors).toEqual([]);
    expect(catalog.slas[0]).toMatchObject({ id: 'sla/checkout-contract', contractual: true, objective: 0.995, components: ['checkout/orders'], period: { kind: 'calendar', unit: 'month' } });
    expect(catalog.corrections[0]).toMatchObject({ startMs: Date.UTC(2026, 10, 21, 2), endMs: Date.UTC(2026, 10, 21, 3), services: ['checkout'], description: 'database upgrade' });
  });

  it.each([
    ['an SLA over an unknown SLO', 'slas:\n  - name: x\n    objective: 99\n    components: [checkout/nope]\n', 13, 'slas[0].components', 'unknown SLO "checkout/nope" (SLO ids are <service>/<name>)'],
    ['an SLA without components', 'slas:\n  - name: x\n    objective: 99\n', 13, 'slas[0].components', 'list the ids of the SLOs this SLA aggregates, e.g. [checkout/orders-availability]'],
    ['a correction with a bad instant', 'corrections:\n  - start: yesterday\n    end: 2026-11-21T03:00:00Z\n', 13, 'corrections[0].start', '"yesterday" is not an ISO 8601 instant such as 2026-11-21T02:00:00Z'],
    ['a correction ending before it starts', 'corrections:\n  - start: 2026-11-21T03:00:00Z\n    end: 2026-11-21T02:00:00Z\n', 14, 'corrections[0].end', 'must be after start'],
  ])('reports %s at its line and keeps the SLOs', (_n, extra, line, path, message) => {
    const { catalog, errors } = load(extra);
    expect(errors).toEqual([expect.objectContaining({ file: 'c.yaml', line, path, message })]);
    expect(catalog.slos).toHaveLength(1);
  });
});
