/**
 * Features versus reliability (book 11.5.3, table 11.7): take the top N of
 * each indicator (1 adherence, 2 premature exhaustion, 3 depletion speed,
 * 4 least available, 5 slowest) and list the distinct endpoints, each with
 * every reason it made the list. "The longer the list, the more time needs
 * to be invested in reliability" (B:7904).
 */

export interface RankedEntry {
  /** Stable key of the endpoint (SLO id, or service + endpoint). */
  key: string;
  /** What the user reads, e.g. "service 2 GET /user". */
  label: string;
  /** The indicator's value, for the reason text, e.g. "2 of 3 periods broken". */
  value: string;
}

export interface IndicatorRanking {
  /** Step name, e.g. "SLO adherence (11.2.3)". */
  indicator: string;
  /** Entries worst first, as the indicator sorts them. */
  entries: readonly RankedEntry[];
}

export interface ShortlistEntry {
  key: string;
  label: string;
  reasons: Array<{ indicator: string; rank: number; value: string }>;
}

/**
 * @param rankings one ranking per indicator, each worst first
 * @param topN how many to take from each (the book's example: three)
 * @returns distinct endpoints, most reasons first, then by best rank, then in order of first appearance
 */
export function reliabilityShortlist(rankings: readonly IndicatorRanking[], topN = 3): ShortlistEntry[] {
  if (!(Number.isInteger(topN) && topN > 0)) {
    throw new RangeError(`reliabilityShortlist: top N must be a whole number above 0, got ${topN}`);
  }
  const byKey = new Map<string, ShortlistEntry & { order: number }>();
  for (const ranking of rankings) {
    const seen = new Set<string>();
    let rank = 0;
    for (const e of ranking.entries) {
      if (seen.has(e.key)) {
        continue; // an indicator listing the same endpoint twice (two periods) counts once
      }
      seen.add(e.key);
      rank += 1;
      if (rank > topN) {
        break;
      }
      const entry = byKey.get(e.key) ?? { key: e.key, label: e.label, reasons: [], order: byKey.size };
      entry.reasons.push({ indicator: ranking.indicator, rank, value: e.value });
      byKey.set(e.key, entry);
    }
  }
  const bestRank = (e: ShortlistEntry) => Math.min(...e.reasons.map((r) => r.rank));
  return [...byKey.values()]
    .sort((a, b) => b.reasons.length - a.reasons.length || bestRank(a) - bestRank(b) || a.order - b.order)
    .map(({ order: _order, ...e }) => e);
}

/** The book's reading of the list's length (B:7904): share of all endpoints on the shortlist. */
export function shortlistVerdict(listed: number, endpoints: number): string {
  if (endpoints === 0) {
    return 'No endpoints with SLOs yet: define SLOs first (book 11.5.3 needs them).';
  }
  const share = listed / endpoints;
  if (listed === 0) {
    return 'No endpoint needs reliability work now: more time can go to features.';
  }
  if (share >= 0.3) {
    return `${listed} of ${endpoints} endpoints need reliability work: a long list, invest more time in reliability.`;
  }
  return `${listed} of ${endpoints} endpoints need reliability work: a short list, most time can go to features.`;
}
