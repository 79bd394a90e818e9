/**
 * Runs before each test file: clones the migrated template into a database of its own and points
 * lib/db at it (`configureDatabase`; a child process a test starts gets it as DATABASE_URL). Files never see each other's data.
 */
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { configureDatabase, disconnectDb } from "../../lib/db";
import { dropDatabase, recreateDatabase } from "./test-cluster";

const adminUrl = inject("adminUrl");
const name = `t_${randomBytes(6).toString("hex")}`;
await recreateDatabase(adminUrl, name, inject("templateDb"));
const url = new URL(adminUrl);
url.pathname = `/${name}`;
configureDatabase(url.toString());

afterAll(async () => {
  await disconnectDb();
  await dropDatabase(adminUrl, name);
});
