/**
 * `tsx scripts/schema-diff.ts <scratch-database-url> <from.prisma|empty> <to.prisma>`
 * Prints the SQL that takes schema `from` to schema `to` (nothing when they agree).
 * Runs in its own process because the wasm schema engine leaves a timer pending.
 */
import { readFileSync } from "node:fs";
import { diffSchemas } from "./lib/schema-engine";

const [url, from, to] = process.argv.slice(2);
if (!url || !from || !to) {
  console.error("usage: tsx scripts/schema-diff.ts <scratch-database-url> <from.prisma|empty> <to.prisma>");
  process.exit(2);
}
try {
  const sql = await diffSchemas(url, from === "empty" ? null : readFileSync(from, "utf8"), readFileSync(to, "utf8"));
  if (sql) process.stdout.write(`${sql}\n`);
  process.exit(0);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
