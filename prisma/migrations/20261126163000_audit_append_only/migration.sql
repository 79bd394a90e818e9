-- The audit log is append-only for the app: rows can be inserted, never changed or deleted.
-- One exception: deleting a team sets "teamId" to NULL on its events (ON DELETE SET NULL), which keeps them.
CREATE OR REPLACE FUNCTION preflight_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."teamId" IS NULL AND OLD."teamId" IS NOT NULL
     AND (to_jsonb(NEW) - 'teamId') = (to_jsonb(OLD) - 'teamId') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION preflight_audit_append_only();
