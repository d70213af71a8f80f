/**
 * Step 8 of the query pipeline, record: newly closed periods of the SLOs the
 * query refreshed are written to the ledger in the background (DESIGN.md
 * "The ledger"; ledger/schedule.ts): the answer never waits for it. An SLO
 * whose source failed now is left for a later refresh rather than asked again
 * behind the user's back; an ad hoc SLO is not the catalog's and is never
 * recorded.
 */
import { QueryType } from '../../../core/contracts/frameContract';
import { Slo } from '../../../core/model/model';
import { LedgerCloser } from '../../ledger/schedule';
import { Outcome } from '../compute/computeShared';

export function recordClosedPeriods(instance: { readonly closePeriodsAfterRefresh: boolean; readonly closer: LedgerCloser }, type: QueryType, selected: readonly Slo[], outcomes: readonly Outcome[], wallClockMs: number): void {
  if (type !== 'adhoc' && instance.closePeriodsAfterRefresh) {
    // outcomes start with the selected SLOs, in order (a customer's copies follow them)
    void instance.closer.afterRefresh(selected.filter((_, i) => 'ok' in outcomes[i]), wallClockMs);
  }
}
