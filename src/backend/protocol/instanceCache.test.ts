import { InstanceCache } from './instanceCache';

function makeSettings(overrides: Partial<{ uid: string; id: number; lastUpdatedMS: number }> = {}) {
  return { uid: 'ds1', lastUpdatedMS: 100, ...overrides };
}

function makeCache() {
  const created: string[] = [];
  const disposed: string[] = [];
  let n = 0;
  const cache = new InstanceCache({
    create: (s: { uid: string; lastUpdatedMS: number }) => {
      const name = `${s.uid}@${s.lastUpdatedMS}#${++n}`;
      created.push(name);
      return { name };
    },
    dispose: (i) => {
      disposed.push(i.name);
    },
  });
  return { cache, created, disposed };
}

describe('InstanceCache', () => {
  it('reuses the instance while the settings version stays the same', () => {
    const { cache, created } = makeCache();
    expect(cache.get(makeSettings())).toBe(cache.get(makeSettings()));
    expect(created).toEqual(['ds1@100#1']);
  });

  it('rebuilds and disposes the old instance when lastUpdatedMS changes', () => {
    const { cache, created, disposed } = makeCache();
    const first = cache.get(makeSettings());
    const second = cache.get(makeSettings({ lastUpdatedMS: 200 }));
    expect(second).not.toBe(first);
    expect(created).toEqual(['ds1@100#1', 'ds1@200#2']);
    expect(disposed).toEqual(['ds1@100#1']);
    expect(cache.size).toBe(1);
  });

  it('keeps one instance per datasource uid', () => {
    const { cache } = makeCache();
    expect(cache.get(makeSettings({ uid: 'a' }))).not.toBe(cache.get(makeSettings({ uid: 'b' })));
    expect(cache.size).toBe(2);
  });

  it('keys on the numeric id when a settings object has no uid', () => {
    const { cache } = makeCache();
    expect(cache.get(makeSettings({ uid: '', id: 1 }))).not.toBe(cache.get(makeSettings({ uid: '', id: 2 })));
  });

  it('keeps the old instance when creating the new one fails', () => {
    let fail = false;
    const cache = new InstanceCache({
      create: (s: { uid: string; lastUpdatedMS: number }) => {
        if (fail) {
          throw new Error('bad settings');
        }
        return { v: s.lastUpdatedMS };
      },
    });
    const first = cache.get(makeSettings());
    fail = true;
    expect(() => cache.get(makeSettings({ lastUpdatedMS: 2 }))).toThrow('bad settings');
    fail = false;
    expect(cache.get(makeSettings())).toBe(first);
  });

  it('disposes everything on clear and reports dispose errors', async () => {
    const errors: unknown[] = [];
    const cache = new InstanceCache({
      create: (s: { uid: string; lastUpdatedMS: number }) => s.uid,
      dispose: async () => {
        throw new Error('close failed');
      },
      onDisposeError: (e) => errors.push(e),
    });
    cache.get(makeSettings({ uid: 'a' }));
    cache.get(makeSettings({ uid: 'b' }));
    cache.clear();
    await new Promise((r) => setImmediate(r));
    expect(cache.size).toBe(0);
    expect(errors).toHaveLength(2);
  });
});
