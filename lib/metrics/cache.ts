/**
 * A value computed at most once per `ttlMs`: concurrent callers share the computation in flight, and
 * callers within `ttlMs` of its end get its result. A failed computation is not kept (the next caller
 * tries again). The clock is injected so tests control time.
 */
export function cachedValue<T>(compute: () => Promise<T>, ttlMs: number, clock: () => number = Date.now): () => Promise<T> {
  let value: { at: number; result: T } | undefined;
  let inFlight: Promise<T> | undefined;
  return () => {
    if (value && clock() - value.at < ttlMs) return Promise.resolve(value.result);
    inFlight ??= compute().then(
      (result) => {
        value = { at: clock(), result };
        inFlight = undefined;
        return result;
      },
      (err: unknown) => {
        inFlight = undefined;
        throw err;
      },
    );
    return inFlight;
  };
}
