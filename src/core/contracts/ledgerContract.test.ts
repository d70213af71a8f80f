import { parseEnactmentWrite, parseManualConditionWrite, parseReviewWrite } from './ledgerContract';

describe('ledger write bodies', () => {
  it.each([
    ['a met condition with a note', { met: true, note: '3 P1 incidents this week' }, { ok: { met: true, note: '3 P1 incidents this week' } }],
    ['a condition no longer met', { met: false }, { ok: { met: false } }],
    ['met as a string', { met: 'yes' }, { error: 'met: required, true or false' }],
    ['a list', [], { error: 'body must be a JSON object like {"met": true, "note": "..."}' }],
    ['a numeric note', { met: true, note: 3 }, { error: 'note: must be a string' }],
  ])('manual condition: %s', (_name, body, expected) => {
    expect(parseManualConditionWrite(body)).toEqual(expected);
  });

  const enactment = { conditionId: 'A', atMs: 1_767_225_600_000, trigger: 'automatic', consequences: ['freeze'], workItems: [{ url: 'https://jira.example/SRE-1', status: 'open' }] };
  it.each([
    ['a complete enactment', enactment, { ok: enactment }],
    ['no condition', { ...enactment, conditionId: ' ' }, { error: 'conditionId: required, the id of the policy condition that fired' }],
    ['no instant', { ...enactment, atMs: 'today' }, { error: 'atMs: required, epoch milliseconds when the condition was met' }],
    ['an unknown trigger', { ...enactment, trigger: 'cron' }, { error: 'trigger: must be "automatic" or "manual"' }],
    ['a work item that is not a URL', { ...enactment, workItems: [{ url: 'SRE-1' }] }, { error: 'workItems[0].url: must be an http(s) URL' }],
    ['consequences that are not ids', { ...enactment, consequences: [1] }, { error: 'consequences: must be a list of consequence ids' }],
  ])('enactment: %s', (_name, body, expected) => {
    expect(parseEnactmentWrite(body)).toEqual(expected);
  });

  it('defaults an enactment to a manual trigger without consequences or work items', () => {
    expect(parseEnactmentWrite({ conditionId: 'C', atMs: 5 })).toEqual({ ok: { conditionId: 'C', atMs: 5, trigger: 'manual', consequences: [], workItems: [] } });
  });

  it.each([
    ['a next review date', { nextReviewMs: 1_767_225_600_000 }, { ok: { nextReviewMs: 1_767_225_600_000 } }],
    ['no date', { note: 'x' }, { error: 'nextReviewMs: required, epoch milliseconds of the next review' }],
  ])('review: %s', (_name, body, expected) => {
    expect(parseReviewWrite(body)).toEqual(expected);
  });
});
