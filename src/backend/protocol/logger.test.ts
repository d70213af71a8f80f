import { createLogger, formatHclogLine, formatHclogTimestamp, parseLogLevel } from './logger';
import { REDACTED, redact } from './redact';

// go-plugin's layout `2006-01-02T15:04:05.000000Z07:00`: exactly 6 fractional digits.
const GO_LAYOUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

describe('formatHclogTimestamp', () => {
  it.each([
    [Date.UTC(2026, 0, 2, 3, 4, 5, 67), '2026-01-02T03:04:05.067000Z'],
    [Date.UTC(2026, 10, 22, 23, 59, 59, 999), '2026-11-22T23:59:59.999000Z'],
    [0, '1970-01-01T00:00:00.000000Z'],
  ])('formats %d as %s', (ms, text) => {
    expect(formatHclogTimestamp(new Date(ms))).toBe(text);
    expect(text).toMatch(GO_LAYOUT);
  });
});

describe('logger', () => {
  function capture(level?: 'info' | 'debug') {
    const lines: string[] = [];
    const logger = createLogger({ level, write: (l) => lines.push(l), now: () => new Date(Date.UTC(2026, 10, 22, 12, 0, 0, 5)) });
    return { lines, logger, parsed: () => lines.map((l) => JSON.parse(l)) };
  }

  it('writes one hclog JSON object per line with @level, @message and a 6-digit @timestamp', () => {
    const { logger, lines, parsed } = capture();
    logger.info('query done', { refId: 'A', frames: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(parsed()[0]).toEqual({ '@level': 'info', '@message': 'query done', '@timestamp': '2026-11-22T12:00:00.005000Z', refId: 'A', frames: 2 });
  });

  it('drops lines below the level', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.trace('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
  });

  it('adds context fields with `with`', () => {
    const { logger, parsed } = capture();
    logger.with({ uid: 'ds1' }).error('failed', { error: new Error('boom') });
    expect(parsed()[0]).toMatchObject({ '@level': 'error', uid: 'ds1', error: 'Error: boom' });
  });

  it('never logs secrets', () => {
    const { logger, lines } = capture();
    logger.info('settings', { settings: { url: 'http://prom', decryptedSecureJsonData: { password: 'hunter2' } }, Authorization: 'Bearer abc' });
    expect(lines[0]).not.toContain('hunter2');
    expect(lines[0]).not.toContain('Bearer abc');
    expect(lines[0]).toContain('http://prom');
  });

  it('cannot clobber the reserved keys and survives unserialisable fields', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(JSON.parse(formatHclogLine('info', 'm', { '@level': 'x' }))).toEqual({ '@level': 'info', '@message': 'm', '_@level': 'x' });
    expect(JSON.parse(formatHclogLine('warn', 'm', { n: BigInt(10) }))).toMatchObject({ n: '10' });
    expect(() => formatHclogLine('info', 'm', { cyclic })).not.toThrow();
  });

  it('parses level names', () => {
    expect(parseLogLevel(' WARN ')).toBe('warn');
    expect(parseLogLevel('loud')).toBeUndefined();
  });
});

describe('redact', () => {
  it.each([
    'password',
    'basicAuthPassword',
    'token',
    'apiToken',
    'secret',
    'clientSecret',
    'Authorization',
    'X-Api-Key',
    'api_key',
    'Cookie',
    'privateKey',
  ])('masks %s', (key) => {
    expect(redact({ [key]: 'value' })).toEqual({ [key]: REDACTED });
  });

  it.each(['url', 'uid', 'passthrough', 'compass', 'user'])('keeps %s', (key) => {
    expect(redact({ [key]: 'value' })).toEqual({ [key]: 'value' });
  });

  it('masks at any depth, in arrays and maps, without mutating the input', () => {
    const input = Object.freeze({ a: [{ token: 't' }], m: new Map([['secret', 's']]), body: Buffer.from('abc') });
    expect(redact(input)).toEqual({ a: [{ token: REDACTED }], m: { secret: REDACTED }, body: '<3 bytes>' });
    expect(input.a[0].token).toBe('t');
  });
});
