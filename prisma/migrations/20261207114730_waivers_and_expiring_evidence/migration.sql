-- CreateEnum
CREATE TYPE "WaiverStatus" AS ENUM ('pending', 'approved', 'rejected');

-- AlterTable
ALTER TABLE "TemplateItem" ADD COLUMN     "effectiveFrom" TIMESTAMPTZ(3),
ADD COLUMN     "reverifyDays" INTEGER;

-- AlterTable
ALTER TABLE "ServiceChecklistItem" ADD COLUMN     "effectiveFrom" TIMESTAMPTZ(3),
ADD COLUMN     "reverifyDays" INTEGER,
ADD COLUMN     "verifiedAt" TIMESTAMPTZ(3),
ADD COLUMN     "waiverComment" TEXT,
ADD COLUMN     "waiverDecidedAt" TIMESTAMPTZ(3),
ADD COLUMN     "waiverDecidedById" TEXT,
ADD COLUMN     "waiverExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "waiverExpiryLoggedAt" TIMESTAMPTZ(3),
ADD COLUMN     "waiverRequestedAt" TIMESTAMPTZ(3),
ADD COLUMN     "waiverRequestedById" TEXT,
ADD COLUMN     "waiverStatus" "WaiverStatus";

-- AddForeignKey
ALTER TABLE "ServiceChecklistItem" ADD CONSTRAINT "ServiceChecklistItem_waiverRequestedById_fkey" FOREIGN KEY ("waiverRequestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceChecklistItem" ADD CONSTRAINT "ServiceChecklistItem_waiverDecidedById_fkey" FOREIGN KEY ("waiverDecidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing N/A rows on required items become approved waivers that expire 90 days from now
-- (docs/decisions/0037): an upgrade does not block every gate at once, and each one lapses into a
-- review within the default waiver period. Nobody decided them, so waiverDecidedById stays null.
UPDATE "ServiceChecklistItem"
   SET "waiverStatus" = 'approved',
       "waiverRequestedById" = "updatedById",
       "waiverRequestedAt" = "updatedAt",
       "waiverDecidedAt" = now(),
       "waiverExpiresAt" = now() + interval '90 days',
       "waiverComment" = 'Approved when waivers were introduced: marked N/A before then.'
 WHERE state = 'na' AND required AND btrim(coalesce("naReason", '')) <> '';

-- A tick's clock starts at its last change.
UPDATE "ServiceChecklistItem" SET "verifiedAt" = "updatedAt" WHERE state = 'done';
