/** Development secrets, generated once and kept in .data/secrets.json (git-ignored). */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./paths";


export function devSecrets(): { NEXTAUTH_SECRET: string; CRON_SECRET: string } {
  const FILE = path.join(dataDir(), "secrets.json");
  let stored: Partial<Record<"NEXTAUTH_SECRET" | "CRON_SECRET", string>> = {};
  if (existsSync(FILE)) stored = JSON.parse(readFileSync(FILE, "utf8")) as typeof stored;
  const secrets = {
    NEXTAUTH_SECRET: stored.NEXTAUTH_SECRET ?? randomBytes(48).toString("base64url"),
    CRON_SECRET: stored.CRON_SECRET ?? randomBytes(24).toString("base64url"),
  };
  if (stored.NEXTAUTH_SECRET !== secrets.NEXTAUTH_SECRET || stored.CRON_SECRET !== secrets.CRON_SECRET) {
    mkdirSync(path.dirname(FILE), { recursive: true });
    writeFileSync(FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
