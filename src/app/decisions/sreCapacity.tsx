/** book 11.5.6 (table 11.11): allocating SRE capacity to a team — adherence, on-call rotations, ticket trend, TTR trend. */
import React from 'react';
import { SceneFlexItem } from '@grafana/scenes';
import { sreCapacitySigns } from '../../core/decisions/sreCapacity';
import type { AdherenceState } from '../../core/contracts/frameContract';
import { externalQueryRunner } from '../scene/ExternalSeries';
import { ResourceView } from '../scene/ResourceView';
import { Notices } from '../scene/RowsTable';
import { ExternalValues } from './ExternalValues';
import { indicator } from './loaders';
import { StepList } from './StepList';
import { WorkflowTab } from './workflow';

export const sreCapacityTab: WorkflowTab = {
  slug: 'sre-capacity',
  title: 'Allocating SRE capacity',
  section: '11.5.6',
  purpose: 'See the signs that a team needs SRE capacity. Tickets and incidents come from their queries (filters ticketsDs/ticketsQuery, ttrDs/ttrQuery).',
  build: () => {
    const tickets = externalQueryRunner('ticketsDs', 'ticketsQuery', 'decision-capacity-tickets');
    const ttr = externalQueryRunner('ttrDs', 'ttrQuery', 'decision-capacity-ttr');
    const view = new ResourceView({
      key: 'decision-capacity',
      $data: ttr,
      load: async ({ uid, params }) => {
        const [adherence, rotations] = await Promise.all([indicator(uid, 'slo-adherence', params), indicator(uid, 'on-call-rotations', params)]);
        return {
          teams: rotations.rows.map((r) => ({
            team: String(r.team),
            people: typeof r.people === 'number' ? r.people : undefined,
            adherence: adherence.rows.filter((a) => a.team === r.team).map((a) => a.state as AdherenceState),
          })),
          notices: [...rotations.notices, ...adherence.notices.slice(0, 3)],
        };
      },
      render: (d, _reload, lc) => (
        <ExternalValues scene={lc.scene} runnerKey="decision-capacity-tickets">
          {(ticketCounts) => (
            <ExternalValues scene={lc.scene} runnerKey="decision-capacity-ttr">
              {(recovery) => (
                <>
                  {d.teams.map((t) => {
                    const r = sreCapacitySigns({ team: t.team, adherence: t.adherence, onCallPeople: t.people, tickets: ticketCounts ?? [], timesToRecovery: recovery ?? [] });
                    return (
                      <section key={t.team} aria-label={`Team ${t.team}`}>
                        <h4>Team {t.team}</h4>
                        <StepList steps={r.signs} summary={`${r.count} of 4 signs that ${t.team} needs SRE capacity.`} notes={[r.note]} tone={r.count >= 2 ? 'warning' : 'info'} />
                      </section>
                    );
                  })}
                  <Notices notices={d.notices} />
                </>
              )}
            </ExternalValues>
          )}
        </ExternalValues>
      ),
    });
    return new SceneFlexItem({ $data: tickets, body: view });
  },
};
