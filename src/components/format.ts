/** Numbers for people: ratios inside, percent only on screen (STYLE.md habit 3). */

/** 0.9991 → "99.91%"; null → "–". */
export function formatPercent(ratio: number | null | undefined, decimals = 2): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return '–';
  }
  return `${(ratio * 100).toFixed(decimals)}%`;
}

/** Objective as people write it: 0.999 → "99.9%". */
export function formatObjective(ratio: number | string | null): string {
  const n = typeof ratio === 'string' ? Number(ratio) : ratio;
  if (n === null || !Number.isFinite(n)) {
    return '–';
  }
  return `${Number((n * 100).toFixed(4))}%`;
}

/** A duration in the largest sensible unit: 5_400_000 → "1.5 h", 3 days → "3.0 d". */
export function formatDurationShort(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    return '–';
  }
  const abs = Math.abs(ms);
  if (abs < 3_600_000) {
    return `${Math.round(ms / 60_000)} min`;
  }
  if (abs < 2 * 86_400_000) {
    return `${(ms / 3_600_000).toFixed(1)} h`;
  }
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

/** A burn rate: 1 = on pace (book 3.3); two decimals, "–" when unknown. */
export function formatBurn(burn: number | null | undefined): string {
  return burn === null || burn === undefined || !Number.isFinite(burn) ? '–' : burn.toFixed(2);
}

/** Fills `${name}` placeholders of a link template with URL-encoded values. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\$\{(\w+)\}/g, (_m, key: string) => (key in values ? encodeURIComponent(String(values[key])) : ''));
}
