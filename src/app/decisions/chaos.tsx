/** book 11.5.7 (tables 11.13, 11.14): chaos engineering hypotheses — the steadiest services and their depletion blips. */
import React from 'react';
import { steadiestServices } from '../../core/decisions/steadiest';
import { formatPercent } from '../../components/format';
import { ResourceView } from '../scene/ResourceView';
import { Notices, RowsTable } from '../scene/RowsTable';
import { serviceHistories } from './evidence';
import { indicator } from './loaders';
import { StepList } from './StepList';
import { WorkflowTab } from './workflow';

export const chaosTab: WorkflowTab = {
  slug: 'chaos',
  title: 'Chaos engineering hypotheses',
  section: '11.5.7',
  purpose: 'Find services that consistently defend their SLOs and form hypotheses to try to break them.',
  build: () =>
    new ResourceView({
      key: 'decision-chaos',
      load: async ({ uid, params }) => {
        const [slos, adherence, depletion] = await Promise.all([indicator(uid, 'slos-by-service', params), indicator(uid, 'slo-adherence', params), indicator(uid, 'slo-depletion', params)]);
        const histories = serviceHistories(adherence, depletion);
        return { services: new Set(slos.rows.map((r) => r.service)).size, histories: histories.length, candidates: steadiestServices(histories), notices: adherence.notices.slice(0, 3) };
      },
      render: (d) => (
        <>
          <StepList
            steps={[
              { step: 1, indicator: 'SLOs by service (11.2.2)', answer: `${d.services} services have SLOs` },
              { step: 2, indicator: 'SLO adherence (11.2.3)', answer: `${d.candidates.length} of ${d.histories} defended every finished period` },
              {
                step: 3,
                indicator: 'SLO error budget depletion (11.2.4), exploratory',
                answer: (
                  <RowsTable
                    rows={d.candidates}
                    empty="No service defended all its periods in this time range."
                    columns={[
                      { key: 'service', header: 'Service', cell: (c) => c.service },
                      { key: 'periods', header: 'Periods defended', cell: (c) => `${Math.round(c.fulfilledShare * 100)}% of ${c.judgedPeriods}` },
                      { key: 'end', header: 'Mean budget at period end', cell: (c) => formatPercent(c.meanEndRemaining, 0) },
                      { key: 'blips', header: 'Periods with blips', cell: (c) => String(c.blipPeriods) },
                      { key: 'hypothesis', header: 'Hypothesis', cell: (c) => c.hypothesis },
                    ]}
                  />
                ),
              },
            ]}
            summary={d.candidates.length ? `Start with ${d.candidates[0].service}: the steadiest service.` : 'No steady service yet: chaos experiments would only confirm known weaknesses.'}
            tone={d.candidates.length ? 'success' : 'info'}
          />
          <Notices notices={d.notices} />
        </>
      ),
    }),
};
