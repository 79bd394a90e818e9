-- CreateTable
CREATE TABLE "ProbeLocationRollup" (
    "checkId" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "granularity" "RollupGranularity" NOT NULL,
    "bucketStart" TIMESTAMPTZ(3) NOT NULL,
    "up" INTEGER NOT NULL DEFAULT 0,
    "down" INTEGER NOT NULL DEFAULT 0,
    "degraded" INTEGER NOT NULL DEFAULT 0,
    "maintenance" INTEGER NOT NULL DEFAULT 0,
    "latencyHist" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "latencySumMs" BIGINT NOT NULL DEFAULT 0,
    "latencyCount" INTEGER NOT NULL DEFAULT 0,
    "statusCounts" JSONB NOT NULL DEFAULT '{}',
    "errorCounts" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ProbeLocationRollup_pkey" PRIMARY KEY ("checkId","location","granularity","bucketStart")
);

-- CreateIndex
CREATE INDEX "ProbeLocationRollup_granularity_bucketStart_idx" ON "ProbeLocationRollup"("granularity", "bucketStart");

-- AddForeignKey
ALTER TABLE "ProbeLocationRollup" ADD CONSTRAINT "ProbeLocationRollup_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "HealthCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;
