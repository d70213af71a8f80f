/** The real CliIo on node:fs (the only file I/O of the CLI). */
import fs from 'node:fs';
import { CliIo } from './io';

export const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => fs.readFileSync(path, 'utf8'),
  kind: (path) => {
    try {
      return fs.statSync(path).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  list: (path) => fs.readdirSync(path).sort(),
  env: (name) => process.env[name],
  now: () => Date.now(),
};
