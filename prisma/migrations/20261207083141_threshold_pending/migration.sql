-- AlterEnum
ALTER TYPE "ThresholdStatus" ADD VALUE 'pending';
