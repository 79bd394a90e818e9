import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <div className="mx-auto max-w-md space-y-3 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Check your email</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        A sign-in link is on its way. It works once, within 15 minutes. You can close this tab.
      </p>
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Running Preflight yourself without <code>SMTP_URL</code>? The link is in the server log, on the line that starts
        with &ldquo;sign-in link&rdquo;.
      </p>
    </div>
  );
}
