-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "reviewRequiredUpToTier" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "TemplateItem" ADD COLUMN     "requiredUpToTier" INTEGER;

-- AlterTable
ALTER TABLE "ServiceChecklistItem" ADD COLUMN     "requiredUpToTier" INTEGER;

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "snapshotAtDecision" JSONB,
ADD COLUMN     "staleAt" TIMESTAMPTZ(3),
ADD COLUMN     "staleReason" TEXT;

-- CreateTable
CREATE TABLE "TeamReviewTeam" (
    "teamId" TEXT NOT NULL,
    "reviewTeamId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamReviewTeam_pkey" PRIMARY KEY ("teamId","reviewTeamId")
);

-- CreateIndex
CREATE INDEX "TeamReviewTeam_reviewTeamId_idx" ON "TeamReviewTeam"("reviewTeamId");

-- AddForeignKey
ALTER TABLE "TeamReviewTeam" ADD CONSTRAINT "TeamReviewTeam_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamReviewTeam" ADD CONSTRAINT "TeamReviewTeam_reviewTeamId_fkey" FOREIGN KEY ("reviewTeamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
