"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h1 className="text-lg font-semibold text-red-900 dark:text-red-100">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-red-800 dark:text-red-200">
        Preflight hit an error while loading this page. It may be a database outage; check{" "}
        <a className="underline" href="/api/ready">
          /api/ready
        </a>
        .{error.digest ? ` Reference: ${error.digest}.` : ""}
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
