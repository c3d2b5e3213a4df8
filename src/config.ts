import { z } from 'zod';

// The only place that reads process.env. Everything else receives a frozen Config.
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_OWNER_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    COUNCIL_NAME: z.string().min(1).max(120).default('Demo City Council'),
    SERVICE_NAME: z.string().min(1).max(120).default('SEND Casework'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    TRUST_PROXY: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    SEED_DEMO_DATA: booleanFromEnv.optional(),
    BENCH_ROUTES: booleanFromEnv.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
    }
    if (env.DATABASE_OWNER_URL && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_OWNER_URL'], message: 'needs DATABASE_URL: it is the PostgreSQL role that owns the tables of the database DATABASE_URL names' });
    }
    // The benchmark's routes answer without signing in; a live service must never offer them.
    if (env.NODE_ENV === 'production' && env.BENCH_ROUTES) {
      ctx.addIssue({ code: 'custom', path: ['BENCH_ROUTES'], message: 'is refused in production: the benchmark routes are for npm run bench only' });
    }
  });

export interface Config {
  readonly environment: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** The PostgreSQL role that owns the tables: runs migrations and grants the service's role. */
  readonly databaseOwnerUrl: string | undefined;
  readonly councilName: string;
  readonly serviceName: string;
  /** Signs session cookies. A random one per process outside production (sessions then end on restart). */
  readonly sessionSecret: string | undefined;
  /** Passed to Fastify's trustProxy: addresses or CIDR ranges of the proxies allowed to say a request was HTTPS. */
  readonly trustProxy: string | undefined;
  readonly logLevel: string;
  readonly shutdownGraceMs: number;
  /** Demo data is loaded into an empty database unless this is false; never in production. */
  readonly seedDemoData: boolean;
  /** Adds /bench/bare and /bench/ceiling, the benchmark's reference pages (no data behind them). */
  readonly benchRoutes: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL= in a unit file) means "not set", as in most tools.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
    throw new ConfigError(`Configuration is not valid: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    environment: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    councilName: e.COUNCIL_NAME,
    serviceName: e.SERVICE_NAME,
    sessionSecret: e.SESSION_SECRET,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    seedDemoData: e.NODE_ENV !== 'production' && (e.SEED_DEMO_DATA ?? true),
    benchRoutes: e.BENCH_ROUTES ?? false,
  });
}

/** A config for tests: defaults, an in-memory database, overridable per test. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent', seedDemoData: false, ...overrides });
}
