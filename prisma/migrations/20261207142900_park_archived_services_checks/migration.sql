-- Archived services are no longer probed (lib/services/manage.ts parks their checks on archive and makes
-- them due on restore). Park the checks of services archived before this release the same way.
UPDATE "HealthCheck" SET "nextRunAt" = '9999-12-31T00:00:00.000Z'
 WHERE "serviceId" IN (SELECT id FROM "Service" WHERE "archivedAt" IS NOT NULL);
