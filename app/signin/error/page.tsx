import type { Metadata } from "next";
import Link from "next/link";
import { SIGN_IN_ERROR_FALLBACK, signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign-in problem" };

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-3 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Could not sign you in</h1>
      <p role="alert" className="text-zinc-700 dark:text-zinc-300">
        {signInErrorMessage(error) ?? SIGN_IN_ERROR_FALLBACK}
      </p>
      <Link href="/signin" className="text-sky-700 underline dark:text-sky-400">
        Back to sign-in
      </Link>
    </div>
  );
}
