import { checkQuery, SloLedgerQueryModel } from './queryModel';

const q = (over: Partial<SloLedgerQueryModel>): SloLedgerQueryModel => ({ refId: 'A', ...over });

describe('checkQuery', () => {
  it.each<[string, Partial<SloLedgerQueryModel>, string | null]>([
    ['a budget query with no selection is complete (all SLOs)', { queryType: 'budget' }, null],
    ['a query with no type defaults to budget', {}, null],
    ['an unknown type names the known ones', { queryType: 'nope' as never }, 'a known query type (one of catalog, sli, budget'],
    ['a burn-rate window must look like 1h', { queryType: 'burnrate', window: 'one hour' }, 'a burn-rate window like 1h or 30m (got "one hour")'],
    ['top N must be a whole number', { queryType: 'endpoints', topN: 2.5 }, 'a top N that is a whole number above 0'],
    ['ad hoc needs a total', { queryType: 'adhoc' }, 'Ad hoc: a total expression'],
    ['ad hoc needs good or bad', { queryType: 'adhoc', adhoc: { source: 'demo', total: 't', objective: 99 } }, 'Ad hoc: a good or a bad expression'],
    ['ad hoc refuses both good and bad', { queryType: 'adhoc', adhoc: { source: 'demo', total: 't', good: 'g', bad: 'b', objective: 99 } }, 'Ad hoc: either good or bad, not both'],
    ['ad hoc refuses a 100% objective', { queryType: 'adhoc', adhoc: { source: 'demo', total: 't', good: 'g', objective: 100 } }, 'Ad hoc: an objective such as 99.9'],
    ['a complete ad hoc query runs', { queryType: 'adhoc', adhoc: { source: 'demo', total: 't', good: 'g', objective: 99.9 } }, null],
  ])('%s', (_name, over, missing) => {
    const result = checkQuery(q(over));
    if (missing === null) {
      expect(result).toEqual({ ok: true });
    } else {
      expect(result.ok).toBe(false);
      expect(!result.ok && result.missing).toContain(missing);
    }
  });
});
