import { burnState, timeToExhaustionMs } from './forecast';

const DAY = 86_400_000;
const P = 28 * DAY;

describe('forecast: time left until the budget is spent', () => {
  it.each([
    ['half the budget at burn 2 lasts a quarter period', 0.5, 2, 7 * DAY],
    ['the whole budget at burn 1 lasts exactly one period', 1, 1, P],
    ['a spent budget has no time left', -0.2, 3, 0],
    ['not burning never runs out', 0.5, 0, null],
    ['no data, no forecast', null, 2, null],
  ])('%s', (_n, r, burn, expected) => {
    expect(timeToExhaustionMs(r, burn, P)).toBe(expected);
  });
});

describe('burn-rate state', () => {
  const base = { periodMs: P, untilPeriodEndMs: 14 * DAY };
  it.each([
    ['budget debt is Critical', { remaining: -0.1, burnShort: 0.2, burnLong: 0.2 }, 'Critical'],
    ['premature exhaustion ahead at the 1h burn is Critical', { remaining: 0.2, burnShort: 3, burnLong: 1.5 }, 'Critical'],
    ['burning too fast and accelerating is Increasing', { remaining: 0.9, burnShort: 1.5, burnLong: 1.2 }, 'Increasing'],
    ['slowing down after a fast day is Recovering', { remaining: 0.6, burnShort: 0.5, burnLong: 2 }, 'Recovering'],
    ['on or under pace is Acceptable', { remaining: 0.6, burnShort: 0.9, burnLong: 0.8 }, 'Acceptable'],
    ['nothing known is No data', { remaining: null, burnShort: null, burnLong: null }, 'No data'],
  ])('%s', (_n, input, expected) => {
    expect(burnState({ ...base, ...input })).toBe(expected);
  });
});
