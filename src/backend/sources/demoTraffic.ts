/**
 * The demo source's traffic model, per minute (sources/demo.ts describes it):
 * daily-seasonal requests and an error ratio of a background plus seeded
 * incidents. Both are pure functions of (minute, seed), so any window's count
 * is the sum of its minutes; demoIntegral.ts sums them per bucket quickly.
 */
export const MINUTE = 60_000;
export const MINUTES_PER_DAY = 1440;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Traffic depends on the seed only through this class (seed mod 140). */
export const TRAFFIC_CLASSES = 140;

/** Error ratio with no incident running. */
const BACKGROUND_RATIO = 0.0002;

/** A recurring incident: on for the first `durationMs` of every `periodMs`, shifted per SLO. */
export interface DemoIncident {
  readonly name: string;
  readonly periodMs: number;
  readonly durationMs: number;
  readonly extraRatio: number;
}

// WHY this order: the ratios are added in it, and the float sum must not change.
export const DEMO_INCIDENTS: readonly DemoIncident[] = [
  { name: 'fast outage', periodMs: 9 * DAY, durationMs: 2 * HOUR, extraRatio: 0.04 },
  { name: 'slow burn', periodMs: 17 * DAY, durationMs: 3 * DAY, extraRatio: 0.0015 },
  { name: 'exhausting outage', periodMs: 23 * DAY, durationMs: 6 * HOUR, extraRatio: 0.12 },
];

/** Requests in one minute: daily seasonality around ~200 req/s, deterministic. */
export function trafficPerMinute(minuteMs: number, seed: number): number {
  const dayPhase = ((minuteMs % DAY) / DAY) * 2 * Math.PI;
  const perSecond = 60 + (seed % TRAFFIC_CLASSES) + 180 * (0.5 + 0.5 * Math.sin(dayPhase - Math.PI / 2));
  return Math.round(perSecond * 60);
}

/** How far an SLO's incidents are shifted, so SLOs do not all fail together. */
export function incidentOffsetMs(seed: number): number {
  return (seed % 1000) * 7 * MINUTE;
}

/** Which incidents run at `minuteMs` (bit i = DEMO_INCIDENTS[i]). */
export function activeIncidents(minuteMs: number, seed: number): number {
  const t = minuteMs + incidentOffsetMs(seed);
  let mask = 0;
  DEMO_INCIDENTS.forEach((incident, i) => {
    if (t % incident.periodMs < incident.durationMs) {
      mask |= 1 << i;
    }
  });
  return mask;
}

/** The error ratio while exactly the incidents in `mask` run. */
export function ratioOfIncidents(mask: number): number {
  let ratio = BACKGROUND_RATIO;
  DEMO_INCIDENTS.forEach((incident, i) => {
    if ((mask >> i) & 1) {
      ratio += incident.extraRatio;
    }
  });
  return ratio;
}

/** Error ratio in one minute: background plus the seeded incidents. */
export function errorRatio(minuteMs: number, seed: number): number {
  return ratioOfIncidents(activeIncidents(minuteMs, seed));
}
