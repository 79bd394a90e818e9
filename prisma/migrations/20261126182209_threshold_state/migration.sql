-- CreateEnum
CREATE TYPE "ThresholdStatus" AS ENUM ('ok', 'breached', 'no_data');

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "metricsScrapeError" TEXT,
ADD COLUMN     "metricsScrapedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "MetricThreshold" ADD COLUMN     "evaluatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "since" TIMESTAMPTZ(3),
ADD COLUMN     "status" "ThresholdStatus" NOT NULL DEFAULT 'no_data',
ADD COLUMN     "value" DOUBLE PRECISION,
ADD COLUMN     "valueAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "MetricSample_at_idx" ON "MetricSample"("at");
