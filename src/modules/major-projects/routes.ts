import type { App } from '../../server/context.ts';
import { projectRoutes } from './routes-projects.ts';
import { supervisionRoutes } from './routes-supervision.ts';
import { workRoutes } from './routes-work.ts';

/** Every route of the major-projects module (重大项目). */
export function majorProjectRoutes(app: App) {
  projectRoutes(app);
  workRoutes(app);
  supervisionRoutes(app);
}
