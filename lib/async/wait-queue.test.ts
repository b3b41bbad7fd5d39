import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { Semaphore } from "@/lib/delivery/engine/semaphore";
import { WaitQueue } from "./wait-queue";

const settled = async (promises: Promise<void>[]) => {
  const states = promises.map((p) =>
    p.then(
      () => "resolved",
      (e: Error) => `rejected: ${e.message}`,
    ),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return Promise.race([Promise.all(states), new Promise((resolve) => setImmediate(() => resolve("pending")))]);
};

describe("WaitQueue", () => {
  it("serves waiters oldest first, as many as asked, and says how many it served", async () => {
    const queue = new WaitQueue("gave up");
    const order: number[] = [];
    const waits = [0, 1, 2].map((i) => queue.wait().then(() => void order.push(i)));
    expect(queue.serve(2)).toBe(2);
    await Promise.all(waits.slice(0, 2));
    expect(order).toEqual([0, 1]);
    expect(queue.length).toBe(1);
    expect(queue.serve(5)).toBe(1);
    await waits[2];
    expect(order).toEqual([0, 1, 2]);
  });

  it("an aborted signal rejects its own waiters only, and they leave the queue", async () => {
    const queue = new WaitQueue("gave up");
    const a = new AbortController();
    const b = new AbortController();
    const waits = [queue.wait(a.signal), queue.wait(b.signal), queue.wait(a.signal), queue.wait()];
    a.abort();
    expect(await settled([waits[0]!, waits[2]!])).toEqual(["rejected: gave up", "rejected: gave up"]);
    expect(queue.length).toBe(2);
    expect(queue.serve(2)).toBe(2);
    expect(await settled([waits[1]!, waits[3]!])).toEqual(["resolved", "resolved"]);
  });

  it("adds one listener per signal however many wait on it, and removes it when the last is served", () => {
    const queue = new WaitQueue("gave up");
    const controller = new AbortController();
    for (let i = 0; i < 500; i++) void queue.wait(controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    queue.serve(499);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    queue.serve(1);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("rejects at once for an already aborted signal, and rejectAll empties the queue", async () => {
    const queue = new WaitQueue("gave up");
    expect(await settled([queue.wait(AbortSignal.abort())])).toEqual(["rejected: gave up"]);
    const controller = new AbortController();
    const waits = [queue.wait(controller.signal), queue.wait()];
    queue.rejectAll(new Error("closed"));
    expect(await settled(waits)).toEqual(["rejected: closed", "rejected: closed"]);
    expect(queue.length).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("Semaphore", () => {
  it("holds at most `size`, hands a released permit to the oldest waiter, and frees it when none waits", async () => {
    const permits = new Semaphore(2);
    await permits.acquire();
    await permits.acquire();
    const third = permits.acquire();
    const fourth = permits.acquire();
    expect(await settled([third])).toBe("pending");
    expect(permits.waiting).toBe(2);
    permits.release();
    expect(await settled([third])).toEqual(["resolved"]);
    expect(await settled([fourth])).toBe("pending");
    permits.release();
    await fourth;
    permits.release();
    permits.release();
    // Both permits are free again: two more are granted at once, a third waits.
    await permits.acquire();
    await permits.acquire();
    expect(await settled([permits.acquire()])).toBe("pending");
  });

  it("a waiter whose signal aborts gets no permit and the next one does", async () => {
    const permits = new Semaphore(1);
    await permits.acquire();
    const controller = new AbortController();
    const leaving = permits.acquire(controller.signal);
    const staying = permits.acquire();
    controller.abort();
    expect(await settled([leaving])).toEqual(["rejected: Aborted while waiting for a permit"]);
    permits.release();
    expect(await settled([staying])).toEqual(["resolved"]);
  });
});
