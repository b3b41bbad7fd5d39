import { WaitQueue } from "@/lib/async/wait-queue";

/** A FIFO counting semaphore: at most `size` holders; waiters are served in arrival order. */
export class Semaphore {
  private held = 0;
  private readonly queue = new WaitQueue("Aborted while waiting for a permit");

  constructor(readonly size: number) {}

  /** Resolves when a permit is held; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new Error("Aborted while waiting for a permit"));
    if (this.held < this.size && this.queue.length === 0) {
      this.held++;
      return Promise.resolve();
    }
    return this.queue.wait(signal);
  }

  /** Callers waiting for a permit. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Hands the permit to the oldest waiter, if any. */
  release(): void {
    if (this.queue.serve(1) === 0) this.held = Math.max(0, this.held - 1);
  }
}
