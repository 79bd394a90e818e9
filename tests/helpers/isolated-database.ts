/**
 * Runs before each test file: clones the migrated template into a database of its own and points
 * DATABASE_URL (and so lib/db) at it. Files never see each other's data.
 */
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "../../lib/db";
import { dropDatabase, recreateDatabase } from "./test-cluster";

const adminUrl = inject("adminUrl");
const name = `t_${randomBytes(6).toString("hex")}`;
await recreateDatabase(adminUrl, name, inject("templateDb"));
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  await disconnectDb();
  await dropDatabase(adminUrl, name);
});
