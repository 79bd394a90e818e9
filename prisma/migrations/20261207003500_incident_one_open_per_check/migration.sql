-- At most one open incident per check (docs/decisions/0006). Rounds that probed a check twice could
-- open a second incident for the same outage: keep the earliest-started open one, drop the others.
DELETE FROM "Incident" i
 USING "Incident" keep
 WHERE i."endedAt" IS NULL AND keep."endedAt" IS NULL AND keep."checkId" = i."checkId"
   AND (keep."startedAt", keep.id) < (i."startedAt", i.id);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_checkId_open_key" ON "Incident"("checkId") WHERE ("endedAt" IS NULL);
