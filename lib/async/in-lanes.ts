// Work on a list, a few items at a time. Promise.all over the whole list starts every item at once;
// when each item only waits for a shared slot anyway (a call window), the started items sit parked,
// each holding its own chain of promises and closures, where an item not yet started holds nothing.

/**
 * Runs `work` on every item in order, at most `lanes()` at once (read again as each item ends, so
 * the lanes follow a limit that changes, never fewer than one), and resolves with the results in
 * the items' order. Rejects with the first error, as Promise.all does: items already started run on,
 * and no other starts.
 */
export function inLanes<T, R>(items: readonly T[], work: (item: T) => Promise<R>, lanes: () => number): Promise<R[]> {
  const results = new Array<R>(items.length);
  if (items.length === 0) return Promise.resolve(results);
  return new Promise((resolve, reject) => {
    let next = 0;
    let running = 0;
    let failed = false;
    const startMore = () => {
      while (!failed && next < items.length && running < Math.max(1, lanes())) {
        const index = next++;
        running++;
        work(items[index]!).then(
          (result) => {
            results[index] = result;
            running--;
            if (next >= items.length && running === 0) resolve(results);
            else startMore();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
    };
    startMore();
  });
}
