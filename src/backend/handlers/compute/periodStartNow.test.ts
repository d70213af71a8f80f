/**
 * "Now" on the first instant of a calendar period (a range ending on Monday
 * 00:00 for a weekly SLO): the period that starts then is the current one, its
 * budget replenished (book 3.3). The catalog row and the policy figures used to
 * read the week that had just ended (its budget debt, its adherence as the
 * latest entry) while `daysLeft` already counted the new week.
 */
import { PeriodSpec } from '../../../core/model/model';
import { policyFigures } from '../../../core/policy/figures';
import { makeSlo } from '../../../core/testing/factories';
import { CountSource } from '../../sources/types';
import { computeSlo, periodsUpToNow } from './engine';
import { sloNow } from '../frames/sloNow';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEK_UTC: PeriodSpec = { kind: 'calendar', unit: 'week', timeZone: 'UTC' };
const MONDAY = Date.UTC(2026, 10, 30); // 2026-W49
const signal = new AbortController().signal;

/** 1,000 events per minute, 2% bad in the week before MONDAY (burn 2 at 99%: −100% left at its end), 0.5% bad before that. */
function source(): CountSource {
  const badPerMinute = (t: number) => (t > MONDAY - 7 * DAY && t <= MONDAY ? 20 : 5);
  return {
    name: 'fake',
    health: async () => ({ ok: true, message: 'ok' }),
    rangeCounts: async (expr, startMs, endMs, stepMs) => {
      const n = Math.round((endMs - startMs) / stepMs);
      return Float64Array.from({ length: n }, (_, k) => {
        const end = startMs + (k + 1) * stepMs;
        let bad = 0;
        for (let t = end - stepMs + MINUTE; t <= end; t += MINUTE) {
          bad += badPerMinute(t);
        }
        return expr.includes('code!~') ? (stepMs / MINUTE) * 1000 - bad : (stepMs / MINUTE) * 1000;
      });
    },
  };
}

describe('the first instant of a calendar period is in that period', () => {
  const slo = makeSlo({ objective: 0.99, period: WEEK_UTC });

  it.each([
    ['exactly at Monday 00:00', MONDAY],
    ['one minute later', MONDAY + MINUTE],
  ])('"now" %s: the catalog row shows the fresh week, the ended week Broken before it', async (_, nowMs) => {
    const c = await computeSlo(slo, source(), nowMs - DAY, nowMs, nowMs, signal, { extraPeriods: 3 });
    const now = sloNow(c);
    const upToNow = periodsUpToNow(c);
    expect(upToNow[upToNow.length - 1].label).toBe('2026-W49');
    expect(now.recentAdherence.slice(-2)).toEqual(['Broken', 'In progress']);
    // nothing of the new week spent yet (at 00:01, one minute at 0.5% bad of a week budget projected from last week)
    expect(now.remaining).toBeGreaterThan(0.999);
    expect(now.daysLeft).toBe(7);
    // the last hour burned at about 2 (the fake source answers the 5-minute bucket past 00:01 too): a fresh week's
    // budget lasts about half a week at that pace, where the ended week's debt would say 0
    expect(now.exhaustionForecastMs! / DAY).toBeGreaterThan(3.45);
    expect(now.exhaustionForecastMs! / DAY).toBeLessThan(3.8);
    // what the error budget policies judge (book 10.4): the fresh week too
    const figures = policyFigures(slo, upToNow);
    expect(figures).toMatchObject({ periodLabel: '2026-W49', periodStartMs: MONDAY, exhaustedAtMs: null });
  });

  it('a range ending on the Monday still lists only the periods it overlaps: the ended week, with its budget debt', async () => {
    const c = await computeSlo(slo, source(), MONDAY - 7 * DAY, MONDAY, MONDAY, signal);
    expect(c.periods.map((p) => p.label)).toEqual(['2026-W48']);
    expect(c.startingNow).toMatchObject({ label: '2026-W49', adherence: 'In progress', endRemaining: 1 });
    const ended = c.periods.find((p) => p.label === '2026-W48')!;
    expect(ended.adherence).toBe('Broken');
    expect(ended.endRemaining).toBeCloseTo(-1, 9);
    expect(ended.exhaustion?.atMs).toBe(MONDAY - 7 * DAY + 84 * HOUR);
  });
});
