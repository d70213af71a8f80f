/**
 * Step 10 of the query pipeline, notices: what the answer must say beside
 * its figures, on its frames — the customer restriction's warnings, what the
 * ledger merge had to say, each failed SLO (series: an empty frame named
 * after it; tables: a notice), partial source answers, catalog errors.
 */
import { QueryType } from '../../../core/frameContract';
import { LoadedCatalog } from '../../../core/catalog/loadCatalog';
import { Frame, timeSeriesFrame, withNotice } from '../../protocol/frame';
import { failures, QueryContext } from '../frames/context';
import { withSourceWarnings } from '../frames/sourceWarnings';

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
  const seriesType = ['sli', 'budget', 'burnrate', 'adhoc'].includes(ctx.model.queryType!);
  if (seriesType) {
    return [
      ...frames,
      ...failed.map(({ slo, error }) => withNotice(timeSeriesFrame({ name: slo.id, refId: ctx.query.refId, times: [], values: [], labels: { slo: slo.id } }), { severity: 'error', text: `${slo.id}: ${error}` })),
    ];
  }
  let first = frames[0];
  for (const { slo, error } of failed) {
    first = withNotice(first, { severity: 'error', text: `${slo.id}: ${error}` });
  }
  return [first, ...frames.slice(1)];
}
