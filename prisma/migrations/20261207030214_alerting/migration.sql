-- CreateEnum
CREATE TYPE "AlertChannelType" AS ENUM ('email', 'slack', 'teams', 'webhook');

-- CreateEnum
CREATE TYPE "AlertDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "readinessLevel" TEXT;

-- AlterTable
ALTER TABLE "ProbeResult" ADD COLUMN     "inMaintenance" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ProbeRollup" ADD COLUMN     "maintenance" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "AlertChannel" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "type" "AlertChannelType" NOT NULL,
    "name" TEXT NOT NULL,
    "urlSealed" TEXT,
    "urlHint" TEXT,
    "emails" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "memberRoles" "Role"[] DEFAULT ARRAY[]::"Role"[],
    "events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "serviceIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "minTier" INTEGER,
    "signingSecretSealed" TEXT,
    "reminderMinutes" INTEGER,
    "groupSeconds" INTEGER NOT NULL DEFAULT 30,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastFailureAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "serviceId" TEXT,
    "type" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "suppressed" BOOLEAN NOT NULL DEFAULT false,
    "channelId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "status" "AlertDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaintenanceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertChannel_teamId_idx" ON "AlertChannel"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertEvent_dedupeKey_key" ON "AlertEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "AlertEvent_teamId_occurredAt_idx" ON "AlertEvent"("teamId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AlertEvent_serviceId_occurredAt_idx" ON "AlertEvent"("serviceId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AlertEvent_type_occurredAt_idx" ON "AlertEvent"("type", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AlertDelivery_channelId_createdAt_idx" ON "AlertDelivery"("channelId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AlertDelivery_pending_due_idx" ON "AlertDelivery"("nextAttemptAt") WHERE (status = 'pending');

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_eventId_channelId_sequence_key" ON "AlertDelivery"("eventId", "channelId", "sequence");

-- CreateIndex
CREATE INDEX "MaintenanceWindow_serviceId_endsAt_idx" ON "MaintenanceWindow"("serviceId", "endsAt");

-- AddForeignKey
ALTER TABLE "AlertChannel" ADD CONSTRAINT "AlertChannel_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertEvent" ADD CONSTRAINT "AlertEvent_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertEvent" ADD CONSTRAINT "AlertEvent_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertEvent" ADD CONSTRAINT "AlertEvent_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "AlertChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AlertEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "AlertChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceWindow" ADD CONSTRAINT "MaintenanceWindow_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ── Alert events: the team from the service, suppression in maintenance, fan-out to channels ──
-- Every path that writes an event (probe batches, threshold evaluation, the recovery log, reviews,
-- sweeps) gets the same behaviour in its own transaction, so an event and its deliveries are written
-- together or not at all (docs/decisions/0024-alert-outbox-in-postgresql.md).

CREATE FUNCTION alert_event_prepare() RETURNS trigger AS $$
BEGIN
  IF NEW."teamId" IS NULL AND NEW."serviceId" IS NOT NULL THEN
    SELECT "teamId" INTO NEW."teamId" FROM "Service" WHERE id = NEW."serviceId";
  END IF;
  IF NEW.id IS NULL THEN
    NEW.id := 'evt_' || replace(gen_random_uuid()::text, '-', '');
  END IF;
  -- check alerts of a service in an open maintenance window are kept but sent nowhere
  IF NEW.type LIKE 'check.%' AND NEW."serviceId" IS NOT NULL AND EXISTS (
       SELECT 1 FROM "MaintenanceWindow" w
        WHERE w."serviceId" = NEW."serviceId" AND w."startsAt" <= NEW."occurredAt" AND w."endsAt" > NEW."occurredAt") THEN
    NEW.suppressed := true;
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AlertEvent_prepare" BEFORE INSERT ON "AlertEvent"
  FOR EACH ROW EXECUTE FUNCTION alert_event_prepare();

CREATE FUNCTION alert_event_fan_out() RETURNS trigger AS $$
BEGIN
  IF NEW.suppressed THEN
    RETURN NULL;
  END IF;
  INSERT INTO "AlertDelivery" (id, "eventId", "channelId", "nextAttemptAt")
  SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), NEW.id, c.id,
         -- grouped channels hold a first message for groupSeconds (webhooks send every event at once)
         now() + make_interval(secs => CASE WHEN c.type = 'webhook' OR NEW.type = 'test' THEN 0 ELSE c."groupSeconds" END)
    FROM "AlertChannel" c
    LEFT JOIN "Service" s ON s.id = NEW."serviceId"
   WHERE c."teamId" = NEW."teamId"
     AND (
       (NEW.type = 'test' AND c.id = NEW."channelId")
       OR (NEW.type <> 'test' AND NEW."channelId" IS NULL AND c.enabled
           AND (cardinality(c.events) = 0 OR NEW.type = ANY (c.events))
           AND (cardinality(c."serviceIds") = 0 OR NEW."serviceId" = ANY (c."serviceIds"))
           AND (c."minTier" IS NULL OR s.tier IS NULL OR s.tier <= c."minTier"))
     );
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AlertEvent_fan_out" AFTER INSERT ON "AlertEvent"
  FOR EACH ROW EXECUTE FUNCTION alert_event_fan_out();
