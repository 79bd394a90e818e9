-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "blockersAtDecision" JSONB,
ADD COLUMN     "levelAtDecision" TEXT,
ADD COLUMN     "openBlockersAtDecision" INTEGER;

-- CreateTable
CREATE TABLE "ChecklistItemComment" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChecklistItemComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChecklistItemComment_itemId_createdAt_idx" ON "ChecklistItemComment"("itemId", "createdAt");

-- AddForeignKey
ALTER TABLE "ChecklistItemComment" ADD CONSTRAINT "ChecklistItemComment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ServiceChecklistItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistItemComment" ADD CONSTRAINT "ChecklistItemComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
