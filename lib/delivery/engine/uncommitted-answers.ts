// What a run can have to send again: records Intercom answered whose answers did not stay
// committed. Two ways, both counted here by the journal and reported by the run as it ends
// ("delivery run drained", or "caught up"), so an operator (and the PostgreSQL-restart test) can see what a restart
// or a takeover cost:
//   - let go: another run took the destination over before the answers were committed;
//   - maybe lost: the journal commits with synchronous_commit=off (delivery-engine.ts), so when
//     PostgreSQL goes away, commits it acknowledged shortly before may not have reached the disk.
//     PostgreSQL flushes them within three times wal_writer_delay (200 ms by default); whatever
//     was acknowledged that close to the last acknowledgement counts as maybe lost.

/** Commits acknowledged this close to the last one may be lost with PostgreSQL: 3 × wal_writer_delay, and a margin. */
export const UNFLUSHED_WINDOW_MS = 1_000;

export class UncommittedAnswers {
  /** Answers let go uncommitted because another run took the destination over. */
  letGo = 0;
  /** Answers in commits PostgreSQL may not have flushed when the connection was lost. */
  maybeLost = 0;
  /** Recent acknowledged commits that carried answers, oldest first. */
  private recent: { at: number; answered: number }[] = [];

  /** A commit carrying `answered` answers was acknowledged. */
  committed(answered: number, now = Date.now()): void {
    if (answered === 0) return;
    this.recent.push({ at: now, answered });
    while (this.recent[0]!.at < now - UNFLUSHED_WINDOW_MS) this.recent.shift();
  }

  /**
   * A commit failed because PostgreSQL could not be reached: what was acknowledged within the
   * window before the last acknowledgement may be gone (a crash happens after that acknowledgement,
   * so the window covers every commit it can have lost).
   */
  connectionLost(): void {
    const last = this.recent.at(-1);
    if (!last) return;
    for (const commit of this.recent) if (commit.at >= last.at - UNFLUSHED_WINDOW_MS) this.maybeLost += commit.answered;
    this.recent = [];
  }
}
