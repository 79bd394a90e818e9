import type { ReactNode } from "react";
import { loadServicePage } from "@/lib/services/page-data";
import { ServiceNav } from "@/components/services/service-nav";
import { teamSummary } from "@/lib/teams/members";

// Resolving the service here, outside the page's loading boundary, lets an unknown slug answer 404.
export default async function ServiceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { service } = await loadServicePage(slug, `/services/${slug}`);
  const team = await teamSummary(service.teamId);
  return (
    <div className="space-y-6">
      <ServiceNav slug={slug} serviceName={service.name} team={team} />
      {children}
    </div>
  );
}
