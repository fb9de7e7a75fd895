-- Indexes for figures across zones (an upper-level office's rollup over every zone in one database)
-- and for the 500强 rule "the company or its parent is on a list".
-- A company's subsidiaries: few companies have a parent, so the index is small.
CREATE INDEX companies_parent ON companies (parent_id) WHERE parent_id IS NOT NULL;
-- Deleted projects, to leave their foreign capital out without looking up every live one.
CREATE INDEX investment_projects_deleted ON investment_projects (id) WHERE deleted_at IS NOT NULL;
-- Signed in a period, whatever the zone (the per-zone index leads with zone_id).
CREATE INDEX investment_projects_signed_on ON investment_projects (signed_on) WHERE deleted_at IS NULL;
