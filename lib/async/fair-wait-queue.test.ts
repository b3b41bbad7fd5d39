import { describe, expect, it } from "vitest";
import { FairWaitQueue } from "./fair-wait-queue";

describe("FairWaitQueue", () => {
  it("serves keys in turn, however many waiters each has", async () => {
    const queue = new FairWaitQueue("aborted");
    const served: string[] = [];
    for (let i = 0; i < 6; i++) void queue.wait("busy").then(() => served.push(`busy${i}`));
    void queue.wait("quiet").then(() => served.push("quiet0"));
    void queue.wait("other").then(() => served.push("other0"));
    expect(queue.length).toBe(8);
    expect(queue.serve(4)).toBe(4);
    await Promise.resolve();
    expect(served).toEqual(["busy0", "quiet0", "other0", "busy1"]);
    expect(queue.serve(10)).toBe(4);
    await Promise.resolve();
    expect(served.slice(4)).toEqual(["busy2", "busy3", "busy4", "busy5"]);
    expect(queue.length).toBe(0);
  });

  it("forgets a waiter whose signal aborts, and rejects it", async () => {
    const queue = new FairWaitQueue("aborted");
    const controller = new AbortController();
    const leaving = queue.wait("a", controller.signal);
    const staying = queue.wait("b");
    controller.abort();
    await expect(leaving).rejects.toThrow("aborted");
    expect(queue.length).toBe(1);
    expect(queue.serve(5)).toBe(1);
    await expect(staying).resolves.toBeUndefined();
  });
});
