-- The department that coordinates every major project (重大项目办, e.g. 经济发展局): its staff act on
-- all the zone's projects; other staff act on the projects their department is responsible for or
-- sits on the task force of.
ALTER TABLE major_project_settings ADD COLUMN coordinating_department_id uuid REFERENCES departments(id);
