import { fakeTemplateSrv } from './testUtils';
import { expandSelection, expandValues, formatExpressionValue, interpolateQuery, selectionParams } from './templateVariables';
import { SloLedgerQuery } from './types';

const makeQuery = (overrides: Partial<SloLedgerQuery> = {}): SloLedgerQuery => ({ refId: 'A', queryType: 'budget', ...overrides });

describe('expandValues', () => {
  const srv = fakeTemplateSrv({ team: ['payments', 'search'], service: 'checkout', empty: [] });

  it.each([
    ['a multi-value variable becomes one entry per value', ['$team'], ['payments', 'search']],
    ['a single-value variable becomes its value', ['$service'], ['checkout']],
    ['plain values stay as they are', ['sre', 'ops'], ['sre', 'ops']],
    ['variables and plain values mix, duplicates removed, order kept', ['search', '$team', 'sre'], ['search', 'payments', 'sre']],
    ['the ${name} syntax works too', ['${team}'], ['payments', 'search']],
    ['a variable with no selected value yields nothing', ['$empty'], []],
    ['an unknown variable is left for the backend to report', ['$nope'], ['$nope']],
    ['blank entries are dropped', ['', '  '], []],
  ])('%s', (_name, input, expected) => {
    expect(expandValues(input, {}, srv)).toEqual(expected);
  });

  it('keeps undefined undefined (the backend then selects all)', () => {
    expect(expandValues(undefined, {}, srv)).toBeUndefined();
  });

  it('prefers scoped variables (repeated panels) over dashboard values', () => {
    expect(expandValues(['$team'], { team: { text: 'sre', value: 'sre' } }, srv)).toEqual(['sre']);
  });

  it('passes the "All" value of a custom all value through for the backend ($__all)', () => {
    expect(expandValues(['$team'], {}, fakeTemplateSrv({ team: '$__all' }))).toEqual(['$__all']);
  });
});

describe('interpolateQuery', () => {
  const srv = fakeTemplateSrv({ team: ['payments', 'search'], window: '5m', scale: 'monthly', route: ['/a', '/b.c'], code: '5..' });

  it('expands every selection field and leaves other fields alone', () => {
    const query = makeQuery({ teams: ['$team'], services: ['checkout'], slis: [], includeDefaults: false, timeScale: 'weekly' });
    expect(interpolateQuery(query, {}, srv)).toEqual({ ...query, teams: ['payments', 'search'] });
  });

  it('does not mutate the stored query', () => {
    const query = Object.freeze(makeQuery({ teams: Object.freeze(['$team']) as string[] }));
    interpolateQuery(query, {}, srv);
    expect(query.teams).toEqual(['$team']);
  });

  it('interpolates the time scale (the app pages bind it to $timeScale)', () => {
    expect(interpolateQuery(makeQuery({ queryType: 'depletion', timeScale: '$scale' as never }), {}, srv).timeScale).toBe('monthly');
  });

  it('interpolates the burn-rate window', () => {
    expect(interpolateQuery(makeQuery({ queryType: 'burnrate', window: '$window' }), {}, srv).window).toBe('5m');
  });

  it('interpolates ad hoc expressions: one value as is, several as a regex alternation', () => {
    const out = interpolateQuery(
      makeQuery({
        queryType: 'adhoc',
        adhoc: { source: 'prometheus', bad: 'sum(rate(x{code=~"$code",route=~"$route"}[$__window]))', total: 'sum(rate(x[$__window]))', objective: 99 },
      }),
      {},
      srv
    );
    expect(out.adhoc).toEqual({ source: 'prometheus', bad: 'sum(rate(x{code=~"5..",route=~"(/a|/b\\\\.c)"}[$__window]))', total: 'sum(rate(x[$__window]))', objective: 99 });
  });

  it('leaves $__window for the backend', () => {
    const out = interpolateQuery(makeQuery({ queryType: 'adhoc', adhoc: { source: 'demo', good: 'demo_good[$__window]', total: 'demo_total[$__window]', objective: 99 } }), {}, srv);
    expect(out.adhoc?.good).toBe('demo_good[$__window]');
  });
});

describe('interpolateQuery: the customer (book 11.2.7)', () => {
  const srv = fakeTemplateSrv({ customer: 'acme', all: '$__all', some: ['acme', 'globex'], odd: 'acme",slo="x', none: [] });

  it.each([
    ['a single-value $customer becomes its value', '$customer', 'acme'],
    ['a typed customer stays as it is', 'initech', 'initech'],
    ['"All" means every customer: no customer sent', '$all', undefined],
    ['a variable with no value means every customer', '$none', undefined],
    ['an empty field means every customer', '', undefined],
    ['several values go on as a list, which the backend refuses by name', '$some', ['acme', 'globex']],
    ['quotes stay plain text here: the backend escapes the label value', '$odd', 'acme",slo="x'],
  ])('%s', (_name, customer, expected) => {
    const out = interpolateQuery(makeQuery({ queryType: 'adherence', customer }), {}, srv);
    expect(out.customer).toEqual(expected);
    expect('customer' in out).toBe(expected !== undefined);
  });
});

describe('expandSelection', () => {
  it('keeps fields that are not set absent', () => {
    const out = expandSelection({ teams: ['$team'] }, {}, fakeTemplateSrv({ team: 'a' }));
    expect(out).toEqual({ teams: ['a'] });
    expect('services' in out).toBe(false);
  });
});

describe('formatExpressionValue', () => {
  it.each([
    ['a single value', 'checkout', 'checkout'],
    ['a list of one', ['checkout'], 'checkout'],
    ['several values, regex-escaped with the backslash doubled for the string literal', ['a.b', 'c|d'], '(a\\\\.b|c\\\\|d)'],
    ['a value with a quote cannot close the matcher', 'x"} or vector(1) or {a="', 'x\\"} or vector(1) or {a=\\"'],
    ['a backslash stays a backslash', 'C:\\dir', 'C:\\\\dir'],
    ['several values with quotes and newlines', ['a"b', 'c\nd'], '(a\\"b|c\\nd)'],
  ])('%s', (_name, value, expected) => {
    expect(formatExpressionValue(value)).toBe(expected);
  });
});

describe('selectionParams', () => {
  it('names parameters as the resource API reads them and repeats them per value', () => {
    expect(selectionParams({ teams: ['a', 'b'], services: ['s'], slis: [], deployments: ['prod'], slos: ['s/x'] })).toEqual({
      team: ['a', 'b'],
      service: ['s'],
      deployment: ['prod'],
      slo: ['s/x'],
    });
  });
});
