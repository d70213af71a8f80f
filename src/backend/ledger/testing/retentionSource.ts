/**
 * A CountSource for ledger tests over the demo workload: forgets everything
 * before `retentionStartMs` (as Prometheus beyond its retention answers no
 * points), can rewrite history by scaling bad events, and can hold fetches
 * of a given range until released (to prove a query never waits for a write).
 */
import { DemoSource } from '../../sources/demo';
import { CountSource } from '../../sources/types';

const demo = new DemoSource();
/** The demo workload is a pure function of time: its answers are shared by every test source (CPU is scarce). */
const answers = new Map<string, Promise<Float64Array>>();
function demoCounts(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Float64Array> {
  const key = `${expr}|${startMs}|${endMs}|${stepMs}`;
  let answer = answers.get(key);
  if (!answer) {
    answer = demo.rangeCounts(expr, startMs, endMs, stepMs);
    answers.set(key, answer);
  }
  return answer;
}

export class RetentionSource implements CountSource {
  readonly name = 'demo';
  /** Multiplies bad events (a source that rewrote history); 1 = as the demo produced them. */
  badFactor = 1;
  /** Fetches whose range ends here wait for `release()`. */
  holdEndingAt?: number;
  private released: Promise<void> = Promise.resolve();
  private releaseFn?: () => void;
  fetches = 0;
  /** Fetches begun and not answered, and the most at once (each is answered a turn of the event loop later). */
  inFlight = 0;
  peakInFlight = 0;

  constructor(public retentionStartMs: number) {}

  hold(endMs: number): void {
    this.holdEndingAt = endMs;
    this.released = new Promise((resolve) => (this.releaseFn = resolve));
  }

  release(): void {
    this.holdEndingAt = undefined;
    this.releaseFn?.();
  }

  async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Float64Array> {
    this.fetches++;
    this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
    try {
      await new Promise((resolve) => setImmediate(resolve)); // as a network answer: not within the asking turn
      return await this.answer(expr, startMs, endMs, stepMs);
    } finally {
      this.inFlight--;
    }
  }

  private async answer(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Float64Array> {
    if (this.holdEndingAt !== undefined && endMs >= this.holdEndingAt && endMs - stepMs < this.holdEndingAt) {
      await this.released;
    }
    const values = await demoCounts(expr, startMs, endMs, stepMs);
    const total = expr.includes('demo_total') ? values : await demoCounts(expr.replace(/demo_(good|bad)/, 'demo_total'), startMs, endMs, stepMs);
    return values.map((v, k) => {
      const t = startMs + (k + 1) * stepMs;
      if (t - stepMs < this.retentionStartMs) {
        return NaN;
      }
      if (this.badFactor === 1 || expr.includes('demo_total')) {
        return v;
      }
      const bad = expr.includes('demo_bad') ? v : total[k] - v;
      const scaled = Math.min(total[k], bad * this.badFactor);
      return expr.includes('demo_bad') ? scaled : total[k] - scaled;
    });
  }

  /** Label values as the demo source answers them (its three customers); `labelFailure` makes the lookup fail. */
  async labelValues(expr: string, label: string): Promise<string[]> {
    if (this.labelFailure) {
      throw new Error(this.labelFailure);
    }
    return demo.labelValues(expr, label);
  }

  labelFailure?: string;

  async health(): Promise<{ ok: boolean; message: string }> {
    return { ok: true, message: 'retention source' };
  }
}
