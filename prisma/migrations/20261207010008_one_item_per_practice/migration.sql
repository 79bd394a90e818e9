-- AlterTable
ALTER TABLE "TemplateItem" ADD COLUMN     "practice" TEXT;

-- AlterTable
ALTER TABLE "ServiceChecklistItem" ADD COLUMN     "practice" TEXT;

-- CreateTable
CREATE TABLE "ServiceItemSource" (
    "serviceId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "templateItemId" TEXT NOT NULL,

    CONSTRAINT "ServiceItemSource_pkey" PRIMARY KEY ("itemId","templateItemId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceItemSource_serviceId_templateItemId_key" ON "ServiceItemSource"("serviceId", "templateItemId");

-- AddForeignKey
ALTER TABLE "ServiceItemSource" ADD CONSTRAINT "ServiceItemSource_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ServiceChecklistItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceItemSource" ADD CONSTRAINT "ServiceItemSource_templateItemId_fkey" FOREIGN KEY ("templateItemId") REFERENCES "TemplateItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every existing template-made item stands for its own template item. Practices are filled in by the
-- next template sync (the launcher loads the built-in templates on every start) and service re-sync.
INSERT INTO "ServiceItemSource" ("serviceId", "itemId", "templateItemId")
SELECT "serviceId", id, "templateItemId" FROM "ServiceChecklistItem" WHERE "templateItemId" IS NOT NULL;
