import { loadCatalog } from './loadCatalog';

const withAlert = (alert: string) =>
  loadCatalog([
    {
      name: 'a.yaml',
      text: `apiVersion: sloledger/v1
teams: [{ name: payments }]
services:
  - name: data
    team: payments
    slos:
      - name: get-data
        sli: availability
        objective: 99.7
        good: sum(increase(ok[$__window]))
        total: sum(increase(all[$__window]))
${alert}`,
    },
  ]);

describe("an SLO's alert block (book table 9.10)", () => {
  it("reads the book's example: 200% within 60 minutes, every 5 minutes, snoozed 120 minutes", () => {
    const { catalog, errors } = withAlert('        alert: { depletionThresholdPct: 200, window: 60m, evaluateEvery: 5m, snooze: 2h }');
    expect(errors).toEqual([]);
    expect(catalog.slos[0].alert).toEqual({ depletionThresholdPct: 200, windowMs: 3_600_000, evaluateEveryMs: 300_000, snoozeMs: 7_200_000 });
  });

  it("fills what is left out with the book's values", () => {
    const { catalog } = withAlert('        alert: { depletionThresholdPct: 300 }');
    expect(catalog.slos[0].alert).toEqual({ depletionThresholdPct: 300, windowMs: 3_600_000, evaluateEveryMs: 300_000, snoozeMs: 7_200_000 });
  });

  it('leaves the SLO without an alert block undefined (generators use the defaults)', () => {
    expect(withAlert('').catalog.slos[0].alert).toBeUndefined();
  });

  it.each([
    ['a bad duration is named at its place', '        alert: { window: soon }', 'slos[0].alert.window', 'invalid duration'],
    ['a threshold of 0% is refused', '        alert: { depletionThresholdPct: 0 }', 'slos[0].alert.depletionThresholdPct', 'above 0'],
    ['a list instead of a mapping is refused', '        alert: [200]', 'slos[0].alert', 'must be a mapping'],
  ])('%s', (_name, block, path, message) => {
    const { errors, catalog } = withAlert(block);
    expect(errors[0].path).toContain(path);
    expect(errors[0].message).toContain(message);
    expect(catalog.slos).toHaveLength(0);
  });
});
