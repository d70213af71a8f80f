/**
 * A second backend process for the ledger tests, run with `node --import tsx`:
 *   write <sqlite|postgres> <file|url> <count> <firstStartMs>   migrate, write count periods, print how many were new
 *   crash <sqlite|postgres> <file|url>                         commit 3 periods, then die (SIGKILL from the test) in the middle of a 5-period write
 */
import fs from 'node:fs';
import { openStore } from './openStore';
import { makeRecords } from './records';

const say = (line: string) => fs.writeSync(1, line + '\n');

async function main(): Promise<void> {
  const [mode, kind, target, count, first] = process.argv.slice(2);
  const store = openStore(kind, target);
  await store.migrate();
  if (mode === 'write') {
    const inserted = await store.recordPeriods(makeRecords(Number(count), { startMs: Number(first) }));
    say(`inserted ${inserted}`);
    await store.close();
    return;
  }
  await store.recordPeriods(makeRecords(3, { subjectId: 'committed' }));
  say('committed');
  await store.recordPeriods(makeRecords(5, { subjectId: 'torn' }), {
    onRow: (n) => {
      if (n === 2) {
        say('mid');
        if (kind === 'sqlite') {
          // block inside the open transaction until killed
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
        }
        return new Promise<void>(() => undefined);
      }
      return undefined;
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
