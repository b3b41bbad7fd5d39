import { WaitQueue } from "./wait-queue";

// Waiters grouped by key (a destination), served in turn: one of each key that waits, then the
// next round. Destinations sharing a credential's budget then get equal shares of it when it runs
// short, whatever the number of calls each keeps waiting; within one key, oldest first.

export class FairWaitQueue {
  private readonly queues = new Map<string, WaitQueue>();
  /** Keys in serving order: the next to serve first. */
  private turn: string[] = [];

  constructor(private readonly abortMessage: string) {}

  /** Waiters still waiting (those whose signal aborted have left). */
  get length(): number {
    let waiting = 0;
    for (const queue of this.queues.values()) waiting += queue.length;
    return waiting;
  }

  wait(key: string, signal?: AbortSignal): Promise<void> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new WaitQueue(this.abortMessage);
      this.queues.set(key, queue);
      this.turn.push(key);
    }
    return queue.wait(signal);
  }

  /** Serves up to `count` waiters, one key at a time in turn; returns how many were served. */
  serve(count: number): number {
    let served = 0;
    while (served < count && this.turn.length > 0) {
      const key = this.turn.shift()!;
      const queue = this.queues.get(key)!;
      served += queue.serve(1);
      if (queue.length > 0) this.turn.push(key);
      else this.queues.delete(key);
    }
    return served;
  }

  rejectAll(error: Error): void {
    for (const queue of this.queues.values()) queue.rejectAll(error);
    this.queues.clear();
    this.turn = [];
  }
}
