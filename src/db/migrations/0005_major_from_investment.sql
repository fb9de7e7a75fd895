-- A signed investment project (招商) put on a major-project list keeps its key and
-- its history: the major project links back to it. One investment project becomes
-- at most one major project (a deleted one included: restore it instead of making
-- another). The link carries the zone, so it can never point into another zone
-- (a foreign key check does not pass through row-level security).

ALTER TABLE investment_projects ADD CONSTRAINT investment_projects_zone_id_id UNIQUE (zone_id, id);

ALTER TABLE major_projects ADD COLUMN investment_project_id uuid;
ALTER TABLE major_projects ADD CONSTRAINT major_projects_investment_project_fk
  FOREIGN KEY (zone_id, investment_project_id) REFERENCES investment_projects (zone_id, id);
CREATE UNIQUE INDEX major_projects_investment_project ON major_projects (zone_id, investment_project_id)
  WHERE investment_project_id IS NOT NULL;
