import { defaultPriority, sloPriority } from './priority';

describe('default incident priority (book 9.2.5, table 9.5)', () => {
  it.each([
    ['20% left and exhaustion projected is priority 1', 0.2, true, 1],
    ['35% left and exhaustion projected is priority 2', 0.35, true, 2],
    ['60% left and exhaustion projected is priority 3', 0.6, true, 3],
    ['80% left and exhaustion projected is priority 4', 0.8, true, 4],
    ['90% left and exhaustion projected is priority 5', 0.9, true, 5],
    ['10% left without projected exhaustion is priority 5', 0.1, false, 5],
    ['budget debt with exhaustion projected is priority 1', -0.4, true, 1],
  ])('%s', (_name, remaining, projected, level) => {
    expect(defaultPriority(remaining, projected)?.level).toBe(level);
  });

  it('no data gives no priority rather than a guess', () => {
    expect(defaultPriority(null, true)).toBeNull();
  });

  it('a declared priority wins over the derived one and keeps its reason', () => {
    expect(sloPriority({ level: 3, reason: 'internal tool' }, 0.05, true)).toEqual({ level: 3, reason: 'internal tool', source: 'declared' });
    expect(sloPriority(undefined, 0.05, true)).toMatchObject({ level: 1, source: 'derived', reason: '5% of the error budget left and premature exhaustion projected (book table 9.5)' });
  });
});
