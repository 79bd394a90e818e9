import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">There is nothing here, or you may not see it.</p>
      <Link href="/" className="mt-6 inline-block text-sky-700 underline dark:text-sky-400">
        Back to the board
      </Link>
    </div>
  );
}
