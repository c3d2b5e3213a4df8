// The composition root: the one place that decides which implementation each part gets. Routes
// receive services only; services receive the database and the clock; repositories are plain
// modules of functions that take an executor.
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { AuthService } from './features/auth/service.ts';
import { HealthService } from './features/health/service.ts';
import { StaffService } from './features/staff/service.ts';
import { ReferenceDataService } from './features/reference/service.ts';
import type { Clock } from './lib/clock.ts';

export interface ServiceDependencies {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
}

export function createServices({ database, clock }: ServiceDependencies) {
  return {
    auth: new AuthService(database.db, clock),
    health: new HealthService(database),
    reference: new ReferenceDataService(database.db),
    staff: new StaffService(database.db, clock),
  };
}

export type Services = ReturnType<typeof createServices>;
