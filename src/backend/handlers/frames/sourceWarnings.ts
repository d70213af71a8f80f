/**
 * Partial answers from a source (Prometheus/Loki `warnings`: a store or
 * querier down, a series limit hit) are shown, not hidden: each becomes a
 * warning notice on the first frame, named after its SLO, so the figures are
 * read with the caveat.
 */
import { Frame, withNotice } from '../../protocol/frame';
import { computed, QueryContext } from './context';

const MAX_NOTICES = 20;

export function withSourceWarnings(ctx: QueryContext, frames: Frame[]): Frame[] {
  const texts = computed(ctx).flatMap((c) => c.warnings.map((w) => `${c.slo.id}: ${w}`));
  if (texts.length === 0 || frames.length === 0) {
    return frames;
  }
  let first = frames[0];
  for (const text of texts.slice(0, MAX_NOTICES)) {
    first = withNotice(first, { severity: 'warning', text });
  }
  if (texts.length > MAX_NOTICES) {
    first = withNotice(first, { severity: 'warning', text: `${texts.length - MAX_NOTICES} more partial answers not listed` });
  }
  return [first, ...frames.slice(1)];
}
