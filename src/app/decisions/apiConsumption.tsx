/** book 11.5.1 (table 11.6): consuming an API — SLOs defined? adherence? depletion? → how much adaptive capacity. */
import React from 'react';
import { apiConsumptionAdvice } from '../../core/decisions/apiConsumption';
import { ResourceView } from '../scene/ResourceView';
import { Notices } from '../scene/RowsTable';
import { finishedPeriods, periodRecord } from './evidence';
import { loadSloStates } from './loaders';
import { StepList } from './StepList';
import { WorkflowTab } from './workflow';

export const apiConsumptionTab: WorkflowTab = {
  slug: 'api-consumption',
  title: 'API consumption',
  section: '11.5.1',
  purpose: 'Decide whether to consume another team’s API and how much adaptive capacity to build around it. Choose the API’s service in the filters.',
  build: () =>
    new ResourceView({
      key: 'decision-api',
      load: async ({ uid, params }) => {
        const { catalog, states, notices } = await loadSloStates(uid, params);
        const wanted = (params.service as string[] | undefined) ?? [];
        const services = catalog.services.filter((s) => wanted.length === 0 || wanted.includes(s.name)).map((s) => s.name);
        return {
          notices,
          advice: services.map((service) => {
            const own = states.filter((s) => s.slo.service === service);
            return { service, advice: apiConsumptionAdvice(own.length, own.flatMap((s) => finishedPeriods(s).map(periodRecord))) };
          }),
        };
      },
      render: (d) => (
        <>
          {d.advice.length === 0 && <p>No service matches the filters.</p>}
          {d.advice.map(({ service, advice }) => (
            <section key={service} aria-label={`API of ${service}`}>
              <h4>{service}</h4>
              <StepList steps={advice.steps} summary={advice.advice} tone={advice.verdict === 'little-adaptive-capacity' ? 'success' : advice.verdict === 'not-enough-data' ? 'info' : 'warning'} />
            </section>
          ))}
          <Notices notices={d.notices} />
        </>
      ),
    }),
};
