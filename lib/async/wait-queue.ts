// A FIFO of callers waiting for something (a permit, a share of the rate-limit budget), each free to
// give up through an AbortSignal. A signal gets ONE listener from a queue while any of its waiters
// wait, not one per waiter: the worker queues thousands of waiters a second on the same run signal,
// and an EventTarget's add/removeEventListener walk its list, so per-waiter listeners cost more the
// longer the queue. The listener goes once its last waiter is served, so a long-lived signal (the
// worker's shutdown signal) doesn't collect listeners of queues that are gone.

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  signal: AbortSignal | undefined;
}

interface Watch {
  waiting: number;
  onAbort(): void;
}

export class WaitQueue {
  private waiters: Waiter[] = [];
  private readonly watches = new Map<AbortSignal, Watch>();

  /** `abortMessage`: the error a waiter gets when its signal aborts. */
  constructor(private readonly abortMessage: string) {}

  get length(): number {
    return this.waiters.length;
  }

  /** Settles when served (resolves) or when `signal` aborts first (rejects, and leaves the queue). */
  wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new Error(this.abortMessage));
    if (signal) this.watch(signal).waiting++;
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject, signal });
    });
  }

  /** Resolves up to `count` waiters, oldest first; returns how many there were. */
  serve(count = 1): number {
    const served = this.waiters.splice(0, count);
    for (const waiter of served) {
      if (waiter.signal) this.unwatchOne(waiter.signal);
      waiter.resolve();
    }
    return served.length;
  }

  /** Rejects every waiter (the queue's owner is closing). */
  rejectAll(error: Error): void {
    for (const [signal, watch] of this.watches) signal.removeEventListener("abort", watch.onAbort);
    this.watches.clear();
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private watch(signal: AbortSignal): Watch {
    let watch = this.watches.get(signal);
    if (!watch) {
      const created: Watch = { waiting: 0, onAbort: () => this.rejectWaitersOf(signal) };
      signal.addEventListener("abort", created.onAbort, { once: true });
      this.watches.set(signal, created);
      watch = created;
    }
    return watch;
  }

  private unwatchOne(signal: AbortSignal): void {
    const watch = this.watches.get(signal);
    if (!watch || --watch.waiting > 0) return;
    signal.removeEventListener("abort", watch.onAbort);
    this.watches.delete(signal);
  }

  private rejectWaitersOf(signal: AbortSignal): void {
    this.watches.delete(signal);
    const leaving = this.waiters.filter((w) => w.signal === signal);
    this.waiters = this.waiters.filter((w) => w.signal !== signal);
    for (const waiter of leaving) waiter.reject(new Error(this.abortMessage));
  }
}
