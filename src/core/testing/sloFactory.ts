/** A whole catalog SLO for tests (style habit 6): a fresh object per call, overrides per case. */
import { Slo } from '../model/model';

const DAY = 86_400_000;

/** The book's table 9.10 example by default: "Availability of get data API", 99.7%, 28-day rolling period. */
export function makeCatalogSlo(overrides: Partial<Slo> = {}): Slo {
  return {
    id: 'data/get-data-availability',
    name: 'get-data-availability',
    service: 'data',
    team: 'team-1',
    sli: 'availability',
    endpoint: 'GET /api/data/{tenant}',
    objective: 0.997,
    period: { kind: 'rolling', lengthMs: 28 * DAY },
    budgeting: 'occurrences',
    source: { type: 'prometheus' },
    query: {
      bad: 'sum(increase(http_requests_total{service="data",code=~"5.."}[$__window]))',
      total: 'sum(increase(http_requests_total{service="data"}[$__window]))',
    },
    minEvents: 0,
    labels: {},
    isDefault: false,
    origin: { file: 'test.yaml', line: 1, column: 1, path: 'services[0].slos[0]', format: 'sloledger/v1' },
    ...overrides,
  };
}
