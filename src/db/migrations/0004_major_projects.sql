-- Major projects (重大项目): the projects, their yearly lists, milestones, monthly
-- reports (with every corrected figure kept), photos and files, issues and their
-- loop 交办 → 办理 → 反馈 → 复核 → 销号, supervision settings and notices, and the
-- zone's additions to the working-day calendar. Every table is zone-owned and
-- walled by row-level security.

CREATE TABLE major_projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  builder text NOT NULL CHECK (length(builder) BETWEEN 1 AND 200),
  total_investment numeric(18, 2) NOT NULL CHECK (total_investment >= 0),
  department_id uuid REFERENCES departments(id),
  location text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
-- The key (项目编号) is the ledger's row key; it may equal an investment project's key.
CREATE UNIQUE INDEX major_projects_zone_key_live ON major_projects (zone_id, key) WHERE deleted_at IS NULL;
CREATE INDEX major_projects_department ON major_projects (zone_id, department_id);

-- A project on the zone's, city's and/or province's list for a year.
CREATE TABLE major_project_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES major_projects(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  levels text[] NOT NULL CHECK (
    cardinality(levels) BETWEEN 1 AND 3 AND levels <@ ARRAY['province', 'city', 'zone']::text[]
  ),
  kind text NOT NULL CHECK (kind IN ('new', 'continuing', 'finishing')),
  annual_plan numeric(18, 2) NOT NULL CHECK (annual_plan >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, year)
);
CREATE INDEX major_project_plans_zone_year ON major_project_plans (zone_id, year);

CREATE TABLE major_project_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES major_projects(id),
  kind text NOT NULL CHECK (
    kind IN ('land_requisition', 'land_listing', 'land_award', 'start', 'structure_done', 'completion', 'operation')
  ),
  planned_date date,
  actual_date date,
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, kind)
);

-- People linked to a project: owners (项目业主 accounts) file its reports.
CREATE TABLE major_project_owners (
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES major_projects(id),
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX major_project_owners_user ON major_project_owners (zone_id, user_id);

-- The task force (专班): named people across departments.
CREATE TABLE major_project_task_force (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES major_projects(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role text NOT NULL DEFAULT '' CHECK (length(role) <= 100),
  department_id uuid REFERENCES departments(id),
  phone text,
  user_id uuid REFERENCES users(id),
  sort_order integer NOT NULL DEFAULT 0
);
CREATE INDEX major_project_task_force_project ON major_project_task_force (project_id);

-- Monthly reports (月报): one per project and month; a correction moves the
-- replaced figure into the revisions table, so the history is never lost.
CREATE TABLE major_project_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES major_projects(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  completed numeric(18, 2) NOT NULL CHECK (completed >= 0),
  progress text NOT NULL DEFAULT '' CHECK (length(progress) <= 2000),
  problems text NOT NULL DEFAULT '' CHECK (length(problems) <= 2000),
  source text NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'ledger')),
  filed_by uuid,
  filed_by_name text NOT NULL,
  filed_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, month)
);
CREATE INDEX major_project_reports_zone_month ON major_project_reports (zone_id, month);

CREATE TABLE major_project_report_revisions (
  id bigserial PRIMARY KEY,
  zone_id uuid NOT NULL REFERENCES zones(id),
  report_id uuid NOT NULL REFERENCES major_project_reports(id),
  version integer NOT NULL,
  completed numeric(18, 2) NOT NULL,
  progress text NOT NULL,
  problems text NOT NULL,
  source text NOT NULL,
  filed_by_name text NOT NULL,
  filed_at timestamptz NOT NULL,
  replaced_by uuid,
  replaced_by_name text NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  reason text NOT NULL DEFAULT ''
);
CREATE INDEX major_project_report_revisions_report ON major_project_report_revisions (report_id, id);

-- Photos and files, kept in the database so every app process serves them.
CREATE TABLE major_project_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES major_projects(id),
  month date CHECK (month IS NULL OR extract(day FROM month) = 1),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  caption text NOT NULL DEFAULT '' CHECK (length(caption) <= 500),
  data bytea NOT NULL,
  uploaded_by uuid,
  uploaded_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX major_project_files_project ON major_project_files (project_id, created_at);

-- Issues (问题协调): raised → 交办 (assigned, with a deadline in working days) →
-- 办理 (handling) → 反馈 (responded) → 复核 (reviewed; a failed review goes back
-- to handling) → 销号 (closed). Each step is a dated row with who did it.
CREATE TABLE major_project_issues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES major_projects(id),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  category text NOT NULL DEFAULT 'other' CHECK (
    category IN ('land', 'environment', 'approval', 'funding', 'utilities', 'other')
  ),
  department_id uuid REFERENCES departments(id),
  status text NOT NULL DEFAULT 'open' CHECK (
    status IN ('open', 'assigned', 'handling', 'responded', 'reviewed', 'closed')
  ),
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'report')),
  report_id uuid REFERENCES major_project_reports(id),
  raised_on date NOT NULL,
  assigned_on date,
  deadline_workdays integer CHECK (deadline_workdays BETWEEN 1 AND 250),
  deadline date,
  responded_on date,
  closed_on date,
  escalated_on date,
  resolution text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'open') = (assigned_on IS NULL)),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX major_project_issues_project ON major_project_issues (project_id);
CREATE INDEX major_project_issues_zone_status ON major_project_issues (zone_id, status);

CREATE TABLE major_project_issue_steps (
  id bigserial PRIMARY KEY,
  zone_id uuid NOT NULL REFERENCES zones(id),
  issue_id uuid NOT NULL REFERENCES major_project_issues(id),
  step text NOT NULL CHECK (
    step IN ('raise', 'assign', 'handle', 'respond', 'review_pass', 'review_reject', 'close', 'escalate')
  ),
  on_date date NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  department_id uuid REFERENCES departments(id),
  actor_id uuid,
  actor_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX major_project_issue_steps_issue ON major_project_issue_steps (issue_id, id);

-- One row per zone: the report due day and the supervision rules an admin tunes.
-- A count threshold of 0 turns that rule off.
CREATE TABLE major_project_settings (
  zone_id uuid PRIMARY KEY REFERENCES zones(id),
  report_due_day integer NOT NULL DEFAULT 5 CHECK (report_due_day BETWEEN 1 AND 28),
  lag_yellow numeric(6, 4) NOT NULL DEFAULT -0.05,
  lag_red numeric(6, 4) NOT NULL DEFAULT -0.15,
  missing_yellow integer NOT NULL DEFAULT 1 CHECK (missing_yellow >= 0),
  missing_red integer NOT NULL DEFAULT 2 CHECK (missing_red >= 0),
  overdue_yellow integer NOT NULL DEFAULT 1 CHECK (overdue_yellow >= 0),
  overdue_red integer NOT NULL DEFAULT 2 CHECK (overdue_red >= 0),
  late_milestone_yellow integer NOT NULL DEFAULT 1 CHECK (late_milestone_yellow >= 0),
  late_milestone_red integer NOT NULL DEFAULT 2 CHECK (late_milestone_red >= 0),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (lag_red <= lag_yellow AND lag_yellow <= 0)
);

-- Supervision notices (督办通知) sent to a department, and its answer.
CREATE TABLE major_supervision_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid REFERENCES major_projects(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  content text NOT NULL CHECK (length(content) BETWEEN 1 AND 4000),
  sent_on date NOT NULL,
  reply_by date,
  sent_by uuid,
  sent_by_name text NOT NULL,
  answer text CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 4000),
  answered_on date,
  answered_by uuid,
  answered_by_name text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX major_supervision_notices_department ON major_supervision_notices (zone_id, department_id);

-- Years of the working-day calendar a zone's admin added (or corrected); the
-- official years ship with the code (src/core/holidays/).
CREATE TABLE work_calendar_years (
  zone_id uuid NOT NULL REFERENCES zones(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  source text NOT NULL DEFAULT '' CHECK (length(source) <= 200),
  holidays jsonb NOT NULL,
  workdays jsonb NOT NULL,
  updated_by_name text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (zone_id, year)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'major_projects', 'major_project_plans', 'major_project_milestones', 'major_project_owners',
    'major_project_task_force', 'major_project_reports', 'major_project_report_revisions',
    'major_project_files', 'major_project_issues', 'major_project_issue_steps',
    'major_project_settings', 'major_supervision_notices', 'work_calendar_years'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY zone_isolation ON %I USING (app_system() OR zone_id = app_zone()) WITH CHECK (app_system() OR zone_id = app_zone())',
      t
    );
  END LOOP;
END $$;
