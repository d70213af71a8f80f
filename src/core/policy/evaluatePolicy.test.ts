import { DAY, HOUR, makeFigures, makePolicy, makeService } from '../testing/factories';
import type { ManualConditionState } from '../contracts/resourceContract';
import { PolicyCondition, PolicyConsequence } from '../model/model';
import { evaluatePolicy } from './evaluatePolicy';
import { SloPolicyFigures } from './figures';

/** Remaining budget after each hour, falling linearly from `from` to `to` over `hours`. */
const ramp = (hours: number, from: number, to: number): number[] => Array.from({ length: hours }, (_, k) => from + ((to - from) * (k + 1)) / hours);

// book table 10.2, conditions A, B (70% of a monthly budget), C (manual), E (30% within 24 h), F (50% within 7 days)
const A: PolicyCondition = { id: 'A', description: 'Premature exhaustion before the period ends', kind: 'premature-exhaustion', trigger: 'automatic' };
const B: PolicyCondition = { id: 'B', description: '70% of the period budget spent', kind: 'budget-spent', trigger: 'automatic', pct: 70 };
const C: PolicyCondition = { id: 'C', description: 'A single incident depleted 20% of the budget', kind: 'manual', trigger: 'manual' };
const E: PolicyCondition = { id: 'E', description: '30% spent within 24 hours', kind: 'burn-within', trigger: 'automatic', pct: 30, withinMs: DAY };
const F: PolicyCondition = { id: 'F', description: '50% spent within 7 days', kind: 'burn-within', trigger: 'automatic', pct: 50, withinMs: 7 * DAY };
const G: PolicyCondition = { id: 'G', description: 'A dependency exhausted its budget', kind: 'dependency', trigger: 'automatic' };
// book table 10.3, consequences C (postmortem), I (stop releases to staging), J (stop releases to production)
const postmortem: PolicyConsequence = { id: 'C', description: 'Conduct a postmortem', when: ['A', 'C'], blocksReleases: false, environments: [] };
const stopStaging: PolicyConsequence = { id: 'I', description: 'Stop new feature releases to staging', when: ['E'], blocksReleases: true, environments: ['staging'] };
const stopProd: PolicyConsequence = { id: 'J', description: 'Stop new feature releases to production', when: ['A', 'B', 'F'], blocksReleases: true, environments: ['prod'] };

const NOW = Date.UTC(2026, 10, 1) + 30 * DAY;
const policy = makePolicy({ conditions: [A, B, C, E, F, G], consequences: [postmortem, stopStaging, stopProd] });
const services = [makeService(), makeService({ name: 'accounts', team: 'identity', deployments: ['prod'] })];
const judge = (figures: SloPolicyFigures[], manual: ManualConditionState[] = [], nowMs = NOW) =>
  evaluatePolicy(policy, { services, figures, manual, nowMs });
const condition = (id: string, figures: SloPolicyFigures[], manual: ManualConditionState[] = [], nowMs = NOW) =>
  judge(figures, manual, nowMs).conditions.find((c) => c.id === id)!;

describe('error budget policy conditions (book table 10.2)', () => {
  it.each([
    ['A is met when the budget ran out before the period ends', 'A', makeFigures({ hourly: [0.5, 0], exhaustedAtMs: Date.UTC(2026, 10, 1) + 12 * DAY }), true, 'budget exhausted 12 days into 2026-11'],
    ['A is not met while budget is left', 'A', makeFigures({ hourly: [0.5] }), false, 'no SLO in scope exhausted'],
    ['B is met with 75% of the budget spent (more than 70%)', 'B', makeFigures({ hourly: [0.9, 0.25] }), true, '75.0% of the 2026-11 budget spent (more than 70.0%)'],
    ['B is not met with 65% spent', 'B', makeFigures({ hourly: [0.35] }), false, 'more than 70.0%'],
    ['B counts budget debt as more than everything spent', 'B', makeFigures({ hourly: [-0.5] }), true, '150.0% of the 2026-11 budget spent'],
    ['E is met with 35% spent within the last 24 h', 'E', makeFigures({ hourly: [...ramp(100, 1, 0.9), ...ramp(24, 0.9, 0.55)] }), true, '35.0% of the 2026-11 budget spent within the last 24 h'],
    ['E is not met with exactly 30% within 24 h ("more than")', 'E', makeFigures({ hourly: [...ramp(100, 1, 0.9), ...ramp(24, 0.9, 0.6)] }), false, 'within 24 h'],
    ['E is not met when the 35% were spent two days ago', 'E', makeFigures({ hourly: [...ramp(24, 1, 0.65), ...ramp(48, 0.65, 0.64)] }), false, 'within 24 h'],
    ['F is met with 60% spent within 7 days', 'F', makeFigures({ hourly: [...ramp(48, 1, 0.95), ...ramp(168, 0.95, 0.35)] }), true, '60.0% of the 2026-11 budget spent within the last 7 days'],
    ['F is not met with 40% within 7 days', 'F', makeFigures({ hourly: ramp(168, 1, 0.6) }), false, 'within 7 days'],
  ])('%s', (_name, id, figures, met, because) => {
    const hours = figures.times.length;
    const result = condition(id, [figures], [], figures.periodStartMs + hours * HOUR);
    expect(result.met).toBe(met);
    expect(result.because).toContain(because);
    expect(result.slos).toEqual(met ? ['checkout/orders-availability'] : []);
  });

  it('a condition is met when any SLO in scope meets it, and names each one', () => {
    const first = makeFigures({ hourly: [0.2] });
    const second = makeFigures({ slo: { id: 'checkout/latency', service: 'checkout', team: 'payments' }, hourly: [0.1] });
    const healthy = makeFigures({ slo: { id: 'checkout/other', service: 'checkout', team: 'payments' }, hourly: [0.9] });
    const result = condition('B', [first, healthy, second]);
    expect(result.slos).toEqual(['checkout/orders-availability', 'checkout/latency']);
    expect(result.because).toMatch(/orders-availability: 80\.0%.*latency: 90\.0%/);
  });

  it('SLOs outside the scope never trigger the policy', () => {
    const other = makeFigures({ slo: { id: 'accounts/login', service: 'accounts', team: 'identity' }, hourly: [0], exhaustedAtMs: NOW - DAY });
    expect(condition('A', [other]).met).toBe(false);
    expect(condition('A', [other]).because).toBe('no SLOs in scope');
  });

  it('an SLO that could not be computed is named as not judged and hides no other SLO', () => {
    const failed = makeFigures({ slo: { id: 'checkout/broken', service: 'checkout', team: 'payments' }, error: 'cannot reach prometheus' });
    const result = condition('B', [failed, makeFigures({ hourly: [0.1] })]);
    expect(result.met).toBe(true);
    expect(result.because).toContain('not judged: checkout/broken (cannot reach prometheus)');
  });

  it('B reports when the threshold was crossed, for policy-trigger annotations', () => {
    const periodStart = Date.UTC(2026, 10, 1);
    expect(condition('B', [makeFigures({ hourly: [0.8, 0.4, 0.29, 0.2] })]).sinceMs).toBe(periodStart + 3 * HOUR);
  });

  it('E reports the first instant more than 30% had been spent within 24 h', () => {
    const figures = makeFigures({ hourly: [...ramp(100, 1, 0.9), ...ramp(10, 0.9, 0.5), ...ramp(2, 0.5, 0.5)] });
    const result = condition('E', [figures], [], figures.periodStartMs + 112 * HOUR);
    expect(result.met).toBe(true);
    // 0.9 → 0.5 over hours 101..110 (−0.04 per hour): within 24 h, 0.917 − 0.62 ≈ 0.297 at hour 107, 0.916 − 0.58 ≈ 0.336 at hour 108
    expect(result.sinceMs).toBe(figures.periodStartMs + 108 * HOUR);
  });

  it('the dependency condition is met when a dependency of an in-scope service exhausted an SLO budget', () => {
    const withDependency = [makeService({ dependencies: ['accounts'] }), services[1]];
    const accounts = makeFigures({ slo: { id: 'accounts/login', service: 'accounts', team: 'identity' }, hourly: [0.3, -0.1], exhaustedAtMs: NOW - HOUR });
    const result = evaluatePolicy(policy, { services: withDependency, figures: [accounts], manual: [], nowMs: NOW }).conditions.find((c) => c.id === 'G')!;
    expect(result.met).toBe(true);
    expect(result.because).toBe('dependency accounts: accounts/login spent 110.0% of its 2026-11 budget (exhausted)');
    expect(condition('G', [accounts]).because).toBe('the services in scope declare no dependencies with SLOs');
  });
});

describe('manual conditions: only what the person on call recorded (book 10.4)', () => {
  const state = (met: boolean, atMs: number, by = 'oncall-anna'): ManualConditionState => ({ policy: 'payments-policy', conditionId: 'C', met, by, atMs, note: 'incident 4711' });

  it('is not met until recorded, and says who checks it', () => {
    const result = condition('C', [makeFigures()]);
    expect(result).toMatchObject({ met: false, trigger: 'manual' });
    expect(result.because).toContain('the person going on call checks it');
  });

  it.each([
    ['the latest record decides (met)', [state(false, NOW - 2 * DAY), state(true, NOW - DAY)], true],
    ['the latest record decides (not met)', [state(true, NOW - 2 * DAY), state(false, NOW - DAY)], false],
    ['records of other policies do not count', [{ ...state(true, NOW), policy: 'identity-policy' }], false],
  ])('%s', (_name, states, met) => {
    expect(condition('C', [makeFigures()], states).met).toBe(met);
  });

  it('an automatic kind with a manual trigger is judged by people, not computed', () => {
    const manualB = makePolicy({ conditions: [{ ...B, trigger: 'manual' }] });
    const result = evaluatePolicy(manualB, { services, figures: [makeFigures({ hourly: [0.1] })], manual: [], nowMs: NOW }).conditions[0];
    expect(result.met).toBe(false);
  });

  it('a record with a broken instant still counts, said in words instead of a crash', () => {
    const result = condition('C', [makeFigures()], [state(true, NaN)]);
    expect(result).toMatchObject({ met: true, sinceMs: null, because: 'recorded met by oncall-anna at an unknown time: incident 4711' });
  });

  it('names who recorded it, when, and the note', () => {
    expect(condition('C', [makeFigures()], [state(true, Date.UTC(2026, 10, 20, 8, 30))]).because).toBe('recorded met by oncall-anna at 2026-11-20 08:30 UTC: incident 4711');
  });
});

describe('consequences and the release gate (book table 10.3 I/J)', () => {
  it('with 75% spent, J (stop releases to production) is in force: prod is denied, staging allowed', () => {
    const result = judge([makeFigures({ hourly: [0.25] })]);
    expect(result.consequences.filter((c) => c.inForce).map((c) => c.id)).toEqual(['J']);
    const gates = Object.fromEntries(result.gates.map((g) => [`${g.service}@${g.environment}`, g]));
    expect(gates['checkout@prod'].decision).toBe('deny');
    expect(gates['checkout@prod'].reasons[0]).toContain('consequence J "Stop new feature releases to production" is in force (condition B met: checkout/orders-availability: 75.0%');
    expect(gates['checkout@staging']).toMatchObject({ decision: 'allow', reasons: ['policy payments-policy: no release-blocking consequence in force to staging'] });
    expect(Object.keys(gates)).toEqual(['checkout@staging', 'checkout@prod']);
  });

  it('premature exhaustion puts both the postmortem and the production stop in force', () => {
    const result = judge([makeFigures({ hourly: [0], exhaustedAtMs: NOW - DAY })]);
    expect(result.consequences.filter((c) => c.inForce).map((c) => c.id)).toEqual(['C', 'J']);
    expect(result.consequences[0].because).toMatch(/^condition A met: /);
  });

  it('a healthy budget allows every release and puts nothing in force', () => {
    const result = judge([makeFigures({ hourly: [0.95] })]);
    expect(result.consequences.every((c) => !c.inForce && c.because.startsWith('none of its conditions'))).toBe(true);
    expect(result.gates.map((g) => g.decision)).toEqual(['allow', 'allow']);
  });
});

describe('review date (book 10.11)', () => {
  it.each([
    ['is overdue the moment after the next review date', Date.UTC(2027, 0, 15) + 1, true],
    ['is not overdue before it', Date.UTC(2027, 0, 14), false],
  ])('%s', (_name, nowMs, overdue) => {
    expect(judge([makeFigures()], [], nowMs).reviewOverdue).toBe(overdue);
  });

  it('a policy without a review date is never overdue', () => {
    expect(evaluatePolicy(makePolicy({ nextReview: undefined }), { services, figures: [], manual: [], nowMs: NOW }).reviewOverdue).toBe(false);
  });
});

it('does not mutate its inputs', () => {
  const figures = Object.freeze([Object.freeze(makeFigures({ hourly: [0.1] }))]);
  const frozenPolicy = Object.freeze(policy);
  expect(() => evaluatePolicy(frozenPolicy, { services: Object.freeze(services), figures, manual: Object.freeze([]), nowMs: NOW })).not.toThrow();
});
