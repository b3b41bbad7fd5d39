import { Semaphore } from "./semaphore";

// How many calls a destination keeps in flight. To use a rate R (calls a second) when each call
// takes L seconds, about R × L calls must be in flight at once (Little's law): 33 at 200 ms for
// Intercom's default budget, 333 at 2 s. So the window follows the observed answer time, with
// headroom for jitter and for the burst at the start of each rate-limit window, and never above
// the ceiling (FLOWGATE_DELIVERY_CONCURRENCY, and the records-in-flight memory bound). Calls
// beyond what the budget allows wait for it (BudgetDispenser) holding their slot, so a window that
// is too wide costs memory, never 429s.

const HEADROOM = 1.5;
const SPARE_CALLS = 2;
/** Weight of the newest answer time; rising latency is followed faster than falling. */
const RISE_WEIGHT = 0.2;
const FALL_WEIGHT = 0.05;
/** Calls in flight before any answer was seen. */
export const INITIAL_CALLS_IN_FLIGHT = 16;

/** Calls in flight that sustain `ratePerSecond` at `latencyMs` per call, within [1, ceiling]. */
export function callsInFlightFor(ratePerSecond: number, latencyMs: number, ceiling: number): number {
  const needed = Math.ceil(((ratePerSecond * latencyMs) / 1000) * HEADROOM) + SPARE_CALLS;
  return Math.max(1, Math.min(ceiling, needed));
}

/** The semaphore of a destination's calls, sized from the answer times it observes. */
export class CallWindow extends Semaphore {
  private latencyMs: number | undefined;
  private roomWatch: { promise: Promise<void>; settle: () => void } | undefined;

  constructor(readonly ceiling: number) {
    super(Math.min(ceiling, INITIAL_CALLS_IN_FLIGHT));
  }

  /** The smoothed answer time, once one answer was seen. */
  get observedLatencyMs(): number | undefined {
    return this.latencyMs;
  }

  /**
   * Settles once fewer calls wait for a slot than the window holds (a call gave its slot back, or the
   * window grew): the run then looks whether to claim more (claim-opener.ts). While more wait, a
   * release changes nothing the run would act on, so it is not woken for each.
   */
  nextRoom(): Promise<void> {
    if (!this.roomWatch) {
      let settle!: () => void;
      const promise = new Promise<void>((resolve) => (settle = resolve));
      this.roomWatch = { promise, settle };
    }
    return this.roomWatch.promise;
  }

  override release(): void {
    super.release();
    this.announceRoom();
  }

  override resize(size: number): void {
    super.resize(size);
    this.announceRoom();
  }

  private announceRoom(): void {
    const watch = this.roomWatch;
    if (!watch || this.waiting >= this.size) return;
    this.roomWatch = undefined;
    watch.settle();
  }

  /** One call's answer time, and the rate (calls a second) the credential's budget allows now. */
  observe(latencyMs: number, ratePerSecond: number): void {
    const previous = this.latencyMs ?? latencyMs;
    const weight = latencyMs > previous ? RISE_WEIGHT : FALL_WEIGHT;
    this.latencyMs = previous + weight * (latencyMs - previous);
    const size = callsInFlightFor(ratePerSecond, this.latencyMs, this.ceiling);
    if (size !== this.size) this.resize(size);
  }
}
