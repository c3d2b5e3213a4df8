// The composition root: the one place that decides which implementation each part gets. Routes
// receive services only; services receive the database and the clock; repositories are plain
// modules of functions that take an executor. Features are reached through their index.ts.
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { AuthService, StaffService } from './features/auth/index.ts';
import { CaseProgressService } from './features/case-progress/index.ts';
import { ChildrenService } from './features/children/index.ts';
import { DeadlinesService } from './features/deadlines/index.ts';
import { DemoDataService } from './features/demo/index.ts';
import { DocumentsService, LocalFileStore, MemoryFileStore, notScanning, type FileStore, type MalwareScanner } from './features/documents/index.ts';
import { HealthService } from './features/health/index.ts';
import { ReferenceDataService } from './features/reference/index.ts';
import { RequestsService } from './features/requests/index.ts';
import { SearchService } from './features/search/index.ts';
import { TimescalesService } from './features/timescales/index.ts';
import { WorklistService } from './features/worklist/index.ts';
import type { Clock } from './lib/clock.ts';
import { join } from 'node:path';

export interface ServiceDependencies {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  /** Where documents' bytes are kept: by default a folder under DATA_DIR (memory for DATA_DIR=memory://). */
  fileStore?: FileStore;
  /** The scan every upload passes: by default none, recorded on each document as not scanned. */
  malwareScanner?: MalwareScanner;
}

/** The embedded default file store: `${DATA_DIR}/files`, or memory beside an in-memory database. */
export function defaultFileStore(config: Config): FileStore {
  return config.dataDir.startsWith('memory://') ? new MemoryFileStore() : new LocalFileStore(join(config.dataDir, 'files'));
}

export function createServices({ config, database, clock, fileStore, malwareScanner }: ServiceDependencies) {
  const reference = new ReferenceDataService(database.db);
  const staff = new StaffService(database.db, clock);
  const requests = new RequestsService(database.db, clock);
  const caseProgress = new CaseProgressService(database.db, clock);
  return {
    auth: new AuthService(database.db, clock),
    caseProgress,
    children: new ChildrenService(database.db, clock),
    deadlines: new DeadlinesService(database.db, clock),
    documents: new DocumentsService(database.db, clock, { store: fileStore ?? defaultFileStore(config), scanner: malwareScanner ?? notScanning }),
    demo: new DemoDataService(database.db, clock, { requests, caseProgress, staff }),
    health: new HealthService(database),
    reference,
    requests,
    search: new SearchService(database.db, clock),
    staff,
    timescales: new TimescalesService(reference, { clock }),
    worklist: new WorklistService(database.db, clock),
  };
}

export type Services = ReturnType<typeof createServices>;
