// A small zip writer on Node's zlib, for machines without Debian's `zip`:
// deflated entries, Unix permissions kept in the external attributes (so the
// backend executables stay executable after `unzip` / `grafana cli`), no
// zip64 (every entry and the archive stay below 4 GiB; checked).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const LIMIT = 0xffffffff;

/** DOS date/time of an instant (zip stores local-less 2-second resolution). */
function dosTime(date) {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

/** Files under `dir` (recursively), sorted, as paths relative to `dir`. */
function walk(dir, prefix = '') {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? [rel + '/', ...walk(dir, rel)] : [rel];
    });
}

/**
 * Writes `zipFile` holding the folder `sourceDir` under the name `topName/`.
 * @returns {string[]} the entry names written
 */
export function writeZip(zipFile, sourceDir, topName) {
  const out = fs.openSync(zipFile, 'w');
  const central = [];
  let offset = 0;
  const write = (buf) => {
    fs.writeSync(out, buf);
    offset += buf.length;
  };
  const entries = [topName + '/', ...walk(sourceDir).map((rel) => `${topName}/${rel}`)];
  for (const name of entries) {
    const isDir = name.endsWith('/');
    const full = path.join(sourceDir, name.slice(topName.length + 1));
    const stat = fs.statSync(full);
    const data = isDir ? Buffer.alloc(0) : fs.readFileSync(full);
    const packed = isDir ? data : zlib.deflateRawSync(data, { level: 6 });
    const method = isDir ? 0 : 8;
    if (data.length >= LIMIT || offset + packed.length >= LIMIT) {
      throw new Error(`${name}: over 4 GiB, which this writer (no zip64) cannot store; install zip`);
    }
    const crc = isDir ? 0 : zlib.crc32(data) >>> 0;
    const { time, day } = dosTime(stat.mtime);
    const nameBuf = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const localOffset = offset;
    write(local);
    write(nameBuf);
    write(packed);
    const mode = (isDir ? 0o040000 : 0o100000) | (stat.mode & 0o777);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes carry the mode
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt16LE(time, 12);
    entry.writeUInt16LE(day, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBuf.length, 28);
    entry.writeUInt32LE(((mode << 16) | (isDir ? 0x10 : 0)) >>> 0, 38);
    entry.writeUInt32LE(localOffset, 42);
    central.push(Buffer.concat([entry, nameBuf]));
  }
  const centralStart = offset;
  for (const c of central) {
    write(c);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(offset - centralStart, 12);
  end.writeUInt32LE(centralStart, 16);
  write(end);
  fs.closeSync(out);
  return entries;
}
