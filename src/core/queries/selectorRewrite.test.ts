import { firstSelector, restrictSelectors } from './selectorRewrite';
import { restrictSloToCustomer } from './customerRestriction';
import { makeSlo } from '../testing/factories';

const acme = (expr: string, language: 'promql' | 'logql' = 'promql') => restrictSelectors(expr, 'customer', 'acme', language);

describe('restrictSelectors', () => {
  it.each([
    ['a selector inside sum(increase(...[$__window])) gets the matcher before its closing brace', 'sum(increase(http_requests_total{service="checkout",route="/orders",code!~"5.."}[$__window]))', 'sum(increase(http_requests_total{service="checkout",route="/orders",code!~"5..",customer="acme"}[$__window]))'],
    ['a template variable inside a matcher value is left alone', 'sum(increase(http_requests_total{service="checkout",route="$endpoint"}[$__window]))', 'sum(increase(http_requests_total{service="checkout",route="$endpoint",customer="acme"}[$__window]))'],
    ['the demo form metric{...}[$__window] is rewritten', 'demo_good{slo="accounts-login"}[$__window]', 'demo_good{slo="accounts-login",customer="acme"}[$__window]'],
    ['a bare metric name gets a new matcher list', 'sum(rate(up[5m]))', 'sum(rate(up{customer="acme"}[5m]))'],
    ['an empty matcher list gets the matcher alone', 'sum(increase(jobs_total{}[$__window]))', 'sum(increase(jobs_total{customer="acme"}[$__window]))'],
    ['a trailing comma is not doubled', 'x{a="1",}', 'x{a="1",customer="acme"}'],
    ['every selector of a binary expression is restricted, labels in by (...) are not', 'sum by (route) (increase(a_total{service="s"}[1h])) / on (route) group_left sum by (route) (increase(b_total[1h]))', 'sum by (route) (increase(a_total{service="s",customer="acme"}[1h])) / on (route) group_left sum by (route) (increase(b_total{customer="acme"}[1h]))'],
    ['braces and commas inside strings do not confuse the walker', 'x{path="/a{b},c"}', 'x{path="/a{b},c",customer="acme"}'],
    ['offset durations, numbers and keywords are not metrics', 'sum(increase(x_total{a="b"}[1h] offset 5m)) * 2 > bool 1e3', 'sum(increase(x_total{a="b",customer="acme"}[1h] offset 5m)) * 2 > bool 1e3'],
    ['a label that merely ends with the name is no conflict', 'x{sub_customer="z"}', 'x{sub_customer="z",customer="acme"}'],
  ])('PromQL: %s', (_, expr, want) => {
    expect(acme(expr)).toEqual({ expr: want });
  });

  it.each([
    ['a stream selector in count_over_time gets the matcher; label filters after | are untouched', 'sum(count_over_time({service="catalog"} | json | status >= 500 [$__window]))', 'sum(count_over_time({service="catalog",customer="acme"} | json | status >= 500 [$__window]))'],
    ['braces inside a line_format template string are not selectors', 'sum(count_over_time({app="x"} | line_format "{{.msg}}" [5m]))', 'sum(count_over_time({app="x",customer="acme"} | line_format "{{.msg}}" [5m]))'],
  ])('LogQL: %s', (_, expr, want) => {
    expect(acme(expr, 'logql')).toEqual({ expr: want });
  });

  it('escapes the value for a double-quoted string, so a hostile customer name cannot end it', () => {
    expect(restrictSelectors('x{a="b"}', 'customer', 'ac"} or vector(1) #', 'promql')).toEqual({ expr: 'x{a="b",customer="ac\\"} or vector(1) #"}' });
  });

  it.each([
    ['a selector already matching the label', 'x{customer=~"a.*"}', 'already matches label "customer"'],
    ['an unterminated string', 'x{a="b"} or "z', 'unterminated string'],
    ['an unbalanced brace', 'sum(x{a="b")', 'unbalanced "{"'],
    ['no selector at all', 'vector(1)', 'no metric selector found'],
  ])('refuses %s', (_, expr, message) => {
    const out = acme(expr);
    expect('error' in out && out.error).toContain(message);
  });

  it('refuses an invalid label name', () => {
    expect(restrictSelectors('x', 'cust-omer', 'a', 'promql')).toEqual({ error: '"cust-omer" is not a valid label name' });
  });
});

describe('firstSelector', () => {
  it.each([
    ['a metric with matchers inside sum(increase(...))', 'sum(increase(http_requests_total{service="checkout",route="/orders"}[$__window]))', 'promql', 'http_requests_total{service="checkout",route="/orders"}'],
    ['a bare metric after by (...)', 'sum by (route) (rate(up[5m]))', 'promql', 'up'],
    ['a LogQL stream selector', 'sum(count_over_time({service="catalog"} | json [$__window]))', 'logql', '{service="catalog"}'],
  ] as const)('finds %s', (_, expr, language, want) => {
    expect(firstSelector(expr, language)).toEqual({ selector: want });
  });
});

describe('restrictSloToCustomer', () => {
  it('restricts good and total of a Prometheus SLO', () => {
    const out = restrictSloToCustomer(makeSlo(), 'tenant', 'globex');
    expect('slo' in out && out.slo.query).toEqual({
      good: 'sum(increase(http_requests_total{service="checkout",code!~"5..",tenant="globex"}[$__window]))',
      total: 'sum(increase(http_requests_total{service="checkout",tenant="globex"}[$__window]))',
    });
  });

  it('reads a Loki SLO as LogQL and keeps bad rather than good', () => {
    const slo = makeSlo({ source: { type: 'loki' }, query: { bad: 'sum(count_over_time({service="catalog"} | json | status >= 500 [$__window]))', total: 'sum(count_over_time({service="catalog"} | json [$__window]))' } });
    const out = restrictSloToCustomer(slo, 'customer', 'acme');
    expect('slo' in out && out.slo.query).toEqual({
      bad: 'sum(count_over_time({service="catalog",customer="acme"} | json | status >= 500 [$__window]))',
      total: 'sum(count_over_time({service="catalog",customer="acme"} | json [$__window]))',
    });
  });

  it('names the SLO and the expression it could not rewrite', () => {
    const slo = makeSlo({ query: { good: 'x{customer="a"}', total: 'y' } });
    expect(restrictSloToCustomer(slo, 'customer', 'acme')).toEqual({ error: 'checkout/orders-availability: cannot restrict query.good to customer="acme": the selector {customer="a"} already matches label "customer"' });
  });
});
