import '../testing/setupScenes';
import React from 'react';
import { render, screen } from '@testing-library/react';
import type { IndicatorResponse } from '../../core/contracts/resourceContract';
import { fakeBackend } from '../testing/fakeBackend';
import { harness, until } from '../testing/sceneHarness';
import { ResourceView } from '../scene/ResourceView';
import { adherenceByObjective, serviceHistories, shortlistRankings } from './evidence';
import { featuresVsReliabilityTab } from './featuresVsReliability';
import { chaosTab } from './chaos';

const backend = { current: fakeBackend({}) };
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: (req: never) => backend.current.fetch(req) }),
}));

const res = (rows: IndicatorResponse['rows'], indicator: IndicatorResponse['indicator'] = 'slo-adherence'): IndicatorResponse => ({ indicator, section: '', columns: [], rows, notices: [] });
const P1 = Date.UTC(2026, 8, 1);
const P2 = Date.UTC(2026, 9, 1);

const fixtures = {
  adherence: res([
    { slo: 'a/x', service: 'a', endpoint: 'GET /x', state: 'Broken', periodStart: P1, sliValue: 0.99 },
    { slo: 'a/x', service: 'a', endpoint: 'GET /x', state: 'Broken', periodStart: P2, sliValue: 0.99 },
    { slo: 'b/y', service: 'b', endpoint: 'GET /y', state: 'Fulfilled', periodStart: P1, sliValue: 0.9995 },
    { slo: 'b/y', service: 'b', endpoint: 'GET /y', state: 'Fulfilled', periodStart: P2, sliValue: 0.9996 },
    { slo: 'c/z', service: 'c', endpoint: 'GET /z', state: 'In progress', periodStart: P2, sliValue: 0.9 },
  ]),
  exhaustion: res([{ slo: 'a/x', service: 'a', endpoint: 'GET /x', period: '2026-09', timeToExhaustionMs: 3 * 86_400_000 }], 'premature-exhaustion'),
  depletion: res(
    [
      { slo: 'b/y', service: 'b', endpoint: 'GET /y', period: '2026-09', periodStart: P1, highestSpeed: 50, endRemaining: 0.6, episodes: 1, exhausted: false },
      { slo: 'b/y', service: 'b', endpoint: 'GET /y', period: '2026-10', periodStart: P2, highestSpeed: 2, endRemaining: 0.8, episodes: 1, exhausted: false },
      { slo: 'a/x', service: 'a', endpoint: 'GET /x', period: '2026-09', periodStart: P1, highestSpeed: 9, endRemaining: -0.5, episodes: 3, exhausted: true },
    ],
    'slo-depletion'
  ),
  leastAvailable: res([{ slo: 'a/x', service: 'a', endpoint: 'GET /x', sliValue: 0.99 }], 'least-available-endpoints'),
  slowest: res([{ slo: 'c/z', service: 'c', endpoint: 'GET /z', sliValue: 0.9, thresholdMs: 300 }], 'slowest-endpoints'),
};

describe('evidence for the workflows', () => {
  it('ranks the five indicators of book 11.5.3 worst first', () => {
    const r = shortlistRankings(fixtures);
    expect(r.map((x) => x.entries.map((e) => e.key))).toEqual([['a/x'], ['a/x'], ['b/y', 'a/x', 'b/y'], ['a/x'], ['c/z']]);
    expect(r[0].entries[0].value).toBe('2 of 2 periods broken');
  });

  it('collects adherence per objective of one service (book 11.5.4)', () => {
    expect(adherenceByObjective(fixtures.adherence, 'b', 'slo')).toEqual([['Fulfilled', 'Fulfilled']]);
  });

  it('joins adherence and depletion per service and period (book 11.5.7)', () => {
    const h = serviceHistories(fixtures.adherence, fixtures.depletion);
    expect(h.find((x) => x.service === 'b')!.periods).toMatchObject([
      { adherence: 'Fulfilled', endRemaining: 0.6, episodes: 1 },
      { adherence: 'Fulfilled', endRemaining: 0.8, episodes: 1 },
    ]);
  });
});

describe('guided workflows against the resource API', () => {
  beforeEach(() => {
    backend.current = fakeBackend({
      'indicators/slo-adherence': fixtures.adherence,
      'indicators/premature-exhaustion': fixtures.exhaustion,
      'indicators/slo-depletion': fixtures.depletion,
      'indicators/least-available-endpoints': fixtures.leastAvailable,
      'indicators/slowest-endpoints': fixtures.slowest,
      'indicators/slos-by-service': res([{ slo: 'a/x', service: 'a' }, { slo: 'b/y', service: 'b' }, { slo: 'c/z', service: 'c' }], 'slos-by-service'),
    });
  });

  it('features versus reliability (11.5.3): the distinct shortlist with reasons and the book\'s verdict', async () => {
    const view = featuresVsReliabilityTab.build() as ResourceView<unknown>;
    const { teardown } = harness(view, { topN: '3' });
    await until(() => view.state.data !== undefined || view.state.error !== undefined);
    expect(view.state.error).toBeUndefined();
    expect(backend.current.calls.find((c) => c.path === 'indicators/least-available-endpoints')!.params.get('topN')).toBe('3');
    render(<view.Component model={view} />);
    expect(screen.getByText('3 of 3 endpoints need reliability work: a long list, invest more time in reliability.')).toBeInTheDocument();
    expect(screen.getByText(/#1 SLO adherence \(11.2.3\): 2 of 2 periods broken/)).toBeInTheDocument();
    teardown();
  });

  it('chaos hypotheses (11.5.7): the service that defended every period, with its blips', async () => {
    const view = chaosTab.build() as ResourceView<unknown>;
    const { teardown } = harness(view);
    await until(() => view.state.data !== undefined || view.state.error !== undefined);
    render(<view.Component model={view} />);
    expect(screen.getByText('Start with b: the steadiest service.')).toBeInTheDocument();
    expect(screen.getByText(/depletion blips \(seen in 2 of 2 periods\)/)).toBeInTheDocument();
    teardown();
  });
});
