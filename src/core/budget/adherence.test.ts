import { adherenceState } from './adherence';

describe('adherence per period (book 11.2.3)', () => {
  const base = { objective: 0.999, minEvents: 0, finished: true };
  it.each([
    ['exactly on the objective is Fulfilled', { sli: 999 / 1000, total: 1000 }, 'Fulfilled'],
    ['below the objective is Broken', { sli: 0.998, total: 1000 }, 'Broken'],
    ['no events is No data, never 100%', { sli: NaN, total: 0 }, 'No data'],
    ['too few events is No data', { sli: 1, total: 5, minEvents: 10 }, 'No data'],
    ['a running period is In progress', { sli: 0.5, total: 1000, finished: false }, 'In progress'],
  ])('%s', (_n, input, expected) => {
    expect(adherenceState({ ...base, ...input })).toBe(expected);
  });
});
