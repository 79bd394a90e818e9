import type { ReactNode } from "react";
import { loadServicePage } from "@/lib/services/page-data";
import { ServiceNav } from "@/components/services/service-nav";
import { db } from "@/lib/db";

// Resolving the service here, outside the page's loading boundary, lets an unknown slug answer 404.
export default async function ServiceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { service } = await loadServicePage(slug, `/services/${slug}`);
  const team = await db.team.findUniqueOrThrow({ where: { id: service.teamId }, select: { slug: true, name: true } });
  return (
    <div className="space-y-6">
      <ServiceNav slug={slug} serviceName={service.name} team={team} />
      {children}
    </div>
  );
}
