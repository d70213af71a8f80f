import { loadCatalog } from './loadCatalog';

const HEAD = `apiVersion: sloledger/v1
teams:
  - name: payments
    policy: payments-policy
services:
  - name: checkout
    team: payments
`;

const POLICY = `policies:
  - name: payments-policy
    scope: { teams: [payments] }
    purpose: Reliability work before features when the budget runs out
    conditions:
      - { id: A, kind: premature-exhaustion, description: Exhausted before the period ends }
      - { id: E, kind: burn-within, pct: 30, within: 24h, description: 30% within 24 hours }
      - { id: C, kind: manual, description: A single incident took 20% }
    consequences:
      - { id: J, when: [A, E], blocksReleases: true, environments: [prod], description: Stop feature releases to production }
      - { id: C, when: [C], description: Conduct a postmortem }
    escalation: The engineering manager breaks ties
    agreedBy: [ops, dev, product owner]
    nextReview: 2027-03-01
`;

const load = (text: string) => loadCatalog([{ name: 'p.yaml', text }]);

describe('error budget policies in the catalog (book table 10.1)', () => {
  it('reads all seven parts, conditions with their triggers and consequences with their gates', () => {
    const { catalog, errors, warnings } = load(HEAD + POLICY);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    const [p] = catalog.policies;
    expect(p).toMatchObject({
      name: 'payments-policy',
      scope: { teams: ['payments'], services: [] },
      escalation: 'The engineering manager breaks ties',
      agreedBy: ['ops', 'dev', 'product owner'],
      nextReview: Date.UTC(2027, 2, 1),
      origin: { file: 'p.yaml', line: 9, path: 'policies[0]' },
    });
    expect(p.conditions).toEqual([
      { id: 'A', description: 'Exhausted before the period ends', kind: 'premature-exhaustion', trigger: 'automatic', pct: undefined, withinMs: undefined },
      { id: 'E', description: '30% within 24 hours', kind: 'burn-within', trigger: 'automatic', pct: 30, withinMs: 86_400_000 },
      { id: 'C', description: 'A single incident took 20%', kind: 'manual', trigger: 'manual', pct: undefined, withinMs: undefined },
    ]);
    expect(p.consequences[0]).toEqual({ id: 'J', description: 'Stop feature releases to production', when: ['A', 'E'], blocksReleases: true, environments: ['prod'] });
    expect(p.consequences[1].blocksReleases).toBe(false);
  });

  it.each([
    ['a missing part (purpose)', POLICY.replace('    purpose: Reliability work before features when the budget runs out\n', ''), 'policies[0].purpose', 9, 'required'],
    ['a missing next review date', POLICY.replace('    nextReview: 2027-03-01\n', ''), 'policies[0].nextReview', 9, 'book 10.11'],
    ['a review date that is not a date', POLICY.replace('2027-03-01', 'next spring'), 'policies[0].nextReview', 21, 'not a date'],
    ['an unknown condition kind', POLICY.replace('kind: premature-exhaustion', 'kind: bad-vibes'), 'policies[0].conditions[0].kind', 13, 'not a condition kind'],
    ['budget-spent without pct', POLICY.replace('kind: burn-within, pct: 30, within: 24h', 'kind: budget-spent'), 'policies[0].conditions[1].pct', 14, 'required for budget-spent'],
    ['burn-within with a bad window', POLICY.replace('within: 24h', 'within: a day'), 'policies[0].conditions[1].within', 14, 'invalid duration'],
    ['a manual kind triggered automatically', POLICY.replace('kind: manual,', 'kind: manual, trigger: automatic,'), 'policies[0].conditions[2].trigger', 15, 'cannot be triggered automatically'],
    ['a consequence naming an unknown condition', POLICY.replace('when: [A, E]', 'when: [A, Z]'), 'policies[0].consequences[0].when', 17, 'unknown condition "Z"'],
    ['a duplicate condition id', POLICY.replace('      - { id: C, kind: manual', '      - { id: A, kind: manual, description: again }\n      - { id: C, kind: manual'), 'policies[0].conditions', 15, 'duplicate id "A"'],
    ['a scope naming an unknown team', POLICY.replace('teams: [payments]', 'teams: [paymnts]'), 'policies[0].scope.teams', 9, 'unknown team "paymnts"'],
  ])('reports %s at its place', (_name, policy, where, line, message) => {
    const { errors } = load(HEAD + policy);
    expect(errors).toEqual([expect.objectContaining({ file: 'p.yaml', path: where, line, message: expect.stringContaining(message) })]);
  });

  it('a team naming an undeclared policy is warned about at the team', () => {
    const { warnings } = load(HEAD);
    expect(warnings).toEqual([expect.objectContaining({ line: 3, path: 'teams[0].policy', message: expect.stringContaining('unknown error budget policy "payments-policy"') })]);
  });

  it('one bad policy never hides the good ones', () => {
    const second = POLICY.replace('policies:\n', '').replace('payments-policy', 'other-policy').replace('    escalation: The engineering manager breaks ties\n', '');
    const { catalog, errors } = load(HEAD + POLICY + second);
    expect(catalog.policies.map((p) => p.name)).toEqual(['payments-policy']);
    expect(errors.map((e) => e.path)).toEqual(['policies[1].escalation']);
  });
});

describe('default SLOs of a service (book 6.7)', () => {
  const service = (defaults: string, discovery = '    endpointLabel: route\n    endpointDiscovery: sum by (route) (rate(http_requests_total[1h]))\n') => `apiVersion: sloledger/v1
teams:
  - name: payments
services:
  - name: checkout
    team: payments
${discovery}    defaults:
${defaults}`;
  const availability = '      - { sli: availability, objective: 90, good: \'ok{route="$endpoint"}[$__window]\', total: \'all{route="$endpoint"}[$__window]\' }\n';
  const latency = '      - { sli: latency, objective: 80, thresholdMs: 1000, good: \'fast{route="$endpoint"}[$__window]\', total: \'all{route="$endpoint"}[$__window]\' }\n';

  it('reads one default per SLI with the catalog period and the endpoint query', () => {
    const { catalog, errors } = load(service(availability + latency));
    expect(errors).toEqual([]);
    const [s] = catalog.services;
    expect(s.endpointLabel).toBe('route');
    expect(s.endpointDiscovery).toBe('sum by (route) (rate(http_requests_total[1h]))');
    expect(s.defaults.map((d) => [d.sli, d.objective, d.thresholdMs])).toEqual([['availability', 0.9, undefined], ['latency', 0.8, 1000]]);
    expect(s.defaults[0]).toMatchObject({ source: { type: 'prometheus' }, period: { kind: 'rolling', lengthMs: 28 * 86_400_000 }, origin: { line: 10, path: 'services[0].defaults[0]' } });
  });

  it.each([
    ['a second default for the same SLI', service(availability + availability), 'services[0].defaults[1].sli', 'one default SLO per SLI'],
    ['an expression without $endpoint', service(availability.replace('ok{route="$endpoint"}', 'ok')), 'services[0].defaults[0].good', 'must contain $endpoint'],
    ['defaults without a discovery query', service(availability, '    endpointLabel: route\n'), 'services[0].endpointDiscovery', 'required with defaults'],
    ['a latency default without a threshold', service(latency.replace('thresholdMs: 1000, ', '')), 'services[0].defaults[0].thresholdMs', 'table 6.4'],
  ])('reports %s', (_name, text, where, message) => {
    const { errors } = load(text);
    expect(errors).toEqual([expect.objectContaining({ path: where, message: expect.stringContaining(message) })]);
  });
});

describe('timeslices budgeting and on-call facts', () => {
  const slo = (extra: string) => `apiVersion: sloledger/v1
teams:
  - name: payments
    onCall: { rotation: weekly, members: 6, chatChannel: "#payments-oncall" }
services:
  - name: checkout
    team: payments
    slos:
      - name: s
        sli: availability
        objective: 99
        good: ok[$__window]
        total: all[$__window]
${extra}`;

  it('reads a timeslices SLO: 5-minute slices good at 95%', () => {
    const { catalog, errors } = load(slo('        budgeting: timeslices\n        timeslice: { length: 5m, target: 95 }\n'));
    expect(errors).toEqual([]);
    expect(catalog.slos[0]).toMatchObject({ budgeting: 'timeslices', timeslice: { lengthMs: 300_000, target: 0.95 } });
    expect(catalog.teams[0].onCall).toEqual({ rotation: 'weekly', members: 6, chatChannel: '#payments-oncall' });
  });

  it.each([
    ['timeslices without a slice', '        budgeting: timeslices\n', 'services[0].slos[0].timeslice', 'required for budgeting: timeslices'],
    ['an unknown budgeting method', '        budgeting: vibes\n', 'services[0].slos[0].budgeting', 'not a budgeting method'],
    ['a slice target of 120%', '        budgeting: timeslices\n        timeslice: { length: 5m, target: 120 }\n', 'services[0].slos[0].timeslice.target', 'not a slice target'],
  ])('reports %s and skips the SLO', (_name, extra, where, message) => {
    const { catalog, errors } = load(slo(extra));
    expect(catalog.slos).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ path: where, message: expect.stringContaining(message) })]);
  });

  it('occurrences stays the default', () => {
    expect(load(slo('')).catalog.slos[0].budgeting).toBe('occurrences');
  });
});

it('warns when a team is in the scope of a second policy (one policy per team)', () => {
  const second = POLICY.replace('policies:\n', '').replace('name: payments-policy', 'name: second-policy');
  const { catalog, warnings } = load(HEAD + POLICY + second);
  expect(catalog.policies).toHaveLength(2);
  expect(warnings).toEqual([expect.objectContaining({ path: 'policies[1].scope.teams', severity: 'warning', message: 'team "payments" is already covered by policy "payments-policy": a team has one error budget policy' })]);
});
