-- AlterTable
ALTER TABLE "HealthCheck" ADD COLUMN     "downQuorum" INTEGER,
ADD COLUMN     "locations" TEXT[] DEFAULT ARRAY['central']::TEXT[];

-- AlterTable
ALTER TABLE "ProbeResult" ADD COLUMN     "location" TEXT NOT NULL DEFAULT 'central';

-- CreateTable
CREATE TABLE "AgentToken" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AgentToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckLocationState" (
    "checkId" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "status" "CheckStatus" NOT NULL DEFAULT 'unknown',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "consecutiveSuccesses" INTEGER NOT NULL DEFAULT 0,
    "streakStartedAt" TIMESTAMPTZ(3),
    "nextRunAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMPTZ(3),
    "leaseHolder" TEXT,
    "lastRunAt" TIMESTAMPTZ(3),

    CONSTRAINT "CheckLocationState_pkey" PRIMARY KEY ("checkId","location")
);

-- CreateIndex
CREATE UNIQUE INDEX "AgentToken_tokenHash_key" ON "AgentToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AgentToken_teamId_location_idx" ON "AgentToken"("teamId", "location");

-- CreateIndex
CREATE INDEX "CheckLocationState_location_nextRunAt_idx" ON "CheckLocationState"("location", "nextRunAt");

-- AddForeignKey
ALTER TABLE "AgentToken" ADD CONSTRAINT "AgentToken_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckLocationState" ADD CONSTRAINT "CheckLocationState_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "HealthCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;
