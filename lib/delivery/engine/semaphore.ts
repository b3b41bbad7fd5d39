import { WaitQueue } from "@/lib/async/wait-queue";

/** A FIFO counting semaphore: at most `size` holders; waiters are served in arrival order. */
export class Semaphore {
  private held = 0;
  private readonly queue = new WaitQueue("Aborted while waiting for a permit");

  constructor(private currentSize: number) {}

  get size(): number {
    return this.currentSize;
  }

  /** Resolves when a permit is held; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new Error("Aborted while waiting for a permit"));
    if (this.held < this.currentSize && this.queue.length === 0) {
      this.held++;
      return Promise.resolve();
    }
    return this.queue.wait(signal);
  }

  /** Callers waiting for a permit. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Hands the permit to the oldest waiter, if any (unless the semaphore shrank below what is held). */
  release(): void {
    if (this.held > this.currentSize || this.queue.serve(1) === 0) this.held = Math.max(0, this.held - 1);
  }

  /** A new size: growing serves waiters at once; shrinking takes effect as holders release. */
  resize(size: number): void {
    this.currentSize = Math.max(1, size);
    const free = this.currentSize - this.held;
    if (free > 0) this.held += this.queue.serve(free);
  }
}
