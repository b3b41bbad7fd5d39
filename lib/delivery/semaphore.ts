/** A FIFO counting semaphore: at most `size` holders; waiters are served in arrival order. */
export class Semaphore {
  private held = 0;
  private readonly waiters: { resolve(): void; reject(error: Error): void }[] = [];

  constructor(readonly size: number) {}

  /** Resolves when a permit is held; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new Error("Aborted while waiting for a permit"));
    if (this.held < this.size && this.waiters.length === 0) {
      this.held++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error("Aborted while waiting for a permit"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Callers waiting for a permit. */
  get waiting(): number {
    return this.waiters.length;
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.held = Math.max(0, this.held - 1);
  }
}
