-- Late milestones (supervision's 节点滞后): a zone's open milestones by planned date. Without it, a
-- database holding many zones read every zone's milestones (200 zones: 400,000 rows, 24 ms a request).
CREATE INDEX major_project_milestones_open ON major_project_milestones (zone_id, planned_date) WHERE actual_date IS NULL;
