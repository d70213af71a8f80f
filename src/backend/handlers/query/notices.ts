/**
 * Step 10 of the query pipeline, notices: what the answer must say beside
 * its figures, on its frames — the customer restriction's warnings, what the
 * ledger merge had to say, each failed SLO (series: an empty frame named
 * after it; tables: a notice), partial source answers, catalog errors.
 */
import { QueryType } from '../../../core/contracts/frameContract';
import { LoadedCatalog } from '../../../core/catalog/loadCatalog';
import { Frame, timeSeriesFrame, withNotice } from '../../protocol/frame';
import { failures, QueryContext } from '../frames/context';
import { withSourceWarnings } from '../frames/sourceWarnings';
import { sloLabels } from '../frames/labels';
import { Slo } from '../../../core/model/model';

/** Series query types → the value field of their frames (frames/series.ts, frames/budget.ts; adhoc's first frame is its SLI). */
const FAILED_SERIES_VALUE: Partial<Record<QueryType, string>> = { sli: 'sli', budget: 'remaining', burnrate: 'burnrate', adhoc: 'sli' };

export function withNotices(type: QueryType, ctx: QueryContext, built: Frame[], customerNotices: readonly string[], errors: LoadedCatalog['errors']): Frame[] {
  let frames = built;
  for (const text of frames[0] ? customerNotices : []) {
    frames[0] = withNotice(frames[0], { severity: 'warning', text });
  }
  if (ctx.ledgerNotices && ctx.ledgerNotices.length > 0 && frames[0]) {
    frames[0] = withNotice(frames[0], { severity: 'info', text: ctx.ledgerNotices.join('; ') });
  }
  if (type !== 'catalog') {
    frames = withFailureNotices(ctx, frames);
  }
  frames = withSourceWarnings(ctx, frames);
  if (errors.length > 0 && frames[0] && type !== 'adhoc') {
    frames[0] = withNotice(frames[0], { severity: 'warning', text: `${errors.length} catalog errors (see Save & test): first at ${errors[0].file}:${errors[0].line}: ${errors[0].message}` });
  }
  return frames;
}

/** Series queries: a failed SLO becomes an empty frame named after it, carrying its error. Tables: one notice per failure. */
function withFailureNotices(ctx: QueryContext, frames: Frame[]): Frame[] {
  const failed = failures(ctx);
  if (failed.length === 0) {
    return frames;
  }
  const valueName = FAILED_SERIES_VALUE[ctx.model.queryType!];
  if (valueName) {
    // the failing SLO's series is the same metric with the same identity labels as when it is healthy, so
    // alerting and server-side expressions keep one series per SLO (grafana/dataplane reads name + labels)
    const window = ctx.model.queryType === 'burnrate' ? (ctx.model.window ?? '1h') : undefined;
    const failedFrame = (slo: Slo) =>
      timeSeriesFrame({ name: window ? `${slo.id} ${window}` : slo.id, refId: ctx.query.refId, times: [], values: [], valueName, labels: { ...sloLabels(slo), ...(window ? { window } : {}) } });
    return [...frames, ...failed.map(({ slo, error }) => withNotice(failedFrame(slo), { severity: 'error', text: `${slo.id}: ${error}` }))];
  }
  let first = frames[0];
  for (const { slo, error } of failed) {
    first = withNotice(first, { severity: 'error', text: `${slo.id}: ${error}` });
  }
  return [first, ...frames.slice(1)];
}
