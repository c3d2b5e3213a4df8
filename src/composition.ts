// The composition root: the one place that decides which implementation each part gets. Routes
// receive services only; services receive the database and the clock; repositories are plain
// modules of functions that take an executor.
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { AuthService } from './features/auth/service.ts';
import { HealthService } from './features/health/service.ts';
import { CaseworkService } from './features/cases/service.ts';
import { DemoDataService } from './features/demo/service.ts';
import { StaffService } from './features/staff/service.ts';
import { TimescalesService } from './features/timescales/service.ts';
import { ReferenceDataService } from './features/reference/service.ts';
import type { Clock } from './lib/clock.ts';

export interface ServiceDependencies {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
}

export function createServices({ database, clock }: ServiceDependencies) {
  const reference = new ReferenceDataService(database.db);
  const casework = new CaseworkService(database.db, clock);
  const staff = new StaffService(database.db, clock);
  return {
    auth: new AuthService(database.db, clock),
    casework,
    demo: new DemoDataService(database.db, clock, casework, staff),
    health: new HealthService(database),
    reference,
    staff,
    timescales: new TimescalesService(reference, { clock }),
  };
}

export type Services = ReturnType<typeof createServices>;
