/**
 * Refuses time ranges the backend cannot answer in bounded time: one process
 * serves every dashboard, so a panel asking for 30,000 years must get an
 * error at once rather than hold the event loop for hours (issue 9).
 */
import { TimeRange } from '../../protocol/handlers';

/** About 54 years at the coarsest bucket (1 day) within the engine's 20,000-bucket cap. */
export const MAX_RANGE_MS = 20_000 * 86_400_000;

/** A sentence saying why the range is refused, or undefined when it is fine. */
export function timeRangeProblem({ fromMs, toMs }: TimeRange): string | undefined {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
    return 'the time range is not a pair of finite times';
  }
  if (toMs - fromMs > MAX_RANGE_MS) {
    return `the time range spans ${Math.round((toMs - fromMs) / (365.25 * 86_400_000))} years, over the limit of ${Math.floor(MAX_RANGE_MS / (365.25 * 86_400_000))}: choose a shorter range`;
  }
  return undefined;
}
