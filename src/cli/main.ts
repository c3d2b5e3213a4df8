// `npm run casework -- <command>`: the administrator's command line. It calls services, never the
// database directly, so validation and the audit apply exactly as they do on the web.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createServices, type Services } from '../composition.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseUnavailableError, openDatabase, type DatabaseHandle } from '../db/database.ts';
import { DataFolderLockedError } from '../db/lock.ts';
import { generatePassword, STAFF_ROLES, systemActor } from '../features/auth/index.ts';
import { ensureDemoAccounts } from '../features/demo/index.ts';
import { BankHolidayImportError, DEMO_AUTHORITY } from '../features/reference/index.ts';
import { seedAtScale } from '../db/seed/scale.ts';
import { systemClock } from '../lib/clock.ts';
import { ConflictError, ValidationError } from '../lib/errors.ts';

const USAGE = `Usage: npm run casework -- <command> [options]

Commands:
  migrate                                 apply database migrations and load reference data
  create-user --email E --name N --role R [--authority LA] [--password P] [--api-token]
                                          create a staff account (roles: ${STAFF_ROLES.join(', ')});
                                          prints a first password if none is given, and with
                                          --api-token issues and prints an API token once
  seed --scale demo                       load demo data (about 200 children, demo accounts) into
                                          the demo authority, when it has no children yet
  seed --scale council|national [--seed N]
                                          load synthetic data at scale into an empty database:
                                          a Birmingham-sized council (12,000 plans) or all 153
                                          authorities (~720,000 plans), from published figures
  bank-holidays import FILE               replace the England and Wales bank holidays with a
                                          GOV.UK bank-holidays JSON file, then rebuild deadlines
  deadlines rebuild                       recompute every case's statutory deadlines from its events

The database is the one the service uses: DATABASE_URL, or the embedded one in DATA_DIR.`;

class UsageError extends Error {}

async function withServices<T>(run: (services: Services, database: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    ownerUrl: config.databaseOwnerUrl,
    refuseOwnerRole: config.environment === 'production',
    dataDir: config.dataDir,
    warn: (message) => console.error(message),
  });
  try {
    const services = createServices({ config, database, clock: systemClock });
    await services.reference.ensureReferenceData();
    return await run(services, database);
  } finally {
    await database.close();
  }
}

async function rebuildDeadlines(services: Services): Promise<void> {
  let total = 0;
  for (const authorityId of await services.deadlines.authorityIds()) {
    total += await services.deadlines.rebuildDeadlines(systemActor(authorityId, 'cli'));
  }
  console.log(`Rebuilt the deadlines of ${total} cases.`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      if (rest.length > 0) throw new UsageError(`migrate takes no arguments`);
      await withServices(async (_services, database) => console.log(`Database migrated (${database.engine}).`));
      return;
    }
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          authority: { type: 'string', default: '999' },
          password: { type: 'string' },
          'api-token': { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      });
      if (!values.email || !values.name || !values.role) throw new UsageError('create-user needs --email, --name and --role');
      await withServices(async (services) => {
        const authority = await services.reference.findAuthorityByLaCode(values.authority);
        if (!authority) throw new UsageError(`No authority with LA code ${values.authority}`);
        const admin = systemActor(authority.id, 'cli');
        const password = values.password ?? generatePassword(values.email);
        const user = await services.staff.createUser(admin, { email: values.email!, name: values.name!, role: values.role as never, password });
        console.log(`Created ${user.roleName.toLowerCase()} ${user.email} (${user.id}) in ${authority.name}.`);
        if (!values.password) console.log(`First password (shown once): ${password}`);
        if (values['api-token']) {
          const token = await services.auth.issueApiToken(admin, user.id, 'Issued at the command line');
          console.log(`API token (shown once; keep it secret): ${token.token}`);
        }
      });
      return;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { scale: { type: 'string' }, seed: { type: 'string' } }, strict: true });
      if (values.scale === 'council' || values.scale === 'national') {
        const scale = values.scale;
        await withServices(async (services, database) => {
          if (await services.reference.findAuthorityByLaCode('330')) {
            console.log('The database already holds synthetic authorities: nothing added. Use an empty database.');
            return;
          }
          const result = await seedAtScale(database, { scale, seed: values.seed ? Number(values.seed) : 2026, today: systemClock.today(), log: (line) => console.log(line) });
          console.log(`Loaded the ${scale} data set: ${JSON.stringify(result)}`);
        });
        return;
      }
      if (values.scale !== 'demo') throw new UsageError('seed needs --scale demo, council or national');
      await withServices(async (services) => {
        const authority = await services.reference.findAuthorityByLaCode(DEMO_AUTHORITY.laCode);
        if (!authority) throw new UsageError('The demo authority is missing');
        for (const line of await ensureDemoAccounts(services, authority.id)) console.log(line);
        if (!(await services.demo.isEmpty(authority.id))) {
          console.log('The demo authority already has children: nothing added.');
          return;
        }
        const seeded = await services.demo.seedDemo(authority.id, values.seed ? { seed: Number(values.seed) } : {});
        console.log(`Loaded demo data: ${seeded.children} children (${seeded.unallocated} unallocated).`);
      });
      return;
    }
    case 'bank-holidays': {
      const [action, file, ...extra] = rest;
      if (action !== 'import' || !file || extra.length > 0) throw new UsageError('bank-holidays import FILE');
      let document: unknown;
      try {
        document = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new BankHolidayImportError(`Cannot read ${file} as JSON: ${(error as Error).message}`);
      }
      await withServices(async (services) => {
        const result = await services.reference.importBankHolidays(document);
        console.log(`Imported ${result.count} bank holidays for ${result.years.join(', ')}.`);
        await rebuildDeadlines(services);
      });
      return;
    }
    case 'deadlines': {
      if (rest.length !== 1 || rest[0] !== 'rebuild') throw new UsageError('deadlines rebuild');
      await withServices(rebuildDeadlines);
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command: ${command}` : 'No command given');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (
    error instanceof DataFolderLockedError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof ConfigError ||
    error instanceof ValidationError ||
    error instanceof ConflictError ||
    error instanceof BankHolidayImportError
  ) {
    console.error(`casework: ${error.message}`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
