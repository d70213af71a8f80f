/**
 * Identical concurrent queries share one computation per SLO (issue 9), and
 * what they answer is exactly what separate, unshared queries answer.
 */
import { makeBuckets } from '../../../core/testing/factories';
import { DataQuery } from '../../protocol/handlers';
import { DerivedSeries, SloComputation } from './engine';
import { Instance } from '../instance/instance';
import { judgePolicies } from '../policy/judgement';
import { runQuery } from '../query/pipeline';
import { finishOnce, SharedComputations } from './sharedComputations';
import { demoCatalogYaml } from '../testing/demoCatalog';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);
const never = new AbortController().signal;

const CATALOG = demoCatalogYaml();

const demoInstance = () => new Instance({ jsonData: { demo: true, catalogYaml: CATALOG }, decryptedSecureJsonData: {} }, { backfillDelayMs: null, closePeriodsAfterRefresh: false });

function query(queryType: string, toMs = NOW): DataQuery {
  return { refId: 'A', queryType, maxDataPoints: 1000, intervalMs: 3_600_000, timeRange: { fromMs: toMs - 7 * DAY, toMs }, json: {} };
}

/** A derivation stand-in: only its identity matters to the sharing. */
function derivedOf(label: string): DerivedSeries {
  return { buckets: makeBuckets(NOW - DAY, 24, 1_000), counts: {} as never, series: {} as never, warnings: [label] };
}

/** A computation that finishes when the test says so, recording the signal it was given. */
function gated(result: DerivedSeries) {
  const gate: { finish: () => void; signal?: AbortSignal; runs: number } = { finish: () => undefined, runs: 0 };
  const compute = (signal: AbortSignal) => {
    gate.runs++;
    gate.signal = signal;
    return new Promise<DerivedSeries>((resolve) => (gate.finish = () => resolve(result)));
  };
  return { gate, compute };
}

describe('SLO computations shared between identical queries', () => {
  it.each(['budget', 'sli', 'catalog', 'adherence'])('two concurrent %s queries derive each SLO once and answer what unshared queries answer', async (type) => {
    const shared = demoInstance();
    const [a, b] = await Promise.all([runQuery(shared, query(type), never, NOW), runQuery(shared, query(type), never, NOW)]);
    expect(shared.computations.started).toBe(2);
    expect(shared.computations.joined).toBe(2);
    const alone = await runQuery(demoInstance(), query(type), never, NOW);
    expect(a).toEqual(alone);
    expect(b).toEqual(alone);
  });

  it('queries a few minutes apart reading the same buckets share them, and each answers what it would alone', async () => {
    const shared = demoInstance();
    // a 7-day range reads 15-minute buckets: both ranges end inside the same one
    const [early, later] = [query('budget', NOW + 2 * 60_000), query('budget', NOW + 9 * 60_000)];
    const [a, b] = await Promise.all([runQuery(shared, early, never, NOW + 10 * 60_000), runQuery(shared, later, never, NOW + 10 * 60_000)]);
    expect(shared.computations.started).toBe(2);
    expect(shared.computations.joined).toBe(2);
    expect(a).toEqual(await runQuery(demoInstance(), early, never, NOW + 10 * 60_000));
    expect(b).toEqual(await runQuery(demoInstance(), later, never, NOW + 10 * 60_000));
  });

  it('queries over other buckets (another day) compute their own', async () => {
    const instance = demoInstance();
    await Promise.all([runQuery(instance, query('budget'), never, NOW), runQuery(instance, query('budget', NOW - DAY), never, NOW)]);
    expect(instance.computations.started).toBe(4);
    expect(instance.computations.joined).toBe(0);
  });

  it('a later identical query computes afresh once the first has finished (nothing is kept after it)', async () => {
    const instance = demoInstance();
    await runQuery(instance, query('budget'), never, NOW);
    await runQuery(instance, query('budget'), never, NOW);
    expect(instance.computations.started).toBe(4);
    expect(instance.computations.inFlight).toBe(0);
  });

  it('joined callers get the one derivation, made once', async () => {
    const computations = new SharedComputations();
    const { gate, compute } = gated(derivedOf('x'));
    const first = computations.share('k', compute, never, 'prom');
    const second = computations.share('k', compute, never, 'prom');
    await Promise.resolve(); // the derivation starts on the next microtask
    gate.finish();
    const [a, b] = await Promise.all([first, second]);
    expect(gate.runs).toBe(1);
    expect(a).toBe(b);
  });

  it('finishes a range once per derived series, giving each caller its own top-level object and lists', () => {
    const derived = derivedOf('x');
    let finishes = 0;
    const finish = (): SloComputation => {
      finishes++;
      return { slo: {} as never, ...derived, firstVisible: 0, fromMs: NOW - DAY, toMs: NOW, nowMs: NOW, periods: [], warnings: [...derived.warnings] };
    };
    const a = finishOnce(derived, 'day', finish);
    const b = finishOnce(derived, 'day', finish);
    expect(finishes).toBe(1);
    expect(a).not.toBe(b);
    expect(a.buckets).toBe(b.buckets);
    // the ledger merge replaces one query's periods; the other's stay as computed
    a.periods = [{ label: 'from the ledger' } as never];
    a.warnings.push('only mine');
    expect(b.periods).toEqual([]);
    expect(b.warnings).toEqual(['x']);
    finishOnce(derived, 'another range', finish);
    expect(finishes).toBe(2);
  });

  it('one caller giving up is cancelled alone; the other still gets the computation', async () => {
    const computations = new SharedComputations();
    const { gate, compute } = gated(derivedOf('x'));
    const quitter = new AbortController();
    const first = computations.share('k', compute, quitter.signal, 'prom');
    const second = computations.share('k', compute, never, 'prom');
    quitter.abort();
    await expect(first).rejects.toThrow('prom: the query was cancelled');
    expect(gate.signal?.aborted).toBe(false);
    gate.finish();
    await expect(second).resolves.toMatchObject({ warnings: ['x'] });
  });

  it('when every caller gives up, the shared computation is aborted and a new caller starts afresh', async () => {
    const computations = new SharedComputations();
    const { gate, compute } = gated(derivedOf('x'));
    const callers = [new AbortController(), new AbortController()];
    const pending = callers.map((c) => computations.share('k', compute, c.signal, 'prom'));
    await Promise.resolve(); // the computation starts on the next microtask
    callers.forEach((c) => c.abort());
    await Promise.all(pending.map((p) => expect(p).rejects.toThrow('cancelled')));
    expect(gate.signal?.aborted).toBe(true);
    expect(computations.inFlight).toBe(0);
    const again = gated(derivedOf('y'));
    const next = computations.share('k', again.compute, never, 'prom');
    await Promise.resolve();
    again.gate.finish();
    await expect(next).resolves.toMatchObject({ warnings: ['y'] });
  });

  it('a failing computation fails every caller with its own error, and is not kept', async () => {
    const computations = new SharedComputations();
    const failing = () => {
      throw new Error('prom: query failed (400): parse error');
    };
    const results = await Promise.allSettled([computations.share('k', failing, never, 'prom'), computations.share('k', failing, never, 'prom')]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual(['prom: query failed (400): parse error', 'prom: query failed (400): parse error']);
    expect(computations.started).toBe(1);
    expect(computations.inFlight).toBe(0);
  });
});

describe('policy judgement shares the computations too', () => {
  const POLICY = `
policies:
  - name: identity-policy
    scope: { teams: [identity] }
    purpose: Reliability first when the budget runs out.
    conditions:
      - { id: A, kind: premature-exhaustion, description: Budget exhausted before the period ends }
    consequences:
      - { id: J, when: [A], blocksReleases: true, description: Stop feature releases }
    escalation: The engineering manager decides.
    agreedBy: [developers]
    nextReview: 2027-03-01
`;
  it('two gates asked at the same moment read and derive each SLO once, with the same judgement as one alone', async () => {
    const make = () => new Instance({ jsonData: { demo: true, catalogYaml: CATALOG + POLICY }, decryptedSecureJsonData: {} }, { backfillDelayMs: null, closePeriodsAfterRefresh: false });
    const shared = make();
    const { catalog } = shared.catalog();
    expect(catalog.policies).toHaveLength(1);
    const [a, b] = await Promise.all([judgePolicies(shared, catalog, NOW, never), judgePolicies(shared, catalog, NOW, never)]);
    expect(shared.computations.started).toBe(2); // the two SLOs in scope
    expect(shared.computations.joined).toBe(2);
    const alone = make();
    const expected = await judgePolicies(alone, alone.catalog().catalog, NOW, never);
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);
  });
});
