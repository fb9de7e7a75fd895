-- Upper-level viewers (上级查看): the regions a user oversees. Such a user may read the rollup of
-- every zone in those regions (GET /api/v1/rollup), past the zone wall, and nothing else of them.
-- Only the operator gives a region (gaoxin viewer grant): the application role may read its own
-- zone's grants, so a zone admin sees who of the zone oversees what, but may never write one.
CREATE TABLE viewer_regions (
  -- The viewer's own zone: the grant is listed and audited there.
  zone_id uuid NOT NULL REFERENCES zones(id),
  user_id uuid NOT NULL REFERENCES users(id),
  -- GB/T 2260: XX0000 a province, XXXX00 a prefecture, else a county; 000000 the whole country.
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, region_code)
);
CREATE INDEX viewer_regions_zone ON viewer_regions (zone_id);

ALTER TABLE viewer_regions ENABLE ROW LEVEL SECURITY;
ALTER TABLE viewer_regions FORCE ROW LEVEL SECURITY;
CREATE POLICY zone_read ON viewer_regions FOR SELECT USING (app_system() OR zone_id = app_zone());
CREATE POLICY system_write ON viewer_regions USING (app_system()) WITH CHECK (app_system());
