// The composition root: the one place that decides which implementation each part gets. Routes
// receive services only; services receive the database and the clock; repositories are plain
// modules of functions that take an executor.
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { HealthService } from './features/health/service.ts';
import { ReferenceDataService } from './features/reference/service.ts';
import type { Clock } from './lib/clock.ts';

export interface ServiceDependencies {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
}

export function createServices({ database }: ServiceDependencies) {
  return {
    health: new HealthService(database),
    reference: new ReferenceDataService(database.db),
  };
}

export type Services = ReturnType<typeof createServices>;
