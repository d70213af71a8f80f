/**
 * bench/panels: the "SLOs by service" view model with 1,000 SLOs — reading the
 * catalog frame, sorting on a column and grouping by service — against a bare
 * Array.prototype.sort of the same rows on the same key, side by side.
 * Run: npx tsx bench/panels/overviewSort.ts   (render time in a browser belongs to the browser bench)
 */
import { performance } from 'node:perf_hooks';
import { FieldType, toDataFrame } from '@grafana/data';
import { groupRows, readOverviewRows, sortRows } from '../../src/panels/overview/viewModel';

const N = 1000;
const states = ['Critical', 'Increasing', 'Recovering', 'Acceptable', 'No data'];
const frame = toDataFrame({
  fields: [
    { name: 'slo', type: FieldType.string, values: Array.from({ length: N }, (_, i) => `svc${i % 40}/slo${i}`) },
    { name: 'service', type: FieldType.string, values: Array.from({ length: N }, (_, i) => `svc${i % 40}`) },
    { name: 'team', type: FieldType.string, values: Array.from({ length: N }, (_, i) => `team${i % 7}`) },
    { name: 'remaining', type: FieldType.number, values: Array.from({ length: N }, (_, i) => ((i * 7919) % 1000) / 500 - 0.5) },
    { name: 'burnState', type: FieldType.string, values: Array.from({ length: N }, (_, i) => states[i % 5]) },
  ],
});

function median(fn: () => unknown, iterations = 200): number {
  for (let i = 0; i < 20; i++) {
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[iterations >> 1];
}

const rows = readOverviewRows([frame]);
let sink = 0;
const read = median(() => (sink += readOverviewRows([frame]).length));
const ours = median(() => (sink += groupRows(sortRows(rows, { key: 'remaining', direction: 'asc' }), 'service').length));
const bare = median(() => (sink += [...rows].sort((a, b) => (a.remaining ?? 0) - (b.remaining ?? 0)).length));
console.log(`rows: ${N}`);
console.log(`read catalog frame → rows:     ${read.toFixed(3)} ms`);
console.log(`sort by remaining + group:     ${ours.toFixed(3)} ms`);
console.log(`bare Array.sort on remaining:  ${bare.toFixed(3)} ms`);
console.log(`ours/bare: ${(ours / bare).toFixed(2)}×${sink > 0 ? '' : ' '}`);
