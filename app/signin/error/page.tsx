import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, string> = {
  Verification: "This sign-in link is no longer valid: it was used already or it expired. Ask for a new one.",
  AccessDenied: "This account has no access to Preflight. Ask a team owner for an invitation.",
  OAuthAccountNotLinked: "This email is already linked to another sign-in method. Use that method.",
  Configuration: "Sign-in is not configured correctly on this server. Tell your Preflight administrator.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-3 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Could not sign you in</h1>
      <p role="alert" className="text-zinc-700 dark:text-zinc-300">
        {(error && MESSAGES[error]) ?? "Something went wrong while signing you in. Try again."}
      </p>
      <Link href="/signin" className="text-sky-700 underline dark:text-sky-400">
        Back to sign-in
      </Link>
    </div>
  );
}
