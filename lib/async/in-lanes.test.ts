import { describe, expect, it } from "vitest";
import { inLanes } from "./in-lanes";

/** Work whose items end when the test says so, and a record of how many run at once. */
function controlledWork() {
  const ends = new Map<number, () => void>();
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const work = (item: number) =>
    new Promise<string>((resolve) => {
      started.push(item);
      running++;
      most = Math.max(most, running);
      ends.set(item, () => {
        running--;
        resolve(`done ${item}`);
      });
    });
  const settle = async (item: number) => {
    ends.get(item)!();
    // The lane's then-callback runs, and starts the next item.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { work, settle, started, most: () => most };
}

describe("inLanes", () => {
  it("runs at most `lanes` items at once, in order, and gives the results in the items' order", async () => {
    const { work, settle, started, most } = controlledWork();
    const all = inLanes([1, 2, 3, 4, 5], work, () => 2);
    expect(started).toEqual([1, 2]);
    await settle(2);
    expect(started).toEqual([1, 2, 3]);
    for (const item of [1, 3, 5, 4]) {
      await settle(item);
    }
    expect(await all).toEqual(["done 1", "done 2", "done 3", "done 4", "done 5"]);
    expect(most()).toBe(2);
  });

  it("follows a limit that grows while items run", async () => {
    const { work, settle, started } = controlledWork();
    let lanes = 1;
    const all = inLanes([1, 2, 3, 4], work, () => lanes);
    expect(started).toEqual([1]);
    lanes = 3;
    await settle(1);
    expect(started).toEqual([1, 2, 3, 4]);
    for (const item of [2, 3, 4]) await settle(item);
    expect(await all).toHaveLength(4);
  });

  it("keeps one lane when the limit says none, and resolves an empty list at once", async () => {
    const { work, settle, started } = controlledWork();
    const all = inLanes([1, 2], work, () => 0);
    expect(started).toEqual([1]);
    await settle(1);
    await settle(2);
    expect(await all).toEqual(["done 1", "done 2"]);
    expect(await inLanes([], work, () => 4)).toEqual([]);
  });

  it("rejects with the first error, as Promise.all does, and starts no item after it", async () => {
    const started: number[] = [];
    const failing = (item: number) => {
      started.push(item);
      return item === 2 ? Promise.reject(new Error("item 2 failed")) : Promise.resolve(item);
    };
    await expect(inLanes([1, 2, 3, 4, 5], failing, () => 2)).rejects.toThrow("item 2 failed");
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).not.toContain(5);
  });
});
