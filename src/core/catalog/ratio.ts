/** Percent or ratio at the YAML edge (STYLE habit 3): 99.9 or 0.999 → 0.999, without binary noise. */
export function percentToRatio(value: number): number {
  return value > 1 ? Number((value / 100).toPrecision(12)) : value;
}
