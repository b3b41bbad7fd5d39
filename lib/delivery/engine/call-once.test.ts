import { describe, expect, it } from "vitest";
import { withCallSlot } from "./call-once";
import { CallWindow } from "./call-window";

describe("withCallSlot", () => {
  it("prepares only once a call slot is free, holding it until prepared", async () => {
    const permits = new CallWindow(1);
    await permits.acquire();
    let prepared = 0;
    const preparing = withCallSlot({ permits }, new AbortController().signal, async () => ++prepared);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(prepared).toBe(0);
    permits.release();
    expect(await preparing).toBe(1);
    // The slot was given back: the next holder gets it at once.
    await permits.acquire();
    permits.release();
  });

  it("prepares nothing once the run drains, and gives the slot back when preparing fails", async () => {
    const permits = new CallWindow(1);
    const drain = new AbortController();
    drain.abort();
    let prepared = false;
    expect(await withCallSlot({ permits }, drain.signal, async () => (prepared = true))).toBeUndefined();
    expect(prepared).toBe(false);
    await expect(
      withCallSlot({ permits }, new AbortController().signal, () => Promise.reject(new Error("no settings"))),
    ).rejects.toThrow("no settings");
    await permits.acquire(AbortSignal.timeout(100));
  });
});
