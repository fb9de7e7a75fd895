-- The investment project list's totals over all of a zone's live projects (its first view, unfiltered:
-- the count and the sum of total investment), kept on write instead of aggregated on every page. The
-- aggregate, even by an index-only scan (0011), was the larger part of the list statement: 2,000 rows a
-- zone on every request (PGlite ~1 ms of 4.7, PostgreSQL 0.6 of 1.5 ms).
--
-- Statement-level triggers with transition tables: one upsert per statement, whatever the rows (a
-- 10,000-row import adds one). A statement that changes neither the count nor the sum (a stage change,
-- an edit of other fields) writes nothing, so it does not lock the zone's row. No foreign key to zones:
-- a zone deleted with its projects would otherwise fail on the upsert its cascade triggers.
CREATE TABLE investment_project_totals (
  zone_id uuid PRIMARY KEY,
  live_projects integer NOT NULL,
  live_investment numeric(24, 2) NOT NULL
);
ALTER TABLE investment_project_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE investment_project_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY zone_isolation ON investment_project_totals
  USING ((SELECT app_system()) OR zone_id = (SELECT app_zone()))
  WITH CHECK ((SELECT app_system()) OR zone_id = (SELECT app_zone()));

CREATE FUNCTION investment_project_totals_add(delta jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO investment_project_totals AS t (zone_id, live_projects, live_investment)
  SELECT (d->>'zone_id')::uuid, (d->>'n')::int, (d->>'amount')::numeric FROM jsonb_array_elements(delta) d
  ON CONFLICT (zone_id) DO UPDATE
    SET live_projects = t.live_projects + excluded.live_projects,
        live_investment = t.live_investment + excluded.live_investment
$$;

-- Inserted rows add to their zone's figures, deleted rows subtract (TG_ARGV[0]: 1 or -1); both triggers
-- name their transition table changed_rows.
CREATE FUNCTION investment_project_totals_on_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta jsonb;
  sign int := TG_ARGV[0]::int;
BEGIN
  SELECT jsonb_agg(x) INTO delta FROM (
    SELECT zone_id, sign * count(*) AS n, sign * sum(total_investment) AS amount
      FROM changed_rows WHERE deleted_at IS NULL GROUP BY zone_id) x;
  IF delta IS NOT NULL THEN PERFORM investment_project_totals_add(delta); END IF;
  RETURN NULL;
END $$;

-- An update moves a project in or out of the figures (deleted, restored) or changes its amount.
CREATE FUNCTION investment_project_totals_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delta jsonb;
BEGIN
  SELECT jsonb_agg(x) INTO delta FROM (
    SELECT zone_id, sum(n) AS n, sum(amount) AS amount FROM (
      SELECT zone_id, 1 AS n, total_investment AS amount FROM new_rows WHERE deleted_at IS NULL
      UNION ALL
      SELECT zone_id, -1, -total_investment FROM old_rows WHERE deleted_at IS NULL) d
     GROUP BY zone_id HAVING sum(n) <> 0 OR sum(amount) <> 0) x;
  IF delta IS NOT NULL THEN PERFORM investment_project_totals_add(delta); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER investment_project_totals_insert AFTER INSERT ON investment_projects
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION investment_project_totals_on_rows('1');
CREATE TRIGGER investment_project_totals_update AFTER UPDATE ON investment_projects
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION investment_project_totals_on_update();
CREATE TRIGGER investment_project_totals_delete AFTER DELETE ON investment_projects
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION investment_project_totals_on_rows('-1');

INSERT INTO investment_project_totals (zone_id, live_projects, live_investment)
SELECT zone_id, count(*), sum(total_investment) FROM investment_projects WHERE deleted_at IS NULL GROUP BY zone_id;
