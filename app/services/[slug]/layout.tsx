import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { findServiceBySlug } from "@/lib/services/lookup";

// Resolving the service here, outside the page's loading boundary, lets an unknown slug answer 404.
export default async function ServiceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!(await findServiceBySlug(slug))) notFound();
  return children;
}
