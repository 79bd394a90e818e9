import { notFound } from "next/navigation";
import { can, type Actor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import { findServiceBySlug } from "./lookup";

/**
 * The preamble of every service page (app/services/[slug]/…): the signed-in actor (else to sign-in,
 * back to `path`), and the service behind the slug. Another team's service is "not found", not
 * "forbidden": its existence is not revealed. Both lookups are cached per request, so the layout and
 * the page share them.
 */
export async function loadServicePage(slug: string, path: string): Promise<{ actor: Actor; service: { id: string; slug: string; name: string; teamId: string } }> {
  const actor = await requirePageActor(path);
  const service = await findServiceBySlug(slug);
  if (!service || !can(actor, service.teamId, "team:read")) notFound();
  return { actor, service };
}
