-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3);
