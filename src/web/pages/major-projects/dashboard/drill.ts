import type { Colour, Kind, Level } from '../api.ts';

/** Which records a clicked figure stands for; each maps to one drill-down endpoint of the API. */
export interface DrillFilter {
  level?: Level;
  kind?: Kind;
  departmentId?: string;
}

export type ProjectFigure = 'all' | 'newPlanned' | 'newStarted' | 'newNotStarted' | 'missing';

export type Drill = { title: string } & (
  | ({ type: 'projects'; figure: ProjectFigure } & DrillFilter)
  | ({ type: 'missing' } & DrillFilter)
  | ({ type: 'reports'; month?: string } & DrillFilter)
  | { type: 'supervision'; colour: Colour }
  | { type: 'issues' }
);

/** The place a figure was taken from: year, through month and the day overdue issues were counted on. */
export interface DrillScope {
  year: number;
  through: string;
  asOf: string;
}
