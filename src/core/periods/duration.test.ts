import fc from 'fast-check';
import { formatDuration, parseDuration } from './duration';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration', () => {
  it.each(
    Object.freeze([
      ['five minutes (book 9.2.11 evaluation interval)', '5m', 5 * M],
      ['an hour and a half', '1h30m', 90 * M],
      ['a 28-day rolling period (book 3.3)', '28d', 28 * D],
      ['four weeks', '4w', 28 * D],
      ['half a second', '500ms', 500],
      ['seconds', '30s', 30_000],
      ['a fractional hour', '1.5h', 90 * M],
      ['surrounding whitespace', ' 2h ', 2 * H],
    ] as const),
  )('reads %s', (_name, text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(
    Object.freeze([
      ['an empty string', ''],
      ['a number without unit', '5'],
      ['an unknown unit', '3y'],
      ['a negative value', '-5m'],
      ['trailing garbage', '5mx'],
      ['inner spaces', '1h 30m'],
      ['zero', '0s'],
      ['a unit without number', 'h'],
    ] as const),
  )('rejects %s with a clear message', (_name, text) => {
    expect(() => parseDuration(text)).toThrow(/invalid duration .*write a number and unit/);
  });
});

describe('formatDuration', () => {
  it.each(
    Object.freeze([
      ['an hour and a half', 90 * M, '1h30m'],
      ['28 days as four weeks', 28 * D, '4w'],
      ['nine days as a week and two days', 9 * D, '1w2d'],
      ['milliseconds', 500, '500ms'],
      ['zero', 0, '0s'],
    ] as const),
  )('writes %s', (_name, ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('refuses negative durations', () => {
    expect(() => formatDuration(-1)).toThrow('non-negative');
  });

  it('round-trips any positive whole number of milliseconds', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 400 * D }), (ms) => parseDuration(formatDuration(ms)) === ms));
  });
});
