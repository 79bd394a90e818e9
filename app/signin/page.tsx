import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EmailSignInForm } from "@/components/auth/email-sign-in-form";
import { ProviderButton } from "@/components/auth/provider-button";
import { enabledSignInMethods } from "@/lib/auth/options";
import { currentActor } from "@/lib/auth/request";
import { safeCallbackPath } from "@/lib/http/redirect";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackPath(sp.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const others = enabledSignInMethods().filter((m) => m.id !== "email");
  return (
    <div className="mx-auto max-w-sm space-y-6 py-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Preflight</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Team members and invited people only. We email you a link that signs you in.
        </p>
      </div>
      <EmailSignInForm
        callbackUrl={callbackUrl}
        defaultEmail={typeof sp.email === "string" ? sp.email : ""}
        initialError={signInErrorMessage(typeof sp.error === "string" ? sp.error : undefined)}
      />
      {others.length ? (
        <div className="space-y-2">
          <p className="text-center text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">or</p>
          {others.map((m) => (
            <ProviderButton key={m.id} id={m.id} name={m.name} callbackUrl={callbackUrl} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
