import { sumBuckets } from './sumBuckets';

const b = (startMs: number, good: number[], total: number[], stepMs = 60_000) => ({ startMs, stepMs, good: Float64Array.from(good), total: Float64Array.from(total) });

describe('sumBuckets', () => {
  it('sums counts per bucket, never ratios: 90% of 10 and 100% of 30 give 97.5%, not the 95% average', () => {
    const s = sumBuckets([b(0, [9], [10]), b(0, [30], [30])]);
    expect('error' in s).toBe(false);
    const { good, total } = s as Exclude<typeof s, { error: string }>;
    expect(good[0] / total[0]).toBe(0.975);
  });

  it('keeps only the interval every part holds, aligned by bucket', () => {
    const s = sumBuckets([b(0, [1, 2, 3], [1, 2, 3]), b(60_000, [10, 20, 30], [10, 20, 30])]) as { startMs: number; good: Float64Array; total: Float64Array };
    expect(s.startMs).toBe(60_000);
    expect(Array.from(s.total)).toEqual([12, 23]);
  });

  it('counts the others where one part has no data, and leaves no data where none has', () => {
    const s = sumBuckets([b(0, [NaN, NaN], [NaN, NaN]), b(0, [5, NaN], [8, NaN])]) as { good: Float64Array; total: Float64Array };
    expect(Array.from(s.total)).toEqual([8, NaN]);
    expect(s.good[0]).toBe(5);
  });

  it('clamps good to total and ignores negative counts', () => {
    const s = sumBuckets([b(0, [12], [10]), b(0, [-3], [-1])]) as { good: Float64Array; total: Float64Array };
    expect([s.good[0], s.total[0]]).toEqual([10, 10]);
  });

  it('refuses parts read at different widths, naming them', () => {
    expect(sumBuckets([b(0, [1], [1], 60_000), b(0, [1], [1], 300_000)])).toEqual({ error: 'read at different bucket widths (60 s, 300 s)' });
  });
});
