/**
 * Resolves the database a script works on: DATABASE_URL when set, otherwise the embedded
 * development cluster under .data/postgres (started here, or the one `npm run dev` already runs).
 */
import path from "node:path";
import { dataDir } from "./paths";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded";

export const DEV_PORT = 54329;
export const DEV_DATABASE = "preflight";

export interface ResolvedDatabase {
  url: string;
  embedded?: EmbeddedServer;
}

export async function resolveDevDatabase(say: (m: string) => void): Promise<ResolvedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external };
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir(), "postgres"), preferredPort: DEV_PORT, onMessage: say });
  await ensureDatabase(embedded.url("postgres"), DEV_DATABASE);
  return { url: embedded.url(DEV_DATABASE), embedded };
}
