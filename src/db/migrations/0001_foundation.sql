-- Foundation: zones, departments, users, sessions, audit log, login throttling.
-- Zone-owned tables carry zone_id and are guarded by row-level security: a
-- transaction sees only the rows of the zone it set in app.zone_id, or every
-- row when it declared itself a system task (app.system = 'on').

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gaoxin_app') THEN
    CREATE ROLE gaoxin_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
EXCEPTION
  -- Another database on the same server created it concurrently, or this
  -- user may not create roles: FORCE ROW LEVEL SECURITY still applies then.
  WHEN duplicate_object OR insufficient_privilege OR unique_violation THEN NULL;
END $$;

CREATE OR REPLACE FUNCTION app_zone() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.zone_id', true), '')::uuid $$;

CREATE OR REPLACE FUNCTION app_system() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('app.system', true), '') = 'on' $$;

CREATE TABLE zones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  region_code text CHECK (region_code ~ '^[0-9]{6}$'),
  level text NOT NULL DEFAULT 'national' CHECK (level IN ('national', 'provincial')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE departments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind text NOT NULL DEFAULT 'internal' CHECK (kind IN ('internal', 'external', 'agency')),
  description text NOT NULL DEFAULT '',
  sort_order integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX departments_zone_name_live ON departments (zone_id, name) WHERE deleted_at IS NULL;
CREATE INDEX departments_zone ON departments (zone_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id uuid NOT NULL REFERENCES zones(id),
  username text NOT NULL CHECK (username ~ '^[a-z0-9_.-]{3,64}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  password_hash text NOT NULL,
  roles text[] NOT NULL CHECK (
    cardinality(roles) >= 1
    AND roles <@ ARRAY['admin', 'leader', 'staff', 'agency', 'owner', 'enterprise', 'viewer']::text[]
  ),
  department_id uuid REFERENCES departments(id),
  phone text,
  email text,
  locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
-- Usernames are unique across all zones: login names a person, not a zone.
CREATE UNIQUE INDEX users_username ON users (username);
CREATE INDEX users_zone ON users (zone_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  zone_id uuid NOT NULL REFERENCES zones(id),
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  user_agent text
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  zone_id uuid NOT NULL REFERENCES zones(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_name text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_zone_at ON audit_log (zone_id, at DESC, id DESC);
CREATE INDEX audit_log_entity ON audit_log (zone_id, entity, entity_id);

-- Not zone-owned: throttling is by username, before anyone is known.
CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_username_at ON login_failures (username, at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['departments', 'users', 'sessions', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY zone_isolation ON %I USING (app_system() OR zone_id = app_zone()) WITH CHECK (app_system() OR zone_id = app_zone())',
      t
    );
  END LOOP;
END $$;

-- Zones: a zone's own users read their zone; creating zones is a system task.
ALTER TABLE zones ENABLE ROW LEVEL SECURITY;
ALTER TABLE zones FORCE ROW LEVEL SECURITY;
CREATE POLICY zone_self ON zones USING (app_system() OR id = app_zone()) WITH CHECK (app_system());

-- The audit log is append-only for the application role.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Usernames are unique across zones; this answers "is it taken?" without
-- letting the caller read another zone's users.
CREATE OR REPLACE FUNCTION users_username_taken(p_username text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM users WHERE username = p_username) $$;
