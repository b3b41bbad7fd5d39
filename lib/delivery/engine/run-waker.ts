import type { CallWindow } from "./call-window";

// How a run waits between looks at its work: at most `ms`, less when something wakes it (a claim
// ended, the worker or the run's drain stopped, the journal lost its fence) or when one of its
// calls gives its slot back (the run may claim more). A sleep cut short leaves its timer running
// for the next one: the loop is woken as calls end, and a timer set and cleared each time cost
// more than the loop.

export class RunWaker {
  private wakeUp: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Set while the run waits for the window's next release. */
  private releaseWatch: Promise<void> | undefined;

  constructor(private readonly permits: CallWindow) {}

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve;
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.wake();
      }, ms);
      this.releaseWatch ??= this.permits.nextRelease().then(() => {
        this.releaseWatch = undefined;
        this.wake();
      });
    });
  }

  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }

  /** The run ended: no timer is left behind. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
