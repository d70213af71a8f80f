/** book 11.5.3 (tables 11.7, 11.8): features versus reliability — top N of five indicators, distinct endpoints, with reasons. */
import React from 'react';
import { reliabilityShortlist, shortlistVerdict } from '../../core/decisions/shortlist';
import { ResourceView } from '../scene/ResourceView';
import { RowsTable } from '../scene/RowsTable';
import { variableValue } from '../scene/sceneSelection';
import { shortlistRankings } from './evidence';
import { indicator } from './loaders';
import { StepList } from './StepList';
import { WorkflowTab } from './workflow';

export const featuresVsReliabilityTab: WorkflowTab = {
  slug: 'features-vs-reliability',
  title: 'Features versus reliability',
  section: '11.5.3',
  purpose: 'Decide how much of the next iteration goes to reliability: the endpoints most in need of reliability work.',
  build: () =>
    new ResourceView({
      key: 'decision-features',
      load: async ({ uid, params, scene }) => {
        const topN = Number(variableValue(scene, 'topN') ?? 3) || 3;
        const [adherence, exhaustion, depletion, leastAvailable, slowest, all] = await Promise.all([
          indicator(uid, 'slo-adherence', params),
          indicator(uid, 'premature-exhaustion', params),
          indicator(uid, 'slo-depletion', params),
          indicator(uid, 'least-available-endpoints', { ...params, topN }),
          indicator(uid, 'slowest-endpoints', { ...params, topN }),
          indicator(uid, 'slos-by-service', params),
        ]);
        const rankings = shortlistRankings({ adherence, exhaustion, depletion, leastAvailable, slowest });
        return { topN, rankings, list: reliabilityShortlist(rankings, topN), endpoints: all.rows.length };
      },
      render: (d) => (
        <StepList
          steps={[
            ...d.rankings.map((r, i) => ({
              step: i + 1,
              indicator: r.indicator,
              answer: r.entries.length === 0 ? 'nobody stands out' : [...new Map(r.entries.map((e) => [e.key, e])).values()].slice(0, d.topN).map((e) => `${e.label} (${e.value})`).join('; '),
            })),
            {
              step: d.rankings.length + 1,
              indicator: `Shortlist: top ${d.topN} of each, distinct`,
              answer: (
                <RowsTable
                  rows={d.list}
                  empty="No endpoint made the list."
                  columns={[
                    { key: 'endpoint', header: 'Endpoint', cell: (e) => e.label },
                    { key: 'why', header: 'Why', cell: (e) => e.reasons.map((r) => `#${r.rank} ${r.indicator}: ${r.value}`).join('; ') },
                  ]}
                />
              ),
            },
          ]}
          summary={shortlistVerdict(d.list.length, d.endpoints)}
          tone={d.list.length === 0 ? 'success' : 'warning'}
        />
      ),
    }),
};
