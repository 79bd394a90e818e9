import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { findServiceBySlug } from "@/lib/services/lookup";
import { roleIn } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import { ServiceNav } from "@/components/services/service-nav";
import { teamSummary } from "@/lib/teams/members";

// Resolving the service here, outside the page's loading boundary, lets an unknown slug answer 404.
export default async function ServiceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requirePageActor(`/services/${slug}`);
  const service = await findServiceBySlug(slug);
  // Another team's service is "not found", not "forbidden": its existence is not revealed.
  if (!service || !roleIn(actor, service.teamId)) notFound();
  const team = await teamSummary(service.teamId);
  return (
    <div className="space-y-6">
      <ServiceNav slug={slug} serviceName={service.name} team={team} />
      {children}
    </div>
  );
}
