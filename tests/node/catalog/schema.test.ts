import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { loadCatalog } from '../../../src/core/catalog/loadCatalog';

const root = path.join(__dirname, '../../..');
const schema = JSON.parse(readFileSync(path.join(root, 'docs/schema/sloledger-v1.schema.json'), 'utf8'));
// strict: unknown keywords in the schema are errors; type/required pedantry is off for if/then/oneOf compositions
const validate = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(schema);
const example = () => parse(readFileSync(path.join(root, 'provisioning/slos/example.yaml'), 'utf8'));

/** Policies, default SLOs, on-call facts and timeslices in the shapes native.ts reads (docs/catalog.md). */
const extended = () => ({
  apiVersion: 'sloledger/v1',
  teams: [{ name: 'identity', onCall: { rotation: 'weekly', members: 4, chatChannel: '#identity-oncall' }, policy: 'identity-policy' }],
  services: [
    {
      name: 'accounts',
      team: 'identity',
      endpointLabel: 'route',
      endpointDiscovery: 'sum by (route) (rate(http_requests_total{service="accounts"}[1h]))',
      defaults: [
        { sli: 'availability', objective: 90, good: 'sum(increase(ok{route="$endpoint"}[$__window]))', total: 'sum(increase(all{route="$endpoint"}[$__window]))' },
        { sli: 'latency', objective: 80, thresholdMs: 1000, good: 'sum(increase(b{route="$endpoint",le="1"}[$__window]))', total: 'sum(increase(c{route="$endpoint"}[$__window]))' },
      ],
      slos: [
        {
          name: 'login-slices',
          sli: 'availability',
          objective: 99,
          budgeting: 'timeslices',
          timeslice: { length: '5m', target: 95 },
          good: 'sum(increase(ok[$__window]))',
          total: 'sum(increase(all[$__window]))',
        },
      ],
    },
  ],
  policies: [
    {
      name: 'identity-policy',
      scope: { teams: ['identity'] },
      purpose: 'Keep logins reliable',
      conditions: [
        { id: 'A', kind: 'premature-exhaustion', description: 'exhausted early' },
        { id: 'B', kind: 'budget-spent', pct: 70, description: '70% spent' },
        { id: 'E', kind: 'burn-within', pct: 30, within: '24h', description: '30% within 24h' },
        { id: 'C', kind: 'manual', description: 'customers escalated' },
      ],
      consequences: [{ id: 'J', when: ['A'], blocksReleases: true, environments: ['prod'], description: 'stop releases to production' }],
      escalation: 'the engineering manager decides',
      agreedBy: ['ops', 'dev', 'product owner'],
      nextReview: '2027-03-01',
    },
  ],
});

type Doc = ReturnType<typeof example>;

describe('docs/schema/sloledger-v1.schema.json', () => {
  it('accepts the example catalog provisioning/slos/example.yaml', () => {
    expect(validate(example())).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('accepts policies, default SLOs, on-call facts and timeslices, which the loader reads without errors too', () => {
    expect(validate(extended())).toBe(true);
    expect(loadCatalog([{ name: 'x.yaml', text: stringify(extended()) }]).errors).toEqual([]);
  });

  it.each([
    ['an objective of 100% (book 3.3: no budget)', (d: Doc) => (d.services[0].slos[0].objective = 100), '/services/0/slos/0/objective'],
    ['a query without $__window', (d: Doc) => (d.services[0].slos[0].good = 'sum(ok)'), '/services/0/slos/0/good'],
    ['good and bad together', (d: Doc) => (d.services[0].slos[0].bad = 'b[$__window]'), '/services/0/slos/0'],
    ['neither good nor bad', (d: Doc) => delete d.services[0].slos[0].good, '/services/0/slos/0'],
    ['an unknown SLI kind', (d: Doc) => (d.services[0].slos[0].sli = 'happiness'), '/services/0/slos/0/sli'],
    ['a latency SLO without threshold', (d: Doc) => delete d.services[0].slos[1].thresholdMs, '/services/0/slos/1'],
    ['a period in words', (d: Doc) => (d.defaults.period = '28 days'), '/defaults/period'],
    ['an unknown calendar unit', (d: Doc) => (d.slas[0].period = { calendar: 'fortnight' }), '/slas/0/period'],
    ['a priority level of 7', (d: Doc) => (d.services[0].slos[0].priority.level = 7), '/services/0/slos/0/priority/level'],
    ['a service without team', (d: Doc) => delete d.services[1].team, '/services/1'],
    ['a mistyped native apiVersion', (d: Doc) => (d.apiVersion = 'sloledger/v2'), '/apiVersion'],
  ])('rejects %s at its path, as the loader does', (_name, breakIt, instancePath) => {
    const doc = example();
    breakIt(doc);
    expect(validate(doc)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain(instancePath);
    expect(loadCatalog([{ name: 'x.yaml', text: stringify(doc) }]).errors.length).toBeGreaterThan(0);
  });

  it.each([
    ['timeslices budgeting without a timeslice', (d: ReturnType<typeof extended>) => delete (d.services[0].slos[0] as Partial<(typeof d.services)[0]['slos'][0]>).timeslice, '/services/0/slos/0'],
    ['a burn-within condition without its window', (d: ReturnType<typeof extended>) => delete (d.policies[0].conditions[2] as { within?: string }).within, '/policies/0/conditions/2'],
    ['a default SLO without $endpoint', (d: ReturnType<typeof extended>) => (d.services[0].defaults[0].good = 'sum(increase(ok[$__window]))'), '/services/0/defaults/0/good'],
    ['a policy without a next review date', (d: ReturnType<typeof extended>) => delete (d.policies[0] as { nextReview?: string }).nextReview, '/policies/0'],
    ['defaults without endpoint discovery', (d: ReturnType<typeof extended>) => delete (d.services[0] as { endpointDiscovery?: string }).endpointDiscovery, '/services/0'],
  ])('rejects %s at its path', (_name, breakIt, instancePath) => {
    const doc = extended();
    breakIt(doc);
    expect(validate(doc)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain(instancePath);
  });

  it('flags a mistyped key, which the loader only warns about', () => {
    const doc = example();
    doc.services[0].slos[0].objetive = 99;
    expect(validate(doc)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/0/slos/0', keyword: 'additionalProperties', params: { additionalProperty: 'objetive' } }));
    const loaded = loadCatalog([{ name: 'x.yaml', text: stringify(doc) }]);
    expect(loaded.warnings.map((w) => w.path)).toContain('services[0].slos[0].objetive');
  });
});
