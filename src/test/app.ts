import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { createServices, type Services } from '../composition.ts';
import { testConfig, type Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { MemoryFileStore, type FileStore, type MalwareScanner } from '../features/documents/index.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { createTestDatabase, type QueryObserver } from './database.ts';
import { useClockFor } from './http.ts';

export interface TestApp {
  database: DatabaseHandle;
  services: Services;
  app: FastifyInstance;
  /** The clock the services and the app share: what "today" is for the test. */
  clock: Clock;
  /** Where the app keeps documents' bytes: memory, unless the test gave a store of its own. */
  fileStore: FileStore;
  /** The demo council (LA 999) that the reference data provides. */
  authorityId: string;
  close(): Promise<void>;
}

/**
 * The app on a database of the test's own, as the server builds it: reference data loaded, the
 * services and the app sharing one clock. Most integration tests start here.
 */
export async function createTestApp(
  options: { clock?: Clock; config?: Partial<Config>; onQuery?: QueryObserver; fileStore?: FileStore; malwareScanner?: MalwareScanner } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(options.onQuery ? { onQuery: options.onQuery } : {});
  try {
    const config = testConfig(options.config);
    const clock = options.clock ?? systemClock;
    const fileStore = options.fileStore ?? new MemoryFileStore();
    const services = createServices({ config, database, clock, fileStore, ...(options.malwareScanner ? { malwareScanner: options.malwareScanner } : {}) });
    await services.reference.ensureReferenceData();
    const authorityId = (await services.reference.findAuthorityByLaCode('999'))!.id;
    const app = await buildApp({ config, database, clock, services });
    await app.ready();
    useClockFor(app, clock);
    return {
      database,
      services,
      app,
      clock,
      fileStore,
      authorityId,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
