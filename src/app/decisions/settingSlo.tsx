/**
 * book 11.5.4 (table 11.9): setting an SLO — per dependency, the highest
 * level it ensures (SLAs by service, SLA adherence, SLOs by service, SLO
 * adherence), and for each own SLO the objective its past periods would have met.
 */
import React from 'react';
import { ensuredLevel, LevelVerdict } from '../../core/decisions/serviceLevel';
import { suggestObjective } from '../../core/decisions/suggestObjective';
import { formatObjective } from '../../components/format';
import { ResourceView } from '../scene/ResourceView';
import { Notices, RowsTable } from '../scene/RowsTable';
import { adherenceByObjective, finishedPeriods } from './evidence';
import { indicator, loadSloStates, rangeOf } from './loaders';
import { StepList } from './StepList';
import { WorkflowTab } from './workflow';

/** "Most" of the past periods (book 11.5.5 "defended in most of the error budget periods"): three in four. */
export const MOST = 0.75;

export const settingSloTab: WorkflowTab = {
  slug: 'setting-slo',
  title: 'Setting an SLO',
  section: '11.5.4',
  purpose: 'Set the SLOs of your service: what its dependencies ensure, and what its own history would have met. Choose your service in the filters.',
  build: () =>
    new ResourceView({
      key: 'decision-set-slo',
      load: async ({ uid, params }) => {
        const { catalog, states, notices } = await loadSloStates(uid, params);
        const dependencies = [...new Set(catalog.services.flatMap((s) => s.dependencies))];
        const [sloAdherence, slaAdherence] = await Promise.all([indicator(uid, 'slo-adherence', rangeOf(params)), indicator(uid, 'sla-adherence', rangeOf(params))]);
        const levels: LevelVerdict[] = dependencies.map((service) =>
          ensuredLevel({ service, sloPeriods: adherenceByObjective(sloAdherence, service, 'slo'), slaPeriods: adherenceByObjective(slaAdherence, service, 'sla') })
        );
        const suggestions = states.map((s) => {
          const slis = finishedPeriods(s).map((p) => p.sli);
          return { slo: s.slo.id, current: s.slo.objective, all: suggestObjective(slis, 1), most: suggestObjective(slis, MOST) };
        });
        return { levels, suggestions, notices: [...notices, ...sloAdherence.notices.slice(0, 3)] };
      },
      render: (d) => (
        <>
          <StepList
            steps={[
              {
                step: 1,
                indicator: 'SLAs by service, SLA adherence, SLOs by service, SLO adherence (11.2.6, 11.2.8, 11.2.2, 11.2.3)',
                answer: (
                  <RowsTable
                    rows={d.levels}
                    empty="The selected services declare no dependencies."
                    columns={[
                      { key: 'service', header: 'Dependency', cell: (l) => l.service },
                      { key: 'level', header: 'Ensured level', cell: (l) => l.level },
                      { key: 'why', header: 'Because', cell: (l) => l.because },
                    ]}
                  />
                ),
              },
              {
                step: 2,
                indicator: 'Own SLO history: the objective past periods would have met',
                answer: (
                  <RowsTable
                    rows={d.suggestions}
                    empty="No SLO of the selected services yet."
                    columns={[
                      { key: 'slo', header: 'SLO', cell: (s) => s.slo },
                      { key: 'current', header: 'Objective now', cell: (s) => formatObjective(s.current) },
                      { key: 'all', header: 'Met in every period', cell: (s) => (s.all.objective === null ? s.all.because : formatObjective(s.all.objective)) },
                      { key: 'most', header: `Met in ${MOST * 100}% of periods`, cell: (s) => (s.most.objective === null ? s.most.because : `${formatObjective(s.most.objective)} (${s.most.because})`) },
                    ]}
                  />
                ),
              },
            ]}
            summary="An SLO should not promise more than its strong dependencies ensure (SLOs are stricter than SLAs, book figs. 11.21-11.22); history shows what is achievable now."
            notes={d.levels.some((l) => l.level === 'Undefined' || l.level === 'Low') ? ['Some dependencies ensure little: consider them soft dependencies or add adaptive capacity.'] : []}
          />
          <Notices notices={d.notices} />
        </>
      ),
    }),
};
