import { apiConsumptionAdvice } from './apiConsumption';
import { tighteningAdvice } from './dependencyTightening';
import { ensuredLevel } from './serviceLevel';
import { reliabilityShortlist, shortlistVerdict } from './shortlist';
import { slaTighteningAdvice } from './slaTightening';
import { sreCapacitySigns } from './sreCapacity';
import { steadiestServices } from './steadiest';
import { suggestObjective } from './suggestObjective';
import { averageGrowthRate, direction, slope } from './trend';
import { broken, fulfilled, makePeriodRecord } from '../testing/decisionFactories';

describe('suggestObjective (book 11.5.4: what the last periods would have met)', () => {
  it.each([
    ['three of four periods reach 99.9% when "most" is 75%', [0.9995, 0.9992, 0.9971, 0.9997], 0.75, 0.999],
    ['all four periods reach only 99.5%', [0.9995, 0.9992, 0.9971, 0.9997], 1, 0.995],
    ['periods without data are ignored', [null, 0.9999, null, 0.99991], 1, 0.9999],
    ['an exact hit counts as met', [0.999, 0.999], 1, 0.999],
    ['a service below 90% gets no suggestion', [0.85, 0.8], 1, null],
    ['no data at all gets no suggestion', [null, null], 1, null],
  ])('%s', (_name, slis, share, expected) => {
    const s = suggestObjective(Object.freeze([...slis]) as Array<number | null>, share);
    expect(s.objective).toBe(expected);
  });

  it('reports each candidate with how many periods met it', () => {
    const s = suggestObjective([0.9995, 0.9992, 0.9971, 0.9997], 0.75);
    expect(s.candidates.find((c) => c.objective === 0.9995)).toEqual({ objective: 0.9995, met: 2, of: 4 });
    expect(s.because).toBe('3 of 4 past periods reached 99.9% (needed 3)');
  });

  it('refuses a share outside (0, 1]', () => {
    expect(() => suggestObjective([0.99], 0)).toThrow('share must be in (0, 1]');
  });
});

describe('reliabilityShortlist (book 11.5.3: top N of each indicator, distinct)', () => {
  const e = (key: string, value = '') => ({ key, label: key, value });
  it('unions the top three of each indicator and lists each endpoint once with all its reasons', () => {
    const list = reliabilityShortlist(
      [
        { indicator: 'adherence', entries: [e('a'), e('b'), e('c'), e('d')] },
        { indicator: 'exhaustion', entries: [e('b'), e('e')] },
        { indicator: 'least available', entries: [e('f'), e('a'), e('b')] },
      ],
      3
    );
    expect(list.map((x) => x.key)).toEqual(['b', 'a', 'f', 'e', 'c']);
    expect(list[0].reasons).toHaveLength(3);
    expect(list[1].reasons).toEqual([
      { indicator: 'adherence', rank: 1, value: '' },
      { indicator: 'least available', rank: 2, value: '' },
    ]);
    expect(list.find((x) => x.key === 'd')).toBeUndefined();
  });

  it('counts an endpoint listed twice by one indicator (two periods) once', () => {
    const list = reliabilityShortlist([{ indicator: 'exhaustion', entries: [e('a'), e('a'), e('b')] }], 2);
    expect(list.map((x) => x.key)).toEqual(['a', 'b']);
  });

  it.each([
    [0, 10, 'No endpoint needs reliability work now: more time can go to features.'],
    [5, 10, '5 of 10 endpoints need reliability work: a long list, invest more time in reliability.'],
    [1, 10, '1 of 10 endpoints need reliability work: a short list, most time can go to features.'],
  ])('a list of %d of %d endpoints reads: %s', (listed, all, text) => {
    expect(shortlistVerdict(listed, all)).toBe(text);
  });
});

describe('ensuredLevel (book 11.5.4, B:8001-8006)', () => {
  it.each([
    ['no SLO and no SLA is Undefined', [], [], 'Undefined'],
    ['defended SLOs are High', [['Fulfilled', 'Fulfilled']], [], 'High'],
    ['broken SLOs with defended SLAs are Medium', [['Fulfilled', 'Broken']], [['Fulfilled']], 'Medium'],
    ['an external service with defended SLAs only is Medium', [], [['Fulfilled', 'Fulfilled']], 'Medium'],
    ['broken SLOs without SLAs are Low', [['Broken', 'Fulfilled']], [], 'Low'],
    ['periods in progress are no evidence', [['In progress']], [], 'Low'],
  ] as const)('%s', (_name, slo, sla, level) => {
    expect(ensuredLevel({ service: 's', sloPeriods: slo as never, slaPeriods: sla as never }).level).toBe(level);
  });
});

describe('tighteningAdvice (book 11.5.2: GET /affil ends periods with 20% and 40% left)', () => {
  it('lets team A ask for tighter SLOs with the book\'s numbers', () => {
    expect(tighteningAdvice([0.2, 0.4])).toMatchObject({ canAsk: true, withRoom: 2, periods: 2 });
  });
  it('advises help when most periods end without noteworthy budget', () => {
    const a = tighteningAdvice([0.05, -0.3, 0.4]);
    expect(a.canAsk).toBe(false);
    expect(a.advice).toContain('offer help');
  });
  it('says there is nothing to show without data', () => {
    expect(tighteningAdvice([null]).periods).toBe(0);
  });
});

describe('trend (book 11.2.11 and 11.2.9)', () => {
  it('gives the book\'s TTR example an upward slope of 15 minutes per incident', () => {
    expect(slope([30, 90, 60, 60, 120])).toBeCloseTo(15, 10);
    expect(direction(slope([30, 90, 60, 60, 120]))).toBe('up');
  });
  it('has no slope with one point', () => {
    expect(slope([30])).toBeNull();
    expect(direction(null)).toBe('unknown');
  });
  it('averages growth rates between consecutive periods', () => {
    expect(averageGrowthRate([10, 12, 15])).toBeCloseTo(0.225, 10);
  });
});

describe('slaTighteningAdvice (book 11.5.5)', () => {
  it('allows tightening when TTR falls, most periods were defended and ended with over 25% left', () => {
    const a = slaTighteningAdvice({ timesToRecovery: [120, 90, 60], periods: [fulfilled(0.4), fulfilled(0.3), broken(-0.1)] });
    expect(a.steps.map((s) => s.holds)).toEqual([true, true, true]);
    expect(a.canTighten).toBe(true);
    expect(a.penalty).toContain('larger penalties');
  });
  it('refuses with the book\'s upward TTR and asks for minimal penalties', () => {
    const a = slaTighteningAdvice({ timesToRecovery: [30, 90, 60, 60, 120], periods: [fulfilled(0.4)] });
    expect(a.canTighten).toBe(false);
    expect(a.steps[0].holds).toBe(false);
    expect(a.penalty).toContain('minimal penalties');
  });
  it('does not count 25% exactly as over 25%', () => {
    expect(slaTighteningAdvice({ timesToRecovery: [], periods: [fulfilled(0.25)] }).steps[2].holds).toBe(false);
  });
});

describe('steadiestServices (book 11.5.7)', () => {
  it('keeps only services that defended every period, steadiest first, and spots blips', () => {
    const out = steadiestServices([
      { service: 'shaky', periods: [{ ...fulfilled(), episodes: 0 }, { ...broken(), episodes: 3 }] },
      { service: 'steady', periods: [{ ...fulfilled(0.9), episodes: 1 }, { ...fulfilled(0.8), episodes: 1 }, { ...fulfilled(0.9), episodes: 0 }] },
      { service: 'calm', periods: [{ ...fulfilled(0.7), episodes: 0 }] },
    ]);
    expect(out.map((c) => c.service)).toEqual(['steady', 'calm']);
    expect(out[0].blipPeriods).toBe(2);
    expect(out[0].hypothesis).toContain('depletion blips');
  });
});

describe('apiConsumptionAdvice (book 11.5.1)', () => {
  it.each([
    ['an API without SLOs: define them with the owner team', 0, [], 'define-slos-first'],
    ['fulfilled periods with low depletion: little adaptive capacity', 2, [fulfilled(0.8), fulfilled(0.7)], 'little-adaptive-capacity'],
    ['a broken period: invest in circuit breakers', 2, [fulfilled(0.8), broken()], 'invest-in-adaptive-capacity'],
    ['fulfilled but mostly spent: invest too', 1, [fulfilled(0.1)], 'invest-in-adaptive-capacity'],
    ['only a period in progress: not enough data', 1, [makePeriodRecord({ adherence: 'In progress' })], 'not-enough-data'],
  ] as const)('%s', (_name, count, periods, verdict) => {
    expect(apiConsumptionAdvice(count, periods as never).verdict).toBe(verdict);
  });
});

describe('sreCapacitySigns (book 11.5.6)', () => {
  it('finds all four signs in a struggling team', () => {
    const r = sreCapacitySigns({ team: 't', adherence: ['Broken', 'Broken', 'Fulfilled'], onCallPeople: 1, tickets: [10, 12, 15], timesToRecovery: [30, 90, 60, 60, 120] });
    expect(r.signs.map((s) => s.sign)).toEqual([true, true, true, true]);
    expect(r.count).toBe(4);
  });
  it('says what is unknown instead of guessing', () => {
    const r = sreCapacitySigns({ team: 't', adherence: [], tickets: [], timesToRecovery: [] });
    expect(r.signs.map((s) => s.sign)).toEqual([null, null, null, null]);
    expect(r.signs[1].answer).toBe('no rotation recorded for the team');
  });
});
