import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <div className="mx-auto max-w-md space-y-3 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Check your email</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        If this address may use Preflight (a member of a team, or invited to one), a sign-in link is on its way. It
        works once, within 15 minutes. You can close this tab. Nothing arrives? Ask a team owner to invite you, then
        follow the link in the invitation.
      </p>
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Running Preflight yourself without <code>SMTP_URL</code>? With <code>npm run dev</code> the link is printed in
        the terminal, on a line of its own under &ldquo;Sign-in link for&rdquo; and your address. Otherwise it is in the
        server&rsquo;s JSON log, on the line with <code>&quot;emailKind&quot;:&quot;sign-in&quot;</code>.
      </p>
    </div>
  );
}
