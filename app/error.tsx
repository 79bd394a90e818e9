"use client";

import { useEffect, useState } from "react";

/**
 * A page that failed to load. The error's message never reaches the browser, so the page asks
 * /api/ready whether the database answers: during an outage it says so (docs/decisions/0020).
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    let live = true;
    fetch("/api/ready", { cache: "no-store" })
      .then((res) => live && setDatabaseDown(res.status === 503))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [error]);
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h1 className="text-lg font-semibold text-red-900 dark:text-red-100">
        {databaseDown ? "The database is unreachable" : "This page could not be loaded"}
      </h1>
      <p className="mt-2 text-sm text-red-800 dark:text-red-200">
        {databaseDown ? (
          <>Preflight cannot reach its database at the moment. Your data is safe; try again in a few seconds.</>
        ) : (
          <>
            Preflight hit an error while loading this page. It may be a database outage; check{" "}
            <a className="underline" href="/api/ready">
              /api/ready
            </a>
            .
          </>
        )}
        {error.digest ? ` Reference: ${error.digest}.` : ""}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800"
      >
        Try again
      </button>
    </div>
  );
}
