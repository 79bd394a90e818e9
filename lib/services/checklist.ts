import { db } from "@/lib/db";

export async function loadServiceWithChecklist(slug: string) {
  const service = await db.service.findUnique({
    where: { slug },
    include: {
      team: { select: { slug: true, name: true } },
      templates: { include: { template: { select: { key: true, name: true } } } },
      healthChecks: { select: { id: true, name: true, url: true, status: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!service) return null;
  const items = await db.serviceChecklistItem.findMany({
    where: { serviceId: service.id, archivedAt: null },
    orderBy: { position: "asc" },
    include: { updatedBy: { select: { email: true, name: true } } },
  });
  const sections: { key: string; title: string; items: typeof items }[] = [];
  for (const item of items) {
    let section = sections.find((s) => s.key === item.sectionKey);
    if (!section) {
      section = { key: item.sectionKey, title: item.sectionTitle, items: [] };
      sections.push(section);
    }
    section.items.push(item);
  }
  return { service, sections, items };
}
