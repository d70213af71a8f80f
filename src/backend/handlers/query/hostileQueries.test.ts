/** Hostile query models (issue 9): whatever JSON a panel sends, runQuery answers frames or a clear error, never throws. */
import fc from 'fast-check';
import path from 'node:path';
import { Instance } from '../instance/instance';
import { runQuery } from './pipeline';

const root = path.resolve(__dirname, '../../../..');
const instance = new Instance({ jsonData: { demo: true, catalogDir: path.join(root, 'provisioning/slos') }, decryptedSecureJsonData: {} });
const NOW = Date.UTC(2026, 10, 1);
const KEYS = ['queryType', 'teams', 'services', 'slis', 'slos', 'deployments', 'window', 'timeScale', 'limit', 'adhoc', 'deploymentQuery', 'annotationKinds', 'includeDefaults', 'source', 'objective', 'total', 'bad', 'good', 'customer'];
const TYPES = ['catalog', 'sli', 'budget', 'burnrate', 'adherence', 'depletion', 'exhaustion', 'episodes', 'endpoints', 'adhoc', 'policy', 'nope', ''];

describe('hostile query models', () => {
  it('answer frames or an error for any JSON, with any query type', async () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('$__all', '1h', '99.9', '[$__window]', 'sum(x[$__window])', 'monthly', 'acme', 'acme"}'), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TYPES), fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }), fc.integer({ min: -5, max: 40 }), async (queryType, json, days) => {
        const res = await runQuery(instance, { refId: 'A', queryType, maxDataPoints: 100, intervalMs: 60_000, timeRange: { fromMs: NOW - Math.abs(days) * 86_400_000, toMs: NOW }, json }, new AbortController().signal, NOW);
        expect(Array.isArray(res.frames)).toBe(true);
        if (res.error !== undefined) {
          expect(String(res.error).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 120 }
    );
  });
});

describe('query model shape', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['annotation kinds that are not a list', { annotationKinds: false }, 'Bad query: annotationKinds must be a list of strings'],
    ['a team list of numbers', { teams: [1, 2] }, 'Bad query: teams must be a string or a list of strings'],
    ['a window that is a number', { window: 3600 }, 'Bad query: window must be a string'],
    ['a customer that is a number', { customer: 7 }, 'Bad query: customer must be a string'],
    ['a time scale left as an uninterpolated variable', { timeScale: '$__all' }, 'Bad query: timeScale must be one of hourly, daily, weekly, monthly, period (got "$__all")'],
    ['an ad hoc objective given as text', { adhoc: { total: 'x[$__window]', bad: 'y[$__window]', objective: '99.9', source: 'demo' } }, 'Bad query: adhoc.objective must be a number'],
  ])('answers %s with a 400 naming the field', async (_name, json, error) => {
    const res = await runQuery(instance, { refId: 'A', queryType: 'episodes', maxDataPoints: 100, intervalMs: 60_000, timeRange: { fromMs: NOW - 86_400_000, toMs: NOW }, json }, new AbortController().signal, NOW);
    expect(res).toMatchObject({ status: 400, error });
  });

  it('still accepts one string where a selection list is expected', async () => {
    const res = await runQuery(instance, { refId: 'A', queryType: 'budget', maxDataPoints: 100, intervalMs: 60_000, timeRange: { fromMs: NOW - 86_400_000, toMs: NOW }, json: { services: 'accounts' } }, new AbortController().signal, NOW);
    expect(res.error).toBeUndefined();
    expect(res.frames.length).toBeGreaterThan(0);
  });
});
