/**
 * HTTPS connections with their own trust: a self-signed Prometheus on
 * 127.0.0.1 is refused by default, accepted with its certificate as the CA
 * (secureJsonData `<connection>.tlsCACert`) or with tlsSkipVerify.
 * The certificate is made with openssl; skipped with a reason without it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseDatasourceSettings } from '../../core/contracts/settings';
import { HttpCountSource } from './prometheus';
import { needsOwnTls, tlsFetch } from './tlsFetch';

const available = spawnSync('which', ['openssl']).status === 0;
if (!available) {
  console.warn('tlsFetch: openssl not installed, skipped');
}
const signal = new AbortController().signal;

(available ? describe : describe.skip)('HTTPS with a custom CA or skip-verify', () => {
  let server: https.Server;
  let url: string;
  let certPem: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
    certPem = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: certPem }, (req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[60, '4']] }] } })));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => new Promise((r) => server.close(r)));

  function source(extra: Record<string, unknown>, secrets: Record<string, string> = {}) {
    const { settings } = parseDatasourceSettings({ connections: [{ name: 'tls', type: 'prometheus', url, timeoutSeconds: 5, ...extra }] });
    const c = settings.connections[0];
    const tls = { caPem: secrets['tls.tlsCACert'], skipVerify: c.tlsSkipVerify };
    return new HttpCountSource(c, secrets, needsOwnTls(c.url, tls) ? tlsFetch(tls) : fetch);
  }

  it('refuses the self-signed server with the system trust store, saying why', async () => {
    const err = await source({}).rangeCounts('x', 0, 60_000, 60_000, signal).catch((e) => e);
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(/self-signed|SELF_SIGNED/i);
  });

  it.each<[string, Record<string, unknown>, () => Record<string, string>]>([
    ['its certificate as the CA', {}, () => ({ 'tls.tlsCACert': certPem })],
    ['tlsSkipVerify', { tlsSkipVerify: true }, () => ({})],
  ])('accepts it with %s', async (_name, extra, secrets) => {
    expect(Array.from(await source(extra, secrets()).rangeCounts('x', 0, 60_000, 60_000, signal))).toEqual([4]);
  });

  it('uses the own TLS fetch only for https URLs that need it', () => {
    expect(needsOwnTls('http://p:9090', { skipVerify: true })).toBe(false);
    expect(needsOwnTls('https://p', { skipVerify: false })).toBe(false);
    expect(needsOwnTls('https://p', { skipVerify: false, caPem: '-----BEGIN' })).toBe(true);
  });
});
