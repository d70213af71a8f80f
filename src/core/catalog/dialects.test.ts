import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadCatalog } from './loadCatalog';

const heads = {
  OpenSLO: 'apiVersion: openslo/v1\nkind: SLO\n',
  'an OpenSLO SLI': 'apiVersion: openslo/v1\nkind: SLI\n',
  Sloth: 'version: prometheus/v1\n',
  'Sloth on Kubernetes': 'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\n',
  Pyrra: 'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\n',
};

describe('foreign dialects', () => {
  it.each(Object.entries(heads))('%s: never throws, and every error is located, whatever follows the header', (_name, head) => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.dictionary(fc.constantFrom('metadata', 'spec', 'service', 'slos', 'labels', 'name'), fc.jsonValue({ maxDepth: 4 })).map((d) => stringify(d))), (rest) => {
        const r = loadCatalog([{ name: 'x.yaml', text: head + rest }]);
        return r.errors.every((e) => e.file === 'x.yaml' && e.line >= 1 && e.column >= 1 && e.message.length > 0);
      }),
      { numRuns: 200 }
    );
  });

  it('names every dialect it reads when the apiVersion is none of them', () => {
    const { errors } = loadCatalog([{ name: 'x.yaml', text: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n' }]);
    expect(errors).toEqual([
      expect.objectContaining({
        line: 1,
        path: 'apiVersion',
        message: expect.stringMatching(/^unsupported apiVersion "monitoring.coreos.com\/v1": use sloledger\/v1, openslo\/v1, pyrra.dev\/v1alpha1 .*prometheus\/v1$/),
      }),
    ]);
  });

  it('loads native, OpenSLO, Sloth and Pyrra files side by side, each SLO with its origin format', () => {
    const files = [
      { name: 'native.yaml', text: 'apiVersion: sloledger/v1\nteams: [{name: web}]\nservices:\n  - name: shop\n    team: web\n    slos:\n      - {name: a, sli: availability, objective: 99, good: "g[$__window]", total: "t[$__window]"}\n' },
      { name: 'openslo.yaml', text: 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: b}\nspec:\n  service: shop\n  budgetingMethod: Occurrences\n  objectives: [{target: 0.99}]\n  indicator:\n    metadata: {name: b}\n    spec:\n      ratioMetric:\n        good: {metricSource: {type: Prometheus, spec: {query: ok_total}}}\n        total: {metricSource: {type: Prometheus, spec: {query: all_total}}}\n' },
      { name: 'sloth.yaml', text: 'version: prometheus/v1\nservice: shop\nslos:\n  - name: c\n    objective: 99\n    sli: {events: {error_query: "sum(rate(e[{{.window}}]))", total_query: "sum(rate(t[{{.window}}]))"}}\n' },
      { name: 'pyrra.yaml', text: 'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata: {name: d, labels: {pyrra.dev/service: shop}}\nspec: {target: "99", window: 4w, indicator: {ratio: {errors: {metric: e}, total: {metric: t}}}}\n' },
    ];
    const { catalog, errors } = loadCatalog(files);
    expect(errors).toEqual([]);
    expect(catalog.slos.map((s) => [s.id, s.team, s.origin.format])).toEqual([
      ['shop/a', 'web', 'sloledger/v1'],
      ['shop/b', 'web', 'openslo/v1'],
      ['shop/c', 'web', 'sloth/v1'],
      ['shop/d', 'web', 'pyrra/v1alpha1'],
    ]);
    expect(catalog.services).toHaveLength(1);
  });
});
