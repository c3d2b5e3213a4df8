// Entry point of `npm start`: configuration, database (migrated), reference and demo data, then
// the web server, with a graceful stop on SIGTERM/SIGINT.
import { buildApp } from './app.ts';
import { closeWorkerThreads, createJobRunner, createServices } from './composition.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseUnavailableError, openDatabase, type DatabaseHandle } from './db/database.ts';
import { DataFolderLockedError } from './db/lock.ts';
import { ServiceRoleError } from './db/roles.ts';
import { ensureDemoAccounts } from './features/demo/index.ts';
import { DEMO_AUTHORITY } from './features/reference/index.ts';
import { systemClock } from './lib/clock.ts';

function fail(message: string): never {
  console.error(`SEND Casework could not start: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  let database: DatabaseHandle;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      ownerUrl: config.databaseOwnerUrl,
      // In production the service refuses to run as a role that could switch off its logs' triggers.
      refuseOwnerRole: config.environment === 'production',
      dataDir: config.dataDir,
      warn: (message) => console.warn(message),
    });
  } catch (error) {
    if (error instanceof DataFolderLockedError || error instanceof DatabaseUnavailableError || error instanceof ServiceRoleError) fail(error.message);
    throw error;
  }

  // Reports and the SEN2 return read from a streaming replica where the council runs one (ADR 0027).
  let readDatabase: DatabaseHandle | undefined;
  if (config.databaseReadUrl) {
    try {
      readDatabase = await openDatabase({ databaseUrl: config.databaseReadUrl, dataDir: config.dataDir, migrate: false, warn: () => undefined });
    } catch (error) {
      // The casework does not wait for its reports' replica: they read the primary until a restart.
      if (!(error instanceof DatabaseUnavailableError)) throw error;
      console.warn(`${error.message.replace('DATABASE_URL', 'DATABASE_READ_URL')} Reports and the SEN2 return read from DATABASE_URL until the service is restarted.`);
    }
  }
  const closeDatabases = async () => {
    await readDatabase?.close();
    await database.close();
  };

  const clock = systemClock;
  const services = createServices({ config, database, readDatabase, clock });
  await services.reference.ensureReferenceData();
  // The logs' monthly maintenance (ADR 0025): queued now unless it is queued already.
  await services.logRetention.ensureScheduled();
  // Uploaded import files no longer needed, deleted daily (docs/import-cases.md).
  await services.importUploads.ensureSweepScheduled();
  if (config.seedDemoData) {
    const demoAuthority = await services.reference.findAuthorityByLaCode(DEMO_AUTHORITY.laCode);
    if (demoAuthority) {
      // Printed first, before any other e-mail address, so a person (or a script) can find them.
      for (const line of await ensureDemoAccounts(services, demoAuthority.id)) console.log(line);
      if (await services.demo.isEmpty(demoAuthority.id)) {
        const started = Date.now();
        const seeded = await services.demo.seedDemo(demoAuthority.id);
        console.log(`Loaded demo data: ${seeded.children} children (${seeded.unallocated} unallocated) in ${Date.now() - started} ms.`);
      }
    }
  }

  const app = await buildApp({ config, database, clock, services });
  // Letters, e-mails and other background work: this instance claims its share of the due jobs.
  const jobRunner = createJobRunner({ database, clock }, services, { log: app.log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing in-flight requests');
    const deadline = setTimeout(() => {
      console.error('SEND Casework did not stop in time; exiting.');
      process.exit(1);
    }, config.shutdownGraceMs);
    deadline.unref();
    try {
      // No new requests or jobs; the ones in hand are finished and recorded first.
      await Promise.all([app.close(), jobRunner.stop().then(closeWorkerThreads)]);
    } finally {
      await closeDatabases();
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await closeDatabases();
    fail(`cannot listen on ${config.host}:${config.port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  jobRunner.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `SEND Casework for ${config.councilName} is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port} ` +
      `(${database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
