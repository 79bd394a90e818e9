/**
 * Making a write fail half-way in a test, the way a crash or a lost connection would: a trigger that
 * raises on every insert into `table` about one service. The writer's transaction then rolls back,
 * and the test checks that neither its state change nor its alert event was kept.
 */
import { randomBytes } from "node:crypto";
import { sqlPool } from "@/lib/db";

/** Inserts into `table` ("AlertEvent", "AuditEvent", …) with this serviceId fail until `restore()`. */
export async function failInsertsInto(table: string, serviceId: string): Promise<{ restore: () => Promise<void> }> {
  const name = `test_fail_${randomBytes(4).toString("hex")}`;
  await sqlPool().query(`CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$ LANGUAGE plpgsql`);
  await sqlPool().query(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW WHEN (NEW."serviceId" = '${serviceId}') EXECUTE FUNCTION ${name}()`);
  return {
    async restore() {
      await sqlPool().query(`DROP TRIGGER ${name} ON "${table}"`);
      await sqlPool().query(`DROP FUNCTION ${name}()`);
    },
  };
}
