/** Timers the sandbox owns, so close() can cancel every pending job completion. */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();

  schedule(delayMs: number, run: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        run();
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.timers.add(timer);
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
