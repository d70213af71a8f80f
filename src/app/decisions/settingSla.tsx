/** book 11.5.5 (table 11.10): setting an SLA — TTR trend, SLA adherence, SLA budget at period end → tighten? penalties? */
import React from 'react';
import { slaTighteningAdvice } from '../../core/decisions/slaTightening';
import type { AdherenceState } from '../../core/contracts/frameContract';
import { externalQueryRunner } from '../scene/ExternalSeries';
import { ResourceView } from '../scene/ResourceView';
import { Notices } from '../scene/RowsTable';
import { ExternalValues } from './ExternalValues';
import { indicator } from './loaders';
import { StepList } from './StepList';
import { WorkflowTab } from './workflow';

export const settingSlaTab: WorkflowTab = {
  slug: 'setting-sla',
  title: 'Setting an SLA',
  section: '11.5.5',
  purpose: 'Decide whether an SLA can be tightened and how large its penalties may be. Time to recovery comes from the incidents query (filters ttrDs, ttrQuery).',
  build: () =>
    new ResourceView({
      key: 'decision-set-sla',
      $data: externalQueryRunner('ttrDs', 'ttrQuery', 'decision-set-sla-ttr'),
      load: async ({ uid, params }) => {
        const adherence = await indicator(uid, 'sla-adherence', params);
        const periods = new Map<string, Array<{ adherence: AdherenceState; endRemaining: number | null }>>();
        for (const r of adherence.rows) {
          const id = String(r.sla);
          periods.set(id, [...(periods.get(id) ?? []), { adherence: r.state as AdherenceState, endRemaining: typeof r.endRemaining === 'number' ? r.endRemaining : null }]);
        }
        return { slas: [...periods.entries()], notices: adherence.notices };
      },
      render: (d, _reload, lc) => (
        <ExternalValues scene={lc.scene} runnerKey="decision-set-sla-ttr">
          {(ttr) => (
            <>
              {d.slas.length === 0 && <p>No SLA matches the filters: define SLAs in the catalog (`slas:`).</p>}
              {d.slas.map(([sla, periods]) => {
                const a = slaTighteningAdvice({ timesToRecovery: ttr ?? [], periods: periods.filter((p) => p.adherence !== 'In progress') });
                return (
                  <section key={sla} aria-label={`SLA ${sla}`}>
                    <h4>{sla}</h4>
                    <StepList
                      steps={a.steps.map((s) => ({ step: s.step, indicator: s.indicator, answer: s.step === 1 && ttr === null ? 'no incidents query chosen (filters ttrDs and ttrQuery)' : s.answer, sign: s.holds === false }))}
                      summary={a.canTighten ? 'All three hold: the SLA can be tightened without overburdening the team.' : 'Not all three hold: keep the SLA as it is for now.'}
                      notes={[a.penalty]}
                      tone={a.canTighten ? 'success' : 'warning'}
                    />
                  </section>
                );
              })}
              <Notices notices={d.notices} />
            </>
          )}
        </ExternalValues>
      ),
    }),
};
