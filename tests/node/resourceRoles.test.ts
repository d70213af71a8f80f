/**
 * Who may write through the resource API, over the real protocol: the backend
 * executable, CallResource over gRPC, the caller's Grafana role in the
 * PluginContext (`user.role`). Grafana lets every user who may query a
 * datasource call its resources (Viewers included), so the plugin decides:
 * Viewers read, Editors and Admins write; a request without a user (Grafana's
 * own, e.g. alerting) or without a login does not write. Every method other
 * than GET on a write route is a write attempt, answered 403 before anything
 * else is looked at, and nothing is written.
 *
 * Write routes (src/backend/ledger/routes.ts): POST policies/<policy>/conditions/<id>,
 * POST policies/<policy>/enactments, POST policies/<policy>/reviews.
 * `validate` takes POST but writes nothing: a Viewer may check a catalog.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WirePluginContext, WireUser } from '../../src/backend/protocol/wire';
import { REFEREE_CATALOG, refereePluginContext } from '../referee/frameDump';
import { backendForSuite } from './harness';

jest.setTimeout(90_000);

const POLICY = 'identity-policy';
const WRITES: Array<{ what: string; path: string; body: object }> = [
  {
    what: 'a manual condition state',
    path: `policies/${POLICY}/conditions/C`,
    body: { met: true, note: 'customers escalated' },
  },
  {
    what: 'an enactment',
    path: `policies/${POLICY}/enactments`,
    body: { conditionId: 'B', atMs: 1_790_000_000_000, consequences: ['J'] },
  },
  {
    what: 'a review',
    path: `policies/${POLICY}/reviews`,
    body: { nextReviewMs: 1_800_000_000_000, note: 'quarterly' },
  },
];
const DENIED_USERS: Array<[string, WireUser | undefined]> = [
  ['a Viewer', { login: 'vera', role: 'Viewer' }],
  ['a user with the None role', { login: 'nora', role: 'None' }],
  ['a user without a role', { login: 'rolf', role: '' }],
  ['an Editor without a login', { login: '', role: 'Editor' }],
  ['no user (a request Grafana makes itself)', undefined],
];

const suite = backendForSuite(fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-roles-')));

function contextFor(user: WireUser | undefined): WirePluginContext {
  const { user: _admin, ...rest } = refereePluginContext();
  return user ? { ...rest, user } : rest;
}

async function call(user: WireUser | undefined, method: string, url: string, body?: object) {
  const messages = await suite.client().callResource({
    pluginContext: contextFor(user),
    path: url.split('?')[0],
    method,
    url,
    headers: {},
    body: Buffer.from(body ? JSON.stringify(body) : ''),
  });
  const text = Buffer.concat(messages.map((m) => Buffer.from(m.body ?? []))).toString();
  return { code: messages[0].code, json: text ? JSON.parse(text) : undefined };
}

/** Everything the ledger holds for the policy, read as a Viewer. */
async function written() {
  const viewer = { login: 'vera', role: 'Viewer' };
  const [conditions, enactments, reviews] = await Promise.all([
    call(viewer, 'GET', `policies/${POLICY}/conditions`),
    call(viewer, 'GET', `policies/${POLICY}/enactments`),
    call(viewer, 'GET', `policies/${POLICY}/reviews`),
  ]);
  expect([conditions.code, enactments.code, reviews.code]).toEqual([200, 200, 200]);
  return {
    states: conditions.json.history.length,
    enactments: enactments.json.enactments.length,
    reviews: reviews.json.reviews.length,
  };
}

describe('write routes of the resource API through the executable', () => {
  it('the catalog of this test has the policy with a manual condition', () => {
    expect(REFEREE_CATALOG).toContain(`name: ${POLICY}`);
  });

  it.each(DENIED_USERS)(
    '%s gets 403 on every write route and every write method, and nothing is written',
    async (_who, user) => {
      for (const write of WRITES) {
        for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
          const res = await call(user, method, write.path, write.body);
          expect({ write: write.what, method, code: res.code }).toEqual({ write: write.what, method, code: 403 });
          expect(res.json.error).toMatch(/needs (a signed-in user with )?the Editor role or above/);
        }
      }
      expect(await written()).toEqual({ states: 0, enactments: 0, reviews: 0 });
    }
  );

  it.each([
    ['an Editor', { login: 'edith', role: 'Editor' }],
    ['an Admin', { login: 'adam', role: 'Admin' }],
  ])('%s writes each route, recorded under the login', async (_who, user) => {
    const before = await written();
    for (const write of WRITES) {
      const res = await call(user, 'POST', write.path, write.body);
      expect({ write: write.what, code: res.code }).toEqual({ write: write.what, code: 201 });
      expect(res.json.by).toBe(user.login);
    }
    expect(await written()).toEqual({
      states: before.states + 1,
      enactments: before.enactments + 1,
      reviews: before.reviews + 1,
    });
  });

  it('an Editor gets 405, not a write, for the other methods', async () => {
    const before = await written();
    for (const write of WRITES) {
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        expect({
          write: write.what,
          method,
          code: (await call({ login: 'edith', role: 'Editor' }, method, write.path, write.body)).code,
        }).toEqual({ write: write.what, method, code: 405 });
      }
    }
    expect(await written()).toEqual(before);
  });

  it('a Viewer may still read the ledger and validate a catalog (no write)', async () => {
    const viewer = { login: 'vera', role: 'Viewer' };
    expect((await call(viewer, 'GET', 'ledger/periods')).code).toBe(200);
    const res = await suite.client().callResource({
      pluginContext: contextFor(viewer),
      path: 'validate',
      method: 'POST',
      url: 'validate',
      headers: {},
      body: Buffer.from(REFEREE_CATALOG),
    });
    expect(res[0].code).toBe(200);
  });
});
