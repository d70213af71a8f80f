/** book 11.5.2 (fig. 11.19): tightening a dependency's SLO — do most periods end with representative budget left? */
import React from 'react';
import { tighteningAdvice } from '../../core/decisions/dependencyTightening';
import { formatPercent } from '../../components/format';
import { ResourceView } from '../scene/ResourceView';
import { Notices, RowsTable } from '../scene/RowsTable';
import { finishedPeriods } from './evidence';
import { loadSloStates } from './loaders';
import { StepList } from './StepList';
import { WorkflowTab } from './workflow';

export const tightenDependencyTab: WorkflowTab = {
  slug: 'tighten-dependency',
  title: 'Tightening a dependency’s SLO',
  section: '11.5.2',
  purpose: 'Decide whether to ask the team owning a dependency to tighten its SLO. Choose the dependency’s service in the filters.',
  build: () =>
    new ResourceView({
      key: 'decision-tighten',
      load: async ({ uid, params }) => {
        const { states, notices } = await loadSloStates(uid, params);
        return { notices, rows: states.map((s) => ({ slo: s.slo.id, ends: finishedPeriods(s).map((p) => ({ label: p.label, end: p.endRemaining })), advice: tighteningAdvice(finishedPeriods(s).map((p) => p.endRemaining)) })) };
      },
      render: (d) => {
        const askable = d.rows.filter((r) => r.advice.canAsk).length;
        return (
          <>
            <StepList
              steps={[
                {
                  step: 1,
                  indicator: 'SLO error budget depletion across periods (11.2.4)',
                  answer: (
                    <RowsTable
                      rows={d.rows}
                      empty="No SLO matches the filters."
                      columns={[
                        { key: 'slo', header: 'SLO', cell: (r) => r.slo },
                        { key: 'ends', header: 'Budget at period ends', cell: (r) => r.ends.map((e) => `${e.label}: ${formatPercent(e.end, 0)}`).join(', ') || '–' },
                        { key: 'advice', header: 'Advice', cell: (r) => r.advice.advice },
                      ]}
                    />
                  ),
                },
              ]}
              summary={d.rows.length === 0 ? 'Nothing to decide: no SLO selected.' : `${askable} of ${d.rows.length} SLOs leave room to ask for a tighter objective.`}
              tone={askable > 0 ? 'success' : 'warning'}
            />
            <Notices notices={d.notices} />
          </>
        );
      },
    }),
};
