/** The resource API under bad requests: unknown routes 404, wrong methods 405, oversized bodies 413, bad JSON 400; never a throw. */
import fc from 'fast-check';
import path from 'node:path';
import { CallResourceRequest } from '../../protocol/handlers';
import { DataSourceSettings } from '../../protocol/settings';
import { Instance } from '../instance/instance';
import { readJsonBody } from './requestBody';
import { handleResource } from './router';
import { selectSlos } from '../query/selection';

const root = path.resolve(__dirname, '../../../..');
const settings: DataSourceSettings = {
  id: 1, uid: 'ds', name: 'SLO Ledger', url: '', user: '', database: '', basicAuthEnabled: false, basicAuthUser: '',
  jsonData: { demo: true, catalogDir: path.join(root, 'provisioning/slos') }, decryptedSecureJsonData: {}, lastUpdatedMS: 1, apiVersion: '',
};
const instance = new Instance(settings);

function req(method: string, url: string, body: string | Buffer = ''): CallResourceRequest {
  const [p] = url.split('?');
  return { context: { orgId: 1, pluginId: 'sloledger-datasource', pluginVersion: '', userAgent: '', apiVersion: '', namespace: '', grafanaConfig: {} }, settings, path: p, url, method, headers: {}, body: Buffer.isBuffer(body) ? body : Buffer.from(body) };
}

async function call(method: string, url: string, body?: string | Buffer) {
  const res = await handleResource(instance, req(method, url, body));
  return { status: res.status, body: JSON.parse(String(res.body)) as Record<string, unknown> };
}

describe('resource API errors', () => {
  it.each<[string, string, string, number, RegExp]>([
    ['an unknown route', 'GET', 'nope', 404, /^no resource "nope"/],
    ['a path that tries to climb out', 'GET', '../../etc/passwd', 404, /^no resource/],
    ['an unknown options dimension', 'GET', 'options/passwords', 404, /^unknown dimension "passwords"/],
    ['a POST to the catalog', 'POST', 'catalog', 405, /^POST is not allowed on catalog/],
    ['a DELETE of options', 'DELETE', 'options/teams', 405, /^DELETE is not allowed/],
    ['a GET of validate', 'GET', 'validate', 405, /^validate takes POST/],
  ])('answers %s with %i', async (_name, method, url, status, message) => {
    const res = await call(method, url);
    expect(res.status).toBe(status);
    expect(String(res.body.error)).toMatch(message);
  });

  it('refuses a validate body over 1 MB with 413 and says the limit', async () => {
    const res = await call('POST', 'validate', Buffer.alloc(1_000_001, 'a'));
    expect(res).toEqual({ status: 413, body: { error: 'the request body is 1000001 bytes, over the limit of 1000000' } });
  });

  it('answers validate of garbage with located errors, not a failure', async () => {
    const res = await call('POST', 'validate', '\u0000{{{: [');
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect((res.body.issues as Array<{ line: number }>)[0].line).toBeGreaterThanOrEqual(1);
  });

  it('treats selection values as plain values: regexes and globs select nothing', async () => {
    const all = instance.catalog().catalog.slos;
    expect(selectSlos(all, { services: ['.*'] })).toEqual([]);
    expect(selectSlos(all, { services: ['check*'] })).toEqual([]);
    expect(selectSlos(all, { services: ['checkout"} or vector(1)'] })).toEqual([]);
    expect(selectSlos(all, { services: ['checkout'] }).every((s) => s.service === 'checkout')).toBe(true);
    const res = await call('GET', `options/slos?service=${encodeURIComponent('.*')}`);
    expect(res).toEqual({ status: 200, body: { values: [] } });
  });
});

describe('resource API under random requests', () => {
  it('never throws, always answers JSON with a known status, whatever the method, path, query string and body', async () => {
    const segment = fc.oneof(fc.constantFrom('catalog', 'options', 'validate', 'teams', 'slos', '..', '', '%zz', '%2e%2e', 'options/teams'), fc.string({ unit: 'binary', maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'get', ''),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constant('apiVersion: sloledger/v1\nservices: [')),
        async (method, segments, query, body) => {
          const p = segments.join('/');
          const res = await handleResource(instance, { ...req(method, p, body), url: `${p}?${query}` });
          expect([200, 400, 404, 405, 413]).toContain(res.status);
          expect(() => JSON.parse(String(res.body))).not.toThrow();
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe('JSON request bodies', () => {
  it.each<[string, string, number, string]>([
    ['bad JSON', '{"met": tru', 400, 'the request body is not JSON: '],
    ['an empty body', '  ', 400, 'the request body is empty: send a JSON object'],
    ['an array', '[1]', 400, 'the request body must be a JSON object, not an array'],
    ['null', 'null', 400, 'the request body must be a JSON object, not null'],
    ['a string', '"x"', 400, 'the request body must be a JSON object, not string'],
  ])('answers %s with %i', (_name, body, status, message) => {
    const out = readJsonBody({ body: Buffer.from(body) });
    expect('response' in out && out.response.status).toBe(status);
    expect('response' in out && String(JSON.parse(String(out.response.body)).error)).toContain(message);
  });

  it('answers an oversized JSON body with 413 before parsing it', () => {
    const out = readJsonBody({ body: Buffer.from(`{"a":"${'x'.repeat(100)}"}`) }, 50);
    expect('response' in out && out.response.status).toBe(413);
  });

  it('parses a JSON object', () => {
    expect(readJsonBody({ body: Buffer.from('{"met":true,"note":"é"}') })).toEqual({ ok: { met: true, note: 'é' } });
  });
});
