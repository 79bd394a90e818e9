"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert, TextField } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

/**
 * Posts to next-auth's email sign-in endpoint ourselves (rather than next-auth/react's signIn) so a
 * 429 from the rate limiter reaches the user as a message.
 */
export function EmailSignInForm({ callbackUrl, defaultEmail = "", initialError }: { callbackUrl: string; defaultEmail?: string; initialError?: string }) {
  const [email, setEmail] = useState(defaultEmail);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError ?? null);
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  // An address typed before React took over the field (a slow first load, a dev build compiling) is in the
  // input but not in state: take it over once, so the button does not stay disabled over a filled field.
  useEffect(() => {
    const typed = formRef.current?.querySelector<HTMLInputElement>('input[name="email"]')?.value;
    if (typed) setEmail((current) => current || typed);
  }, []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await fetch("/api/auth/signin/email", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, csrfToken, callbackUrl, json: "true" }),
      });
      const data = (await res.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
      if (!res.ok || !data.url) {
        setError(data.error?.message ?? "Could not send the sign-in link. Try again.");
        return;
      }
      // next-auth answers a refused address (such as "a@b") with a URL back to this page and ?error=:
      // say so here, keeping what was typed, rather than reload an empty form.
      const refused = new URL(data.url, window.location.href).searchParams.get("error") ?? undefined;
      if (refused) {
        setError(signInErrorMessage(refused) ?? null);
        return;
      }
      window.location.href = data.url;
    } catch {
      setError("Could not reach Preflight. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate={false}>
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" disabled={busy || !email || !hydrated} className="w-full">
        {busy ? "Sending…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
