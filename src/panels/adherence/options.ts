export interface AdherenceOptions {
  /** Link of each cell; ${slo}, ${periodStart}, ${periodEnd}, ${period} are filled in. */
  cellLink: string;
  showSli: boolean;
}
