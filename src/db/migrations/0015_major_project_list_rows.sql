-- The major-project list's rows, kept on write as the API's JSON text: one per project and plan year
-- (plan_year 0 for a project on no year's list). Building a year's list of ~130 projects field by field
-- (timestamps formatted, amounts as text, the plan object, the JSON aggregate) took ~3.8 ms of the
-- embedded database's single thread a request, its list the one endpoint over 200 ms p99 at 50
-- connections; reading the kept rows takes ~1.5 ms (BENCHMARKS.md, seventh session).
--
-- This function is the one place the list row (and a project's detail, projects.ts) is rendered: a
-- field added to the API's MajorProject needs a migration that replaces it and renders every row again.
-- Statement-level triggers on the four tables a row reads re-render the rows of the projects a statement
-- touched, in the same transaction, so a read never sees a row older than its snapshot.
CREATE TABLE major_project_list_rows (
  project_id uuid NOT NULL REFERENCES major_projects(id) ON DELETE CASCADE,
  plan_year integer NOT NULL,
  zone_id uuid NOT NULL,
  key text NOT NULL,
  deleted boolean NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (project_id, plan_year)
);
-- A year's list in key order, straight from the index.
CREATE INDEX major_project_list_rows_year ON major_project_list_rows (zone_id, plan_year, key) WHERE NOT deleted;
ALTER TABLE major_project_list_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE major_project_list_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY zone_isolation ON major_project_list_rows
  USING ((SELECT app_system()) OR zone_id = (SELECT app_zone()))
  WITH CHECK ((SELECT app_system()) OR zone_id = (SELECT app_zone()));

CREATE FUNCTION major_list_rows_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM major_project_list_rows WHERE project_id = ANY (ids);
  INSERT INTO major_project_list_rows (project_id, plan_year, zone_id, key, deleted, body)
  SELECT p.id, coalesce(pl.year, 0), p.zone_id, p.key, p.deleted_at IS NOT NULL,
         json_build_object(
           'id', p.id, 'key', p.key, 'name', p.name, 'builder', p.builder,
           'totalInvestment', p.total_investment::text, 'departmentId', p.department_id,
           'departmentName', d.name, 'location', p.location, 'description', p.description,
           'plannedStartDate', s.planned_date, 'actualStartDate', s.actual_date,
           'plan', CASE WHEN pl.id IS NULL THEN NULL ELSE json_build_object(
             'year', pl.year, 'levels', pl.levels, 'kind', pl.kind,
             'annualPlan', pl.annual_plan::text, 'version', pl.version) END,
           'version', p.version,
           'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'updatedAt', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'deletedAt', to_char(p.deleted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
    FROM major_projects p
    LEFT JOIN departments d ON d.id = p.department_id
    LEFT JOIN major_project_milestones s ON s.project_id = p.id AND s.kind = 'start'
    LEFT JOIN major_project_plans pl ON pl.project_id = p.id
   WHERE p.id = ANY (ids)
$$;

-- Projects inserted or updated (every update changes the version, so every update re-renders).
CREATE FUNCTION major_list_rows_on_projects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM major_list_rows_refresh(ARRAY(SELECT id FROM changed_rows));
  RETURN NULL;
END $$;

-- Plans inserted, updated or deleted: a row per plan year.
CREATE FUNCTION major_list_rows_on_plans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM major_list_rows_refresh(ARRAY(SELECT DISTINCT project_id FROM changed_rows));
  RETURN NULL;
END $$;

-- Of the milestones, only the start's dates are on the row.
CREATE FUNCTION major_list_rows_on_milestones() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[] := ARRAY(SELECT DISTINCT project_id FROM changed_rows WHERE kind = 'start');
BEGIN
  IF cardinality(ids) > 0 THEN PERFORM major_list_rows_refresh(ids); END IF;
  RETURN NULL;
END $$;

-- A department renamed: its projects' rows carry the name.
CREATE FUNCTION major_list_rows_on_departments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[] := ARRAY(
  SELECT p.id FROM major_projects p
   WHERE p.department_id IN (
     SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name));
BEGIN
  IF cardinality(ids) > 0 THEN PERFORM major_list_rows_refresh(ids); END IF;
  RETURN NULL;
END $$;

-- Transition tables allow one event a trigger. A project's removal takes its rows (the foreign key).
CREATE TRIGGER major_list_rows_project_insert AFTER INSERT ON major_projects
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION major_list_rows_on_projects();
CREATE TRIGGER major_list_rows_project_update AFTER UPDATE ON major_projects
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION major_list_rows_on_projects();
CREATE TRIGGER major_list_rows_plan_insert AFTER INSERT ON major_project_plans
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION major_list_rows_on_plans();
CREATE TRIGGER major_list_rows_plan_update AFTER UPDATE ON major_project_plans
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION major_list_rows_on_plans();
CREATE TRIGGER major_list_rows_plan_delete AFTER DELETE ON major_project_plans
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION major_list_rows_on_plans();
CREATE TRIGGER major_list_rows_milestone_insert AFTER INSERT ON major_project_milestones
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION major_list_rows_on_milestones();
CREATE TRIGGER major_list_rows_milestone_update AFTER UPDATE ON major_project_milestones
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION major_list_rows_on_milestones();
CREATE TRIGGER major_list_rows_milestone_delete AFTER DELETE ON major_project_milestones
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION major_list_rows_on_milestones();
CREATE TRIGGER major_list_rows_department_update AFTER UPDATE ON departments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION major_list_rows_on_departments();

SELECT major_list_rows_refresh(ARRAY(SELECT id FROM major_projects));
