/**
 * The whole way a frame takes to a panel, with Grafana's own code at each
 * step (issue 15): the real executable's Arrow frames (tests/referee/frameDump.ts),
 * decoded and re-encoded as JSON by grafana-plugin-sdk-go exactly as
 * `/api/ds/query` answers the browser (`referee.json`, written by
 * tests/node/frameReferee.test.ts when SLOLEDGER_FRAME_REFEREE is set),
 * read by @grafana/data's `dataFrameFromJSON` as the browser does, then
 * handed to our panels' readers.
 *
 * Reads `$SLOLEDGER_FRAME_DUMP_DIR/referee.json`; skipped with a printed
 * reason when it is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataFrame, DataFrameJSON, FieldType, dataFrameFromJSON } from '@grafana/data';
import { ADHERENCE_COLUMNS } from '../core/contracts/frameContract';
import { readBudgetSeries } from './budget/viewModel';
import { buildAdherenceView } from './adherence/viewModel';
import { readOverviewRows } from './overview/viewModel';

interface RefereeFrame {
  file: string;
  fields: Array<{ name: string; type: string; values: unknown[] }>;
  sdkJSON?: DataFrameJSON;
}

const file = process.env.SLOLEDGER_FRAME_DUMP_DIR
  ? path.join(process.env.SLOLEDGER_FRAME_DUMP_DIR, 'referee.json')
  : undefined;
const present = !!file && fs.existsSync(file);
if (!present) {
  const why = file ? `${file} is absent` : 'SLOLEDGER_FRAME_DUMP_DIR is not set';
  console.warn(
    `grafanaJsonChain: ${why} (tests/node/frameReferee.test.ts writes referee.json there when SLOLEDGER_FRAME_REFEREE is set); skipped`
  );
}

/** The SDK's Go type (data/field_type.go) → the browser's FieldType. */
const BROWSER_TYPE: Record<string, FieldType> = {
  '[]time.Time': FieldType.time,
  '[]*time.Time': FieldType.time,
  '[]float64': FieldType.number,
  '[]*float64': FieldType.number,
  '[]string': FieldType.string,
  '[]*string': FieldType.string,
  '[]bool': FieldType.boolean,
  '[]*bool': FieldType.boolean,
};

(present ? describe : describe.skip)('frames as the browser gets them from Grafana', () => {
  const frames: RefereeFrame[] = present ? JSON.parse(fs.readFileSync(file!, 'utf8')) : [];
  const browser = new Map<string, DataFrame>(frames.map((f) => [f.file, dataFrameFromJSON(f.sdkJSON!)]));
  const of = (prefix: string) =>
    frames
      .filter((f) => f.file.startsWith(`${prefix}-`) && /^[a-z]+-\d+\.arrow$/.test(f.file))
      .map((f) => browser.get(f.file)!);

  it("@grafana/data reads every frame's JSON with the SDK's field names, types and values (times in ms)", () => {
    for (const f of frames) {
      const df = browser.get(f.file)!;
      expect({ file: f.file, fields: df.fields.map((x) => [x.name, x.type]) }).toEqual({
        file: f.file,
        fields: f.fields.map((x) => [x.name, BROWSER_TYPE[x.type]]),
      });
      df.fields.forEach((field, i) => {
        const sdk = f.fields[i].values.map((v) =>
          v && typeof v === 'object' && 'ns' in v ? Number(BigInt((v as { ns: string }).ns) / BigInt(1_000_000)) : v
        );
        expect({ file: f.file, field: field.name, values: Array.from(field.values as ArrayLike<unknown>) }).toEqual({
          file: f.file,
          field: field.name,
          values: sdk,
        });
      });
    }
  });

  it('the budget panel reads one series per budget frame; the calendar-week SLO and SLA with their weeks', () => {
    const series = readBudgetSeries(of('budget'));
    expect(series.length).toBe(of('budget').length);
    for (const s of series) {
      expect(s.times.length).toBeGreaterThan(0);
      expect(s.times.length).toBe(s.values.length);
    }
    // 21 days of a calendar week: 3 or 4 weeks (a rolling 28d SLO has no period boundaries)
    for (const key of ['accounts/login', 'sla/login-sla']) {
      expect({ key, weeks: [3, 4].includes(series.find((s) => s.key === key)?.periods.length ?? 0) }).toEqual({
        key,
        weeks: true,
      });
    }
  });

  it('the adherence panel reads a row per SLO and a column per period', () => {
    const [frame] = of('adherence');
    expect(frame.fields.map((f) => f.name).slice(0, ADHERENCE_COLUMNS.length)).toEqual([...ADHERENCE_COLUMNS]);
    const view = buildAdherenceView([frame]);
    expect(view.rows.length).toBeGreaterThan(0);
    expect(view.periods.length).toBeGreaterThan(0);
  });

  it('the overview panel reads every catalog row', () => {
    const [frame] = of('catalog');
    const rows = readOverviewRows([frame]);
    expect(rows.length).toBe(frame.length);
    expect(rows.every((r) => r.slo !== '' && r.objective !== null && r.objective > 0 && r.objective < 1)).toBe(true);
  });
});
