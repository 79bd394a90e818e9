/**
 * A value computed at most once per `ttlMs`: concurrent callers share the computation in flight, and
 * callers within `ttlMs` of its end get its result. Past `ttlMs` but within `staleMs` (stale while
 * revalidating), a caller gets the last result at once and a new computation starts behind it, so a
 * caller waits for a computation only when there is none under `staleMs` old. A failed computation is
 * not kept (a waiting caller sees the error, the next one tries again). The clock is injected for tests.
 */
export interface CachedValue<T> {
  (): Promise<T>;
  /** Forget the kept result: the next caller waits for a fresh computation. */
  reset(): void;
}

export function cachedValue<T>(compute: () => Promise<T>, ttlMs: number, clock: () => number = Date.now, staleMs = ttlMs): CachedValue<T> {
  let value: { at: number; result: T } | undefined;
  let inFlight: Promise<T> | undefined;
  const refresh = () =>
    (inFlight ??= compute().then(
      (result) => {
        value = { at: clock(), result };
        inFlight = undefined;
        return result;
      },
      (err: unknown) => {
        inFlight = undefined;
        throw err;
      },
    ));
  const get = () => {
    const age = value ? clock() - value.at : Infinity;
    if (value && age < ttlMs) return Promise.resolve(value.result);
    if (value && age < staleMs) {
      // The caller is answered now, and the computation starts after what the caller does next in this
      // tick (a scrape's own queries get their pool connections first). A failure behind the answer leaves
      // the result as it is, to age out.
      if (!inFlight) setTimeout(() => void refresh().catch(() => undefined), 0);
      return Promise.resolve(value.result);
    }
    return refresh();
  };
  return Object.assign(get, {
    reset: () => {
      value = undefined;
    },
  });
}
