-- Every ledger import is recorded: who, when, which file (SHA-256), and what it changed.
CREATE TABLE ledger_imports (
  id bigserial PRIMARY KEY,
  zone_id uuid NOT NULL REFERENCES zones(id),
  ledger text NOT NULL,
  filename text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  actor_id uuid,
  actor_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  rows integer NOT NULL,
  created integer NOT NULL,
  updated integer NOT NULL,
  unchanged integer NOT NULL,
  warnings jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX ledger_imports_zone_at ON ledger_imports (zone_id, at DESC);

ALTER TABLE ledger_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_imports FORCE ROW LEVEL SECURITY;
CREATE POLICY zone_isolation ON ledger_imports
  USING (app_system() OR zone_id = app_zone()) WITH CHECK (app_system() OR zone_id = app_zone());
