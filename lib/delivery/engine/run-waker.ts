import type { CallWindow } from "./call-window";

// How a run waits between looks at its work: at most `ms`, less when something wakes it (a claim
// ended, the worker or the run's drain stopped, the journal lost its fence) or when its window has
// room for more calls than wait (call-window.ts: the run may claim more). A sleep cut short leaves
// its timer running for the next one: the loop is woken often, and a timer set and cleared each
// time cost more than the loop.

export class RunWaker {
  private wakeUp: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Set while the run waits for room in the window. */
  private roomWatch: Promise<void> | undefined;

  constructor(private readonly permits: CallWindow) {}

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve;
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.wake();
      }, ms);
      this.roomWatch ??= this.permits.nextRoom().then(() => {
        this.roomWatch = undefined;
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
