import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";

/** The service behind a URL slug, once per request (layouts, metadata and pages share it). */
export const findServiceBySlug = cache(async (slug: string) =>
  db.service.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, teamId: true } }),
);

/** The whole service row with the templates applied to it (the service page). */
export async function serviceWithTemplates(id: string) {
  return db.service.findUniqueOrThrow({
    where: { id },
    include: { templates: { include: { template: { select: { key: true, name: true } } } }, owner: { select: { email: true, name: true } } },
  });
}
