// Node test project (setupFilesAfterEnv): instances that use the default ledger
// location write it under a temporary Grafana data directory of this test
// file, never into the repository, and it is removed afterwards.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.GF_PATHS_DATA) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-jest-grafana-data-'));
  process.env.GF_PATHS_DATA = dir;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
}
