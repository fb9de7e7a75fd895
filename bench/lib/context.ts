import type { Database, DatabaseKind } from '../../src/db/database.ts';
import type { Actor } from '../../src/modules/auth/actor.ts';
import type { ReportZone } from '../../src/reports/report.ts';
import type { BenchClient } from './http.ts';
import type { Child } from './processes.ts';

/** What every section of a database's run gets: the server, a direct connection, the zone and its admin. */
export interface BenchContext {
  kind: DatabaseKind;
  quick: boolean;
  server: Child;
  /** The benchmark's own connection to the same database (through the driver, as the reference). */
  db: Database;
  zone: ReportZone;
  actor: Actor;
  admin: BenchClient;
  /** The zone-scale year every report is asked for. */
  year: number;
  log(message: string): void;
}
