import { noRecordNotices } from './merge';

describe('the "no record" notice of a query', () => {
  it.each([
    ['nothing missing', [], []],
    ['one SLO', [{ id: 'a', labels: ['2026-01', '2026-02'] }], ['a: no record for 2026-01, 2026-02 (closed periods the source no longer holds and the ledger lacks: shown as No data)']],
    [
      'a thousand SLOs: three by name, then a count',
      Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, labels: ['2026-01'] })),
      ['s0: no record for 2026-01; s1: no record for 2026-01; s2: no record for 2026-01; and 997 more SLOs (closed periods the source no longer holds and the ledger lacks: shown as No data)'],
    ],
  ])('%s', (_name, unrecorded, expected) => {
    expect(noRecordNotices(unrecorded)).toEqual(expected);
  });
});
