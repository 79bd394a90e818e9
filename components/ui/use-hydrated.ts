"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the component, true after. A form that submits
 * through JavaScript keeps its submit button disabled until then: a click before would make the browser
 * submit the form itself (a GET with the fields in the URL) instead of running the handler.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
