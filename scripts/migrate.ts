/**
 * `npm run db:migrate`: apply pending migrations (and load the built-in templates) to DATABASE_URL,
 * or to the embedded development database when it is unset. For deploy pipelines that migrate
 * before starting new app instances.
 */
import { EmbeddedPostgresError } from "../lib/db/embedded";
import { resolveDevDatabase } from "./lib/dev-database";
import { prepareDatabase } from "./lib/prepare";

const say = (m: string) => console.log(`[preflight] ${m}`);
try {
  const database = await resolveDevDatabase(say);
  try {
    await prepareDatabase(database.url, say);
    say("Database is up to date.");
  } finally {
    const { disconnectDb } = await import("../lib/db");
    await disconnectDb();
    if (database.embedded?.owned) await database.embedded.stop();
  }
  process.exit(0);
} catch (err) {
  console.error(`[preflight] ${err instanceof EmbeddedPostgresError ? err.message : (err as Error).stack}`);
  process.exit(1);
}
