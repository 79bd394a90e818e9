-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "publicBadges" BOOLEAN NOT NULL DEFAULT false;
