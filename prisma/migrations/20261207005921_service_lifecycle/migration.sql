-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3),
ADD COLUMN     "onCall" TEXT,
ADD COLUMN     "ownerName" TEXT,
ADD COLUMN     "ownerUserId" TEXT,
ADD COLUMN     "repositoryUrl" TEXT,
ADD COLUMN     "runbookUrl" TEXT;

-- AlterTable
ALTER TABLE "ServiceChecklistItem" ADD COLUMN     "keptFromTemplate" TEXT;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
