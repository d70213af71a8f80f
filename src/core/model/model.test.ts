import { emptyCatalog, SLI_KINDS } from './model';

describe('model', () => {
  it('starts an empty catalog with every collection empty', () => {
    const c = emptyCatalog();
    expect(Object.values(c).every((v) => Array.isArray(v) && v.length === 0)).toBe(true);
  });
  it('lists the SLI kinds of book fig. 3.1 plus custom', () => {
    expect(SLI_KINDS).toEqual(['availability', 'latency', 'throughput', 'freshness', 'correctness', 'custom']);
  });
});
