import type { App } from '../../server/context.ts';
import { agreementRoutes } from './routes-agreements.ts';
import { companyRoutes } from './routes-companies.ts';
import { figureRoutes } from './routes-figures.ts';
import { leadRoutes } from './routes-leads.ts';
import { projectRoutes } from './routes-projects.ts';
import { workRoutes } from './routes-work.ts';

/** Every route of the investment module (registered once in src/server/app.ts). */
export function investmentRoutes(app: App) {
  companyRoutes(app);
  projectRoutes(app);
  figureRoutes(app);
  leadRoutes(app);
  workRoutes(app);
  agreementRoutes(app);
}
