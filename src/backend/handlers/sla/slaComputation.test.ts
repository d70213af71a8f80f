/** An SLA computed from the summed buckets of its components (book 11.2.7, fig. 11.9). */
import { Buckets, Sla } from '../../../core/model/model';
import { DAY, HOUR, makeBuckets, makeSlo } from '../../../core/testing/factories';
import { deriveSeries, finishSlo, SloComputation } from '../compute/engine';
import { slaComputation } from './slaComputation';

const START = Date.UTC(2026, 9, 1);
const END = START + 10 * DAY;
const month = { kind: 'calendar' as const, unit: 'month' as const, timeZone: 'UTC' };

const makeSla = (overrides: Partial<Sla> = {}): Sla => ({
  id: 'sla/contract',
  name: 'contract',
  contractual: true,
  objective: 0.99,
  components: ['a/one', 'a/two'],
  period: month,
  origin: { file: 'test.yaml', line: 1, column: 1, path: 'slas[0]', format: 'sloledger/v1' },
  ...overrides,
});

/** A component's computation over its own buckets (what the engine makes after one fetch). */
function computation(id: string, b: Buckets): SloComputation {
  const slo = makeSlo({ id, objective: 0.999, period: month });
  const derived = deriveSeries(slo, { main: b.good, total: b.total }, { start: b.startMs, step: b.stepMs }, 31 * DAY);
  return finishSlo(slo, derived, { start: b.startMs, end: b.startMs + b.total.length * b.stepMs, step: b.stepMs, history: b.startMs, lookback: 0 }, START, END, END);
}

describe('slaComputation', () => {
  it('sums good and total bucket by bucket: a busy component weighs more than a quiet one (style habit 4)', () => {
    // one: 10 events an hour, 1 bad every hour (90%); two: 30 an hour, none bad (100%) → Σ 40, 1 bad: 97.5%, not the 95% mean of ratios
    const one = computation('a/one', makeBuckets(START, 240, 10, () => 1));
    const two = computation('a/two', makeBuckets(START, 240, 30));
    const out = slaComputation(makeSla(), [one, two], START, END, END);
    if ('error' in out) {throw new Error(out.error);}
    const c = out.ok;
    expect([c.buckets.total[0], c.buckets.good[0]]).toEqual([40, 39]);
    const october = c.periods[0];
    expect(october.sli).toBeCloseTo(0.975, 12);
    // the open period's total is projected to its 31 days (DESIGN.md "Depletion"): 1 − B/(b·T) = 1 − 240 / (0.01 · 40 · 744) = 0.19355
    expect(october.endRemaining).toBeCloseTo(1 - 240 / (0.01 * 40 * 744), 9);
    expect(c.slo).toMatchObject({ id: 'sla/contract', objective: 0.99, budgeting: 'occurrences' });
  });

  it('reads only the buckets every component holds, and a component without data in a bucket counts as none', () => {
    const one = computation('a/one', makeBuckets(START - DAY, 264, 10));
    const gap = makeBuckets(START, 240, 30);
    const two = computation('a/two', { ...gap, total: gap.total.map((t, i) => (i === 5 ? NaN : t)) });
    const out = slaComputation(makeSla(), [one, two], START, END, END);
    if ('error' in out) {throw new Error(out.error);}
    expect(out.ok.buckets.startMs).toBe(START);
    expect(out.ok.buckets.total.length).toBe(240);
    expect([out.ok.buckets.total[4], out.ok.buckets.total[5]]).toEqual([40, 10]);
  });

  it('refuses components read at different bucket widths, naming the SLA', () => {
    const one = computation('a/one', makeBuckets(START, 240, 10));
    const two = computation('a/two', makeBuckets(START, 120, 60, () => 0, 2 * HOUR));
    expect(slaComputation(makeSla(), [one, two], START, END, END)).toEqual({ error: 'sla/contract: its components were read at different bucket widths (3600 s, 7200 s); choose a shorter time range' });
  });
});
