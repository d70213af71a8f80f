// Node test project: instances that use the default ledger location write it
// under a temporary Grafana data directory, never into the repository.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.GF_PATHS_DATA) {
  const dir = path.join(os.tmpdir(), 'sloledger-jest-grafana-data');
  fs.mkdirSync(dir, { recursive: true });
  process.env.GF_PATHS_DATA = dir;
}
