/**
 * Vitest global setup: start the test PostgreSQL once, and build a migrated template database
 * (with the built-in templates loaded) that every test file clones.
 */
import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate";
import { startTestCluster, recreateDatabase, TEMPLATE_DB } from "./test-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  const adminUrl = cluster.urlFor("postgres");
  await recreateDatabase(adminUrl, TEMPLATE_DB);
  const url = cluster.urlFor(TEMPLATE_DB);
  await migrate(url);
  // Load the built-in templates in a child-free way: same code path as the launcher.
  const { configureDatabase } = await import("../../lib/db");
  configureDatabase(url);
  const { loadTemplateDir } = await import("../../lib/templates/load");
  const { syncTemplates } = await import("../../lib/templates/sync");
  const { disconnectDb } = await import("../../lib/db");
  await syncTemplates(loadTemplateDir(), { builtIn: true });
  await disconnectDb();
  project.provide("adminUrl", adminUrl);
  project.provide("templateDb", TEMPLATE_DB);
  return async () => {
    if (cluster.embedded?.owned) await cluster.embedded.stop();
  };
}
