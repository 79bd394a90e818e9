/**
 * The outage state of this process, shared by every bundle Next builds (proxy, route handlers, pages,
 * instrumentation) through globalThis. No imports, so proxy.ts can read it without loading the database
 * client or the logger. Written by lib/db/outage.ts.
 */
export interface OutageState {
  downSince?: number;
  watch?: NodeJS.Timeout;
  probing?: boolean;
}

export const outageState: OutageState = ((globalThis as { __preflightOutage?: OutageState }).__preflightOutage ??= {});

/** True while an outage is being watched (the database failed and has not answered since). */
export const databaseKnownDown = (): boolean => outageState.downSince !== undefined;
