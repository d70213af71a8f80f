import { parseDatasourceSettings, secretKey } from './settings';

const prom = (over: Record<string, unknown> = {}) => ({ name: 'main', type: 'prometheus', url: 'http://prometheus:9090/', ...over });

describe('parseDatasourceSettings', () => {
  it('turns the demo source on when nothing is configured', () => {
    const { settings, issues } = parseDatasourceSettings({});
    expect(issues).toEqual([]);
    expect(settings).toMatchObject({ connections: [], demo: true, timeZone: 'UTC', catalogYaml: '' });
  });

  it('keeps the demo off by default once a connection exists, and trims the URL', () => {
    const { settings } = parseDatasourceSettings({ connections: [prom()] });
    expect(settings.demo).toBe(false);
    expect(settings.connections[0]).toMatchObject({ url: 'http://prometheus:9090', auth: 'none', timeoutMs: 30000, maxConcurrency: 8 });
  });

  it.each([
    ['a connection without url or grafanaUid', { connections: [prom({ url: '' })] }, 'connections[0].url'],
    ['an unknown connection type', { connections: [prom({ type: 'graphite' })] }, 'connections[0].type'],
    ['basic auth without a user', { connections: [prom({ auth: 'basic' })] }, 'connections[0].basicAuthUser'],
    ['a non-http URL', { connections: [prom({ url: 'ftp://x' })] }, 'connections[0].url'],
    ['a negative timeout', { connections: [prom({ timeoutSeconds: -1 })] }, 'connections[0].timeoutSeconds'],
    ['a bad header name', { connections: [prom({ headerNames: ['X Bad'] })] }, 'connections[0].headerNames[0]'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a default connection that does not exist', { defaultConnection: 'nope' }, 'defaultConnection'],
    ['connections that are not a list', { connections: 'x' }, 'connections'],
  ])('reports %s at its path', (_name, jsonData, path) => {
    const { issues } = parseDatasourceSettings(jsonData);
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('drops a bad connection but keeps the good ones', () => {
    const { settings, issues } = parseDatasourceSettings({
      connections: [prom({ name: 'bad', type: 'x' }), prom({ name: 'loki', type: 'loki', url: 'http://loki:3100' })],
    });
    expect(settings.connections.map((c) => c.name)).toEqual(['loki']);
    expect(issues).toHaveLength(1);
  });

  it('rejects a duplicate connection name', () => {
    const { settings, issues } = parseDatasourceSettings({ connections: [prom(), prom()] });
    expect(settings.connections).toHaveLength(1);
    expect(issues[0]).toEqual({ path: 'connections[1].name', message: 'duplicate connection name "main"' });
  });

  it('does not mutate its input', () => {
    const input = Object.freeze({ connections: Object.freeze([Object.freeze(prom())]) });
    expect(() => parseDatasourceSettings(input)).not.toThrow();
  });

  it('names secret keys after the connection', () => {
    expect(secretKey.header('main', 'X-Api-Key')).toBe('main.header.X-Api-Key');
    expect(secretKey.bearerToken('main')).toBe('main.bearerToken');
  });
});

describe('ledger settings', () => {
  it.each([
    ['SQLite by default', {}, 'sqlite', []],
    ['PostgreSQL when chosen', { ledgerBackend: 'postgres' }, 'postgres', []],
    ['an unknown backend falls back to SQLite with an issue', { ledgerBackend: 'mysql' }, 'sqlite', [{ path: 'ledgerBackend', message: 'must be "sqlite" (embedded, default) or "postgres"' }]],
  ])('%s', (_name, jsonData, backend, issues) => {
    const parsed = parseDatasourceSettings(jsonData);
    expect(parsed.settings.ledgerBackend).toBe(backend);
    expect(parsed.issues).toEqual(issues);
  });
});
