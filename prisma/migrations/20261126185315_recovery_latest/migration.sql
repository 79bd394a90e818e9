-- CreateTable
CREATE TABLE "RecoveryLatest" (
    "serviceId" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "kind" "RecoveryKind" NOT NULL,
    "lastId" TEXT,
    "lastStatus" "RecoveryStatus",
    "lastStartedAt" TIMESTAMPTZ(3),
    "lastFinishedAt" TIMESTAMPTZ(3),
    "lastRestoredToAt" TIMESTAMPTZ(3),
    "okId" TEXT,
    "okStartedAt" TIMESTAMPTZ(3),
    "okFinishedAt" TIMESTAMPTZ(3),
    "okRestoredToAt" TIMESTAMPTZ(3),

    CONSTRAINT "RecoveryLatest_pkey" PRIMARY KEY ("serviceId","component","kind")
);

-- AddForeignKey
ALTER TABLE "RecoveryLatest" ADD CONSTRAINT "RecoveryLatest_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Recompute the summary row of one (service, component, kind) from the log. The row is locked first,
-- so concurrent inserts for the same key run one after the other, each seeing the other's entry.
CREATE OR REPLACE FUNCTION preflight_recovery_latest_refresh(p_service TEXT, p_component TEXT, p_kind "RecoveryKind") RETURNS void AS $$
DECLARE
  l RECORD;
  ok RECORD;
BEGIN
  INSERT INTO "RecoveryLatest" ("serviceId", component, kind) VALUES (p_service, p_component, p_kind) ON CONFLICT DO NOTHING;
  PERFORM 1 FROM "RecoveryLatest" WHERE "serviceId" = p_service AND component = p_component AND kind = p_kind FOR UPDATE;
  SELECT e.id, e.status, e."startedAt", e."finishedAt", e."restoredToAt" INTO l
    FROM "RecoveryEvent" e
    WHERE e."serviceId" = p_service AND e.component = p_component AND e.kind = p_kind
      AND e."finishedAt" IS NOT NULL AND e.status <> 'started'
      AND NOT EXISTS (SELECT 1 FROM "RecoveryEvent" c WHERE c."correctsId" = e.id)
    ORDER BY e."finishedAt" DESC LIMIT 1;
  SELECT e.id, e."startedAt", e."finishedAt", e."restoredToAt" INTO ok
    FROM "RecoveryEvent" e
    WHERE e."serviceId" = p_service AND e.component = p_component AND e.kind = p_kind
      AND e."finishedAt" IS NOT NULL AND e.status = 'success'
      AND NOT EXISTS (SELECT 1 FROM "RecoveryEvent" c WHERE c."correctsId" = e.id)
    ORDER BY e."finishedAt" DESC LIMIT 1;
  UPDATE "RecoveryLatest" SET
    "lastId" = l.id, "lastStatus" = l.status, "lastStartedAt" = l."startedAt", "lastFinishedAt" = l."finishedAt", "lastRestoredToAt" = l."restoredToAt",
    "okId" = ok.id, "okStartedAt" = ok."startedAt", "okFinishedAt" = ok."finishedAt", "okRestoredToAt" = ok."restoredToAt"
  WHERE "serviceId" = p_service AND component = p_component AND kind = p_kind;
END
$$ LANGUAGE plpgsql;

-- A new entry changes its own key; a correction also changes the key of the entry it corrects.
CREATE OR REPLACE FUNCTION preflight_recovery_latest() RETURNS trigger AS $$
DECLARE
  c RECORD;
BEGIN
  PERFORM preflight_recovery_latest_refresh(NEW."serviceId", NEW.component, NEW.kind);
  IF NEW."correctsId" IS NOT NULL THEN
    SELECT "serviceId", component, kind INTO c FROM "RecoveryEvent" WHERE id = NEW."correctsId";
    IF FOUND AND (c."serviceId", c.component, c.kind) IS DISTINCT FROM (NEW."serviceId", NEW.component, NEW.kind) THEN
      PERFORM preflight_recovery_latest_refresh(c."serviceId", c.component, c.kind);
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "RecoveryEvent_latest"
  AFTER INSERT ON "RecoveryEvent"
  FOR EACH ROW EXECUTE FUNCTION preflight_recovery_latest();

-- Entries logged before this migration.
SELECT preflight_recovery_latest_refresh(k."serviceId", k.component, k.kind)
FROM (SELECT DISTINCT "serviceId", component, kind FROM "RecoveryEvent") k;
