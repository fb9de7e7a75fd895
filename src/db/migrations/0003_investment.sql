-- Investment promotion (招商引资): companies, leads, projects and their stage
-- history, signing events, foreign capital, agreements, visits, agencies,
-- targets, evaluations and commitments. Money is numeric(20,2) in 元 (or US
-- dollars where the column says usd). Every table is zone-owned and guarded by
-- row-level security like the foundation's.

-- 企业库: found by USCC, else exact name; merged companies point to the survivor.
CREATE TABLE companies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  uscc text CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  industry_code text CHECK (industry_code ~ '^[A-T]([0-9]{2,4})?$'),
  industry text NOT NULL DEFAULT '',
  region text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}' CHECK (
    tags <@ ARRAY['srdi', 'little_giant', 'unicorn', 'gazelle', 'listed', 'platform']::text[]
  ),
  contacts jsonb NOT NULL DEFAULT '[]',
  parent_id uuid REFERENCES companies(id),
  merged_into_id uuid REFERENCES companies(id),
  notes text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX companies_zone_uscc_live ON companies (zone_id, uscc) WHERE deleted_at IS NULL AND uscc IS NOT NULL;
CREATE UNIQUE INDEX companies_zone_name_live ON companies (zone_id, name) WHERE deleted_at IS NULL;

-- 三类500强 memberships: which list, which year (unknown year allowed).
CREATE TABLE company_top500 (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  company_id uuid NOT NULL REFERENCES companies(id),
  list text NOT NULL CHECK (list IN ('fortune_global', 'china', 'china_private')),
  year integer CHECK (year BETWEEN 1990 AND 2100),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (company_id, list, year)
);
CREATE INDEX company_top500_company ON company_top500 (company_id);

CREATE TABLE investment_signing_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  held_on date NOT NULL,
  place text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX investment_signing_events_live ON investment_signing_events (zone_id, name, held_on)
  WHERE deleted_at IS NULL;

CREATE TABLE investment_projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  company_id uuid NOT NULL REFERENCES companies(id),
  industry text NOT NULL DEFAULT '',
  industry_code text CHECK (industry_code ~ '^[A-T]([0-9]{2,4})?$'),
  chain text NOT NULL DEFAULT '',
  channel text NOT NULL CHECK (
    channel IN ('staff', 'squad', 'agency', 'department', 'data', 'chain', 'investor_referral', 'hometown', 'other')
  ),
  -- 引荐单位: the department or agency that brought it; an agency sees exactly these.
  referrer_department_id uuid REFERENCES departments(id),
  responsible_department_id uuid REFERENCES departments(id),
  responsible_person text NOT NULL DEFAULT '',
  total_investment numeric(20, 2) NOT NULL CHECK (total_investment >= 0),
  fixed_asset_investment numeric(20, 2) CHECK (fixed_asset_investment >= 0),
  foreign_investment_usd numeric(20, 2) CHECK (foreign_investment_usd >= 0),
  land_area_mu numeric(14, 2) CHECK (land_area_mu >= 0),
  stage text NOT NULL CHECK (
    stage IN ('negotiating', 'signed', 'landed', 'started', 'completed', 'operating', 'dropped')
  ),
  stage_on date NOT NULL,
  signed_on date,
  landed_on date,
  dropped_reason text,
  signing_event_id uuid REFERENCES investment_signing_events(id),
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  -- Signed or later needs its signing date; a project in talks has none.
  CHECK (stage IN ('negotiating', 'dropped') OR signed_on IS NOT NULL),
  CHECK (stage <> 'negotiating' OR signed_on IS NULL),
  CHECK (signing_event_id IS NULL OR signed_on IS NOT NULL)
);
CREATE UNIQUE INDEX investment_projects_code_live ON investment_projects (zone_id, code) WHERE deleted_at IS NULL;
CREATE INDEX investment_projects_signed ON investment_projects (zone_id, signed_on);
CREATE INDEX investment_projects_company ON investment_projects (company_id);
CREATE INDEX investment_projects_referrer ON investment_projects (referrer_department_id);

-- Every stage change is a dated event; the history is never rewritten.
CREATE TABLE investment_stage_events (
  id bigserial PRIMARY KEY,
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES investment_projects(id),
  from_stage text,
  to_stage text NOT NULL,
  happened_on date NOT NULL,
  reason text NOT NULL DEFAULT '',
  source text NOT NULL CHECK (source IN ('api', 'ledger', 'lead', 'seed')),
  actor_id uuid,
  actor_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX investment_stage_events_project ON investment_stage_events (project_id, id);

-- 到位外资: arrivals in US dollars by date; 登记编号 is the ledger key.
CREATE TABLE investment_foreign_capital (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  project_id uuid NOT NULL REFERENCES investment_projects(id),
  arrived_on date NOT NULL,
  amount_usd numeric(20, 2) NOT NULL CHECK (amount_usd > 0),
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX investment_foreign_capital_code_live ON investment_foreign_capital (zone_id, code)
  WHERE deleted_at IS NULL;
CREATE INDEX investment_foreign_capital_arrived ON investment_foreign_capital (zone_id, arrived_on);
CREATE INDEX investment_foreign_capital_project ON investment_foreign_capital (project_id);

CREATE TABLE investment_agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES investment_projects(id),
  kind text NOT NULL CHECK (kind IN ('framework', 'investment', 'supplementary')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  signed_on date,
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX investment_agreements_project ON investment_agreements (project_id);

-- Files attached to agreements, kept in the database (size-limited by the API).
CREATE TABLE investment_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  agreement_id uuid NOT NULL REFERENCES investment_agreements(id),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 300),
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  data bytea NOT NULL,
  uploaded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX investment_attachments_agreement ON investment_attachments (agreement_id);

-- 招商线索: shared across departments, owned by one department (and person).
CREATE TABLE investment_leads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  company_id uuid NOT NULL REFERENCES companies(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  estimated_investment numeric(20, 2) CHECK (estimated_investment >= 0),
  industry text NOT NULL DEFAULT '',
  channel text NOT NULL CHECK (
    channel IN ('staff', 'squad', 'agency', 'department', 'data', 'chain', 'investor_referral', 'hometown', 'other')
  ),
  source_person text NOT NULL DEFAULT '',
  source_department_id uuid REFERENCES departments(id),
  owner_department_id uuid REFERENCES departments(id),
  owner_user_id uuid REFERENCES users(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'following', 'converted', 'closed')),
  closed_reason text,
  project_id uuid REFERENCES investment_projects(id),
  shared boolean NOT NULL DEFAULT true,
  received_on date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (status <> 'converted' OR project_id IS NOT NULL)
);
CREATE INDEX investment_leads_company ON investment_leads (company_id);
CREATE INDEX investment_leads_source ON investment_leads (zone_id, source_department_id, received_on);

CREATE TABLE investment_lead_followups (
  id bigserial PRIMARY KEY,
  zone_id uuid NOT NULL REFERENCES zones(id),
  lead_id uuid NOT NULL REFERENCES investment_leads(id),
  happened_on date NOT NULL,
  content text NOT NULL CHECK (length(content) BETWEEN 1 AND 4000),
  next_step text NOT NULL DEFAULT '',
  next_on date,
  actor_id uuid,
  actor_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX investment_lead_followups_lead ON investment_lead_followups (lead_id, happened_on);

-- 招商考察 / 走访
CREATE TABLE investment_visits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  started_on date NOT NULL,
  ended_on date NOT NULL,
  place text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  participants text NOT NULL DEFAULT '',
  purpose text NOT NULL DEFAULT '',
  agreed text NOT NULL DEFAULT '',
  next_steps text NOT NULL DEFAULT '',
  department_id uuid REFERENCES departments(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (ended_on >= started_on)
);
CREATE INDEX investment_visits_zone_date ON investment_visits (zone_id, started_on);

CREATE TABLE investment_visit_companies (
  zone_id uuid NOT NULL REFERENCES zones(id),
  visit_id uuid NOT NULL REFERENCES investment_visits(id),
  company_id uuid NOT NULL REFERENCES companies(id),
  PRIMARY KEY (visit_id, company_id)
);
CREATE INDEX investment_visit_companies_company ON investment_visit_companies (company_id);

CREATE TABLE investment_visit_leads (
  zone_id uuid NOT NULL REFERENCES zones(id),
  visit_id uuid NOT NULL REFERENCES investment_visits(id),
  lead_id uuid NOT NULL REFERENCES investment_leads(id),
  PRIMARY KEY (visit_id, lead_id)
);

-- 第三方招商机构: the contract of a department of kind 'agency'.
CREATE TABLE investment_agencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  contract_start date,
  contract_end date,
  yearly_quota numeric(20, 2) NOT NULL DEFAULT 0 CHECK (yearly_quota >= 0),
  contact_person text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (contract_end IS NULL OR contract_start IS NULL OR contract_end >= contract_start),
  UNIQUE (department_id)
);

-- 任务书: yearly targets; progress is computed from the records, never stored.
CREATE TABLE investment_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  department_id uuid NOT NULL REFERENCES departments(id),
  leads integer NOT NULL DEFAULT 0 CHECK (leads >= 0),
  signed_projects integer NOT NULL DEFAULT 0 CHECK (signed_projects >= 0),
  signed_investment numeric(20, 2) NOT NULL DEFAULT 0 CHECK (signed_investment >= 0),
  landed_projects integer NOT NULL DEFAULT 0 CHECK (landed_projects >= 0),
  foreign_capital_usd numeric(20, 2) NOT NULL DEFAULT 0 CHECK (foreign_capital_usd >= 0),
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX investment_targets_live ON investment_targets (zone_id, year, department_id)
  WHERE deleted_at IS NULL;

-- 项目研判 / 收支测算: one live evaluation per project, with its yearly lines.
CREATE TABLE investment_evaluations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES investment_projects(id),
  first_year integer CHECK (first_year BETWEEN 2000 AND 2100),
  land_area_mu numeric(14, 2) NOT NULL CHECK (land_area_mu > 0),
  industry_fit text NOT NULL DEFAULT '',
  recommendation text NOT NULL DEFAULT '',
  decision text NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'approve', 'reject')),
  decided_by text NOT NULL DEFAULT '',
  decided_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX investment_evaluations_project ON investment_evaluations (project_id);

CREATE TABLE investment_evaluation_years (
  zone_id uuid NOT NULL REFERENCES zones(id),
  evaluation_id uuid NOT NULL REFERENCES investment_evaluations(id),
  year_index integer NOT NULL CHECK (year_index BETWEEN 1 AND 50),
  output numeric(20, 2) NOT NULL DEFAULT 0 CHECK (output >= 0),
  tax numeric(20, 2) NOT NULL DEFAULT 0 CHECK (tax >= 0),
  incentives numeric(20, 2) NOT NULL DEFAULT 0 CHECK (incentives >= 0),
  PRIMARY KEY (evaluation_id, year_index)
);

-- 对赌 / 承诺指标: a yearly target per metric with the actual entered after the year.
CREATE TABLE investment_commitments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  project_id uuid NOT NULL REFERENCES investment_projects(id),
  metric text NOT NULL CHECK (metric IN ('tax', 'retail_sales', 'output', 'foreign_capital', 'foreign_trade')),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  target numeric(20, 2) NOT NULL CHECK (target >= 0),
  actual numeric(20, 2) CHECK (actual >= 0),
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX investment_commitments_live ON investment_commitments (project_id, metric, year)
  WHERE deleted_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'companies', 'company_top500', 'investment_signing_events', 'investment_projects',
    'investment_stage_events', 'investment_foreign_capital', 'investment_agreements',
    'investment_attachments', 'investment_leads', 'investment_lead_followups', 'investment_visits',
    'investment_visit_companies', 'investment_visit_leads', 'investment_agencies', 'investment_targets',
    'investment_evaluations', 'investment_evaluation_years', 'investment_commitments'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY zone_isolation ON %I USING (app_system() OR zone_id = app_zone()) WITH CHECK (app_system() OR zone_id = app_zone())',
      t
    );
  END LOOP;
END $$;
