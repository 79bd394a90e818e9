-- AlterTable
ALTER TABLE "HealthCheck" ADD COLUMN     "lastHttpStatus" INTEGER,
ADD COLUMN     "lastLatencyMs" INTEGER,
ADD COLUMN     "streakStartedAt" TIMESTAMPTZ(3);

-- Rollups keep latency histograms sparse, as int[] pairs [bucket, count, bucket, count, …] sorted by
-- bucket (lib/uptime/histogram.ts). These merge two of them, and sum them over rows, inside PostgreSQL
-- so upserts and range reads never ship raw histograms to JavaScript to add them up.
CREATE OR REPLACE FUNCTION preflight_merge_hist(a int[], b int[]) RETURNS int[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(e.v ORDER BY m.idx, e.ord), '{}'::int[])
  FROM (
    SELECT p.idx, sum(p.cnt)::int AS cnt
    FROM (
      SELECT x.arr[2 * k - 1] AS idx, x.arr[2 * k] AS cnt
      FROM (SELECT coalesce(a, '{}'::int[]) AS arr UNION ALL SELECT coalesce(b, '{}'::int[])) x,
           generate_series(1, coalesce(array_length(x.arr, 1), 0) / 2) k
    ) p
    GROUP BY p.idx
  ) m,
  LATERAL (VALUES (1, m.idx), (2, m.cnt)) AS e(ord, v)
$$;

CREATE AGGREGATE preflight_hist_sum(int[]) (
  SFUNC = preflight_merge_hist,
  STYPE = int[],
  INITCOND = '{}',
  PARALLEL = SAFE
);

-- Status-code and error-class counts are jsonb objects {"200": 5, "503": 1}; merged by summing per key.
CREATE OR REPLACE FUNCTION preflight_merge_counts(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(k, total), '{}'::jsonb)
  FROM (
    SELECT k, sum(v::bigint) AS total
    FROM (
      SELECT key AS k, value AS v FROM jsonb_each_text(coalesce(a, '{}'::jsonb))
      UNION ALL
      SELECT key, value FROM jsonb_each_text(coalesce(b, '{}'::jsonb))
    ) kv
    GROUP BY k
  ) s
$$;

CREATE AGGREGATE preflight_counts_sum(jsonb) (
  SFUNC = preflight_merge_counts,
  STYPE = jsonb,
  INITCOND = '{}',
  PARALLEL = SAFE
);
