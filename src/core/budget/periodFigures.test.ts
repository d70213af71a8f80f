import { cumulate } from './counts';
import { periodDepletion, remainingSeries } from './depletion';
import { episode, episodeSpeeds, findEpisodes } from './episodes';
import { findExhaustion } from './exhaustion';
import { periodFigures } from './periodFigures';
import { DAY, HOUR, interval, makeBuckets, makeSpec } from '../testing/factories';

// A 28-day period of 1,000 events per hour at 99.9%: budget = 0.001 × 672,000 = 672 bad events.
const START = Date.UTC(2026, 1, 2);
const PERIOD = interval(START, START + 28 * DAY, '2026-W06..W09');
const AFTER = PERIOD.endMs + DAY;
const BUDGET = 672;

// Book table 11.3: 70% in 52 h, 50% in 26 h, 25% in 70 h.
const table113 = (h: number) =>
  h >= 10 && h < 62 ? (0.7 * BUDGET) / 52 : h >= 100 && h < 126 ? (0.5 * BUDGET) / 26 : h >= 200 && h < 270 ? (0.25 * BUDGET) / 70 : 0;

describe('depletion episodes (book 11.2.4, table 11.3)', () => {
  const d = periodDepletion(cumulate(makeBuckets(START, 28 * 24, 1000, table113)), makeSpec(), PERIOD, AFTER);
  const episodes = findEpisodes(d);

  it('finds the three episodes with their depleted % and durations', () => {
    expect(episodes).toHaveLength(3);
    expect(episodes.map((e) => Math.round(e.depletedPct))).toEqual([70, 50, 25]);
    expect(episodes.map((e) => (e.endMs - e.startMs) / HOUR)).toEqual([52, 26, 70]);
  });

  it('computes speeds 1.3, 1.9 and 0.4 % per hour, average 1.2 and highest 1.9', () => {
    expect(episodes.map((e) => e.speedPctPerHour.toFixed(1))).toEqual(['1.3', '1.9', '0.4']);
    const { avgSpeed, highestSpeed } = episodeSpeeds(episodes);
    expect(avgSpeed!.toFixed(1)).toBe('1.2');
    expect(highestSpeed!.toFixed(1)).toBe('1.9');
  });

  it('matches the speed arithmetic of the book exactly', () => {
    expect(episode(0, 52 * HOUR, 70).speedPctPerHour).toBeCloseTo(70 / 52, 12);
    expect(episodeSpeeds([]).avgSpeed).toBeNull();
  });

  it('joins runs across gaps shorter than the merge gap and drops noise below 1% of the budget', () => {
    const gappy = (h: number) => (h === 5 || h === 6 || h === 8 ? 30 : h === 100 ? 3 : 0);
    const dd = periodDepletion(cumulate(makeBuckets(START, 28 * 24, 1000, gappy)), makeSpec(), PERIOD, AFTER);
    const joined = findEpisodes(dd, { mergeGapMs: 2 * HOUR });
    expect(joined).toHaveLength(1); // hour 100 spends 3/672 = 0.45%: noise
    expect((joined[0].endMs - joined[0].startMs) / HOUR).toBe(4);
    expect(joined[0].depletedPct).toBeCloseTo((90 / BUDGET) * 100, 9);
    expect(findEpisodes(dd, { mergeGapMs: HOUR })).toHaveLength(2);
    expect(findEpisodes(dd, { mergeGapMs: HOUR, minDepletedPct: 0 })).toHaveLength(3);
  });
});

describe('premature exhaustion (book 11.2.5, fig. 11.4)', () => {
  it('finds the instant the budget ran out and the time to exhaustion from the period start', () => {
    const d = periodDepletion(cumulate(makeBuckets(START, 28 * 24, 1000, table113)), makeSpec(), PERIOD, AFTER);
    const { exhaustion, endRemaining } = findExhaustion(d);
    // 70% spent by hour 62; the second episode spends the last 30% by 100 h + 15.6 h, inside the bucket ending at 116 h
    expect(exhaustion).toEqual({ periodStartMs: START, atMs: START + 116 * HOUR, timeToExhaustionMs: 116 * HOUR });
    expect(endRemaining).toBeCloseTo(-0.45, 9);
  });

  it('reports budget debt at the period end: 150% spent leaves −50% (fig. 11.4)', () => {
    const d = periodDepletion(cumulate(makeBuckets(START, 28 * 24, 1000, (h) => (h < 100 ? (1.5 * BUDGET) / 100 : 0))), makeSpec(), PERIOD, AFTER);
    expect(findExhaustion(d).endRemaining).toBeCloseTo(-0.5, 9);
  });

  it('reports no exhaustion and the leftover when the budget lasts', () => {
    const d = periodDepletion(cumulate(makeBuckets(START, 28 * 24, 1000, (h) => (h === 3 ? 336 : 0))), makeSpec(), PERIOD, AFTER);
    const r = findExhaustion(d);
    expect(r.exhaustion).toBeNull();
    expect(r.endRemaining).toBeCloseTo(0.5, 12);
  });
});

describe('burn-down in a calendar period (DESIGN.md, book fig. 3.9)', () => {
  it('only falls, and ends at 1 − B/(b·T) for a finished period', () => {
    const d = periodDepletion(cumulate(makeBuckets(START, 28 * 24, 1000, table113)), makeSpec(), PERIOD, AFTER);
    const r = remainingSeries(d);
    for (let i = 1; i < r.length; i++) {
      expect(r[i]).toBeLessThanOrEqual(r[i - 1]);
    }
    expect(r[r.length - 1]).toBeCloseTo(1 - 1.45, 9);
  });

  it('extrapolates the current period total from the events so far', () => {
    const now = START + 7 * DAY;
    const d = periodDepletion(cumulate(makeBuckets(START, 7 * 24, 1000, (h) => (h === 0 ? 168 : 0))), makeSpec(), PERIOD, now);
    expect(d.projected).toBe(true);
    expect(d.budget).toBeCloseTo(BUDGET, 9); // 168,000 seen in 7 of 28 days → 672,000 projected
    expect(remainingSeries(d)[d.spent.length - 1]).toBeCloseTo(0.75, 9);
  });

  it('uses the previous period total while the current period is younger than a day', () => {
    const now = START + 6 * HOUR;
    const d = periodDepletion(cumulate(makeBuckets(START, 6, 1000, () => 0)), makeSpec(), PERIOD, now, 1_000_000);
    expect(d.budget).toBeCloseTo(1000, 9);
  });

  it('timeslices: the budget is b · N slices fixed up front and falls only in bad slices', () => {
    const day = interval(START, START + 10 * HOUR, 'day');
    const spec = makeSpec({ objective: 0.8, budgeting: 'timeslices', timeslice: { lengthMs: HOUR, target: 0.95 } });
    // 10 one-hour slices at 80% → 2 bad slices allowed; slices 3 and 7 are bad (90% good < 95%)
    const d = periodDepletion(cumulate(makeBuckets(START, 10, 100, (h) => (h === 3 || h === 7 ? 10 : 1))), spec, day, START + 10 * HOUR);
    expect(d.budget).toBeCloseTo(2, 12);
    expect(Array.from(remainingSeries(d)).map((x) => +x.toFixed(6) || 0)).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0, 0, 0]);
    expect(d.slices).toEqual({ good: 8, counted: 10 });
  });
});

describe('period figures: adherence per period (book 11.2.3)', () => {
  it('marks finished periods Fulfilled or Broken, the current one In progress, and periods without data No data', () => {
    const spec = makeSpec({ objective: 0.99 });
    const p = (i: number) => interval(START + i * DAY, START + (i + 1) * DAY, `d${i}`);
    // day 0: 0.5% bad (fulfilled), day 1: 2% bad (broken), day 2: no events, day 3: running
    const buckets = makeBuckets(START, 4 * 24, 1000, (h) => (h < 24 ? 5 : h < 48 ? 20 : 0));
    const total = Float64Array.from(buckets.total);
    total.fill(0, 48, 72);
    const good = Float64Array.from(buckets.good);
    good.fill(0, 48, 72);
    const figures = periodFigures(cumulate({ ...buckets, total, good }), spec, [p(0), p(1), p(2), p(3)], START + 3 * DAY + 12 * HOUR);
    expect(figures.map((f) => f.adherence)).toEqual(['Fulfilled', 'Broken', 'No data', 'In progress']);
    expect(figures[0].sli).toBeCloseTo(0.995, 12);
    expect(figures[2].sli).toBeNull();
    expect(figures[3].projected).toBe(true);
  });

  it('computes a period starting exactly at "now" as the current one: In progress, nothing spent, budget replenished (book 3.3)', () => {
    const spec = makeSpec({ objective: 0.99 });
    // day 0 burned 2% (Broken, −100% left); "now" is the first instant of day 1
    const now = START + DAY;
    const figures = periodFigures(cumulate(makeBuckets(START, 24, 1000, () => 20)), spec, [interval(START, now, 'd0'), interval(now, now + DAY, 'd1')], now);
    expect(figures.map((f) => [f.label, f.adherence])).toEqual([['d0', 'Broken'], ['d1', 'In progress']]);
    expect(figures[0].endRemaining).toBeCloseTo(-1, 12);
    expect(figures[1]).toMatchObject({ finished: false, projected: true, sli: null, total: 0, endRemaining: 1, exhaustion: null });
    expect(figures[1].remaining).toHaveLength(0);
  });

  it('counts a period the buckets do not reach back to as No data, never Fulfilled', () => {
    const figures = periodFigures(cumulate(makeBuckets(START + DAY, 24, 1000)), makeSpec(), [interval(START, START + 2 * DAY)], START + 3 * DAY);
    expect(figures[0].complete).toBe(false);
    expect(figures[0].adherence).toBe('No data');
  });
});
