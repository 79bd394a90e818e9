-- AlterTable
ALTER TABLE "MetricThreshold" ADD COLUMN     "alertedBreachSince" TIMESTAMPTZ(3);

-- A breach that is on now was announced when it began (threshold.breached is raised on entering it).
UPDATE "MetricThreshold" SET "alertedBreachSince" = since WHERE status = 'breached';
