-- CreateTable
CREATE TABLE "ServiceHistory" (
    "serviceId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "teamId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "blockers" INTEGER NOT NULL,
    "waivers" INTEGER NOT NULL,
    "staleApproval" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL DEFAULT 'snapshot',
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceHistory_pkey" PRIMARY KEY ("serviceId","date")
);

-- CreateTable
CREATE TABLE "TeamHistory" (
    "teamId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "services" INTEGER NOT NULL,
    "ready" INTEGER NOT NULL,
    "atRisk" INTEGER NOT NULL,
    "notReady" INTEGER NOT NULL,
    "meanScore" INTEGER NOT NULL,
    "blockers" INTEGER NOT NULL,
    "waivers" INTEGER NOT NULL,
    "staleApprovals" INTEGER NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamHistory_pkey" PRIMARY KEY ("teamId","date")
);

-- CreateIndex
CREATE INDEX "ServiceHistory_teamId_date_idx" ON "ServiceHistory"("teamId", "date");

-- CreateIndex
CREATE INDEX "ServiceHistory_date_idx" ON "ServiceHistory"("date");

-- CreateIndex
CREATE INDEX "TeamHistory_date_idx" ON "TeamHistory"("date");

-- AddForeignKey
ALTER TABLE "ServiceHistory" ADD CONSTRAINT "ServiceHistory_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamHistory" ADD CONSTRAINT "TeamHistory_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
