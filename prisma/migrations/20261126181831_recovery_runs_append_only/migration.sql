-- AlterTable
ALTER TABLE "BackupMonitor" ADD COLUMN     "lastPingAt" TIMESTAMPTZ(3),
ADD COLUMN     "runStartedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "RecoveryEvent_correctsId_idx" ON "RecoveryEvent"("correctsId");

-- The backup/restore log is append-only like the audit log: a correction is a new entry that references
-- the one it corrects. Rows may only go away with their service (ON DELETE CASCADE, which also sets
-- "correctsId" to NULL on corrections of deleted rows): by the time those cascaded statements run, the
-- service row is already gone, and that is the one case let through.
CREATE OR REPLACE FUNCTION preflight_recovery_append_only() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Service" WHERE id = OLD."serviceId") THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'RecoveryEvent is append-only (% refused): record a correction instead', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "RecoveryEvent_append_only"
  BEFORE UPDATE OR DELETE ON "RecoveryEvent"
  FOR EACH ROW EXECUTE FUNCTION preflight_recovery_append_only();
