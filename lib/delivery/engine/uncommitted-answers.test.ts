import { describe, expect, it } from "vitest";
import { UNFLUSHED_WINDOW_MS, UncommittedAnswers } from "./uncommitted-answers";

describe("UncommittedAnswers", () => {
  it("counts as maybe lost only what was acknowledged within the window before the last acknowledgement", () => {
    const answers = new UncommittedAnswers();
    answers.committed(5, 0);
    answers.committed(7, 10_000);
    answers.committed(0, 10_100);
    answers.committed(3, 10_000 + UNFLUSHED_WINDOW_MS);
    answers.connectionLost();
    expect(answers.maybeLost).toBe(10);
    // Counted once: a second failure before the next acknowledgement adds nothing.
    answers.connectionLost();
    expect(answers.maybeLost).toBe(10);
    answers.committed(4, 30_000);
    answers.connectionLost();
    expect(answers.maybeLost).toBe(14);
  });
});
