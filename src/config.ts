import { z } from 'zod';
import { parseHostList } from './db/hosts.ts';

// The only place that reads process.env. Everything else receives a frozen Config.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

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
    /**
     * Where reports and the SEN2 return read from: a streaming replica (ADR 0027). Without it they
     * read from DATABASE_URL, as everything else does.
     */
    DATABASE_READ_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    COUNCIL_NAME: z.string().min(1).max(120).default('Demo City Council'),
    SERVICE_NAME: z.string().min(1).max(120).default('SEND Casework'),
    /**
     * The address people outside the council reach the service at, for the links in the portal's
     * e-mails (never taken from a request's Host header, which anyone can set).
     */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    TRUST_PROXY: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    SEED_DEMO_DATA: booleanFromEnv.optional(),
    BENCH_ROUTES: booleanFromEnv.optional(),
    /**
     * The largest file the cases import's upload page takes, in bytes: 256 MB unless set smaller,
     * the most the import reads (a large council's whole service is a few MB).
     */
    IMPORT_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(256 * 1024 ** 2).default(256 * 1024 ** 2),
    // A GOV.UK Notify API key ends with the service's id and the key's secret, two UUIDs.
    NOTIFY_API_KEY: z
      .string()
      .regex(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a GOV.UK Notify API key (it ends with two ids)')
      .optional(),
    NOTIFY_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.notifications.service.gov.uk'),
    NOTIFY_EMAIL_TEMPLATE_ID: z.uuid().optional(),
    NOTIFY_LETTER_TEMPLATE_ID: z.uuid().optional(),
    /**
     * Staff sign-in through the council's own identity provider (OpenID Connect: Microsoft Entra
     * ID), beside the password: the issuer (for Entra ID https://login.microsoftonline.com/<tenant id>/v2.0),
     * and the client id and secret of the service's registration there. All three, or none.
     */
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
    }
    // Each may name several servers with libpq's target_session_attrs (src/db/hosts.ts).
    for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'DATABASE_READ_URL'] as const) {
      const url = env[name];
      if (!url || !/^postgres(ql)?:\/\//.test(url)) continue;
      try {
        parseHostList(url);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: [name], message: (error as Error).message });
      }
    }
    if (env.DATABASE_READ_URL && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_READ_URL'], message: 'needs DATABASE_URL: it is a replica of the database DATABASE_URL names' });
    }
    if (env.DATABASE_OWNER_URL && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_OWNER_URL'], message: 'needs DATABASE_URL: it is the PostgreSQL role that owns the tables of the database DATABASE_URL names' });
    }
    // The portal's e-mailed sign-in links are credentials: in production they must point at the
    // council's real address, over HTTPS, never at a guess from HOST and PORT.
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required in production: the address people outside the council reach the service at (https://...), which the portal\'s e-mailed sign-in links start with' });
    } else if (env.NODE_ENV === 'production' && env.PUBLIC_URL && !env.PUBLIC_URL.startsWith('https://')) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'must start with https:// in production: sign-in links must not travel over plain HTTP' });
    }
    // The benchmark's routes answer without signing in; a live service must never offer them.
    if (env.NODE_ENV === 'production' && env.BENCH_ROUTES) {
      ctx.addIssue({ code: 'custom', path: ['BENCH_ROUTES'], message: 'is refused in production: the benchmark routes are for npm run bench only' });
    }
    if (env.NOTIFY_API_KEY && !(env.NOTIFY_EMAIL_TEMPLATE_ID && env.NOTIFY_LETTER_TEMPLATE_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.NOTIFY_EMAIL_TEMPLATE_ID ? 'NOTIFY_LETTER_TEMPLATE_ID' : 'NOTIFY_EMAIL_TEMPLATE_ID'],
        message: 'is needed with NOTIFY_API_KEY: the id of the Notify template whose subject is ((subject)) and body ((body))',
      });
    }
    const oidcSettings = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
    const oidcGiven = oidcSettings.filter((name) => env[name] !== undefined);
    if (oidcGiven.length > 0 && oidcGiven.length < oidcSettings.length) {
      for (const name of oidcSettings.filter((setting) => env[setting] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `is needed with ${oidcGiven.join(' and ')}: staff sign-in through the council's identity provider takes the issuer, the client id and the client secret` });
      }
    }
    if (env.OIDC_ISSUER && !env.OIDC_ISSUER.startsWith('https://')) {
      if (env.NODE_ENV === 'production') {
        ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must start with https:// in production: the identity provider is reached over HTTPS only' });
      } else if (URL.canParse(env.OIDC_ISSUER) && !LOOPBACK_HOSTS.has(new URL(env.OIDC_ISSUER).hostname)) {
        ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must start with https:// (plain http only for a stand-in provider on 127.0.0.1 or localhost, outside production)' });
      }
    }
  });

/** GOV.UK Notify, when an API key is configured: letters and e-mails go through it. */
export interface NotifyConfig {
  readonly apiKey: string;
  readonly baseUrl: string;
  /** A template of each kind whose subject is ((subject)) and body ((body)): the service writes the words. */
  readonly emailTemplateId: string;
  readonly letterTemplateId: string;
}

/** Staff sign-in through the council's identity provider (OpenID Connect), when configured. */
export interface StaffOidcConfig {
  /** The issuer identifier; its discovery document is at <issuer>/.well-known/openid-configuration. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the provider sends people back: PUBLIC_URL followed by /sign-in/oidc/callback. Registered with the provider. */
  readonly redirectUri: string;
}

export interface Config {
  readonly environment: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** The PostgreSQL role that owns the tables: runs migrations and grants the service's role. */
  readonly databaseOwnerUrl: string | undefined;
  /** A streaming replica for reports and the SEN2 return; DATABASE_URL when not set. */
  readonly databaseReadUrl: string | undefined;
  readonly councilName: string;
  readonly serviceName: string;
  /** Where the service is reached from outside, without a trailing slash: the portal's e-mailed links start with it. */
  readonly publicUrl: string;
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
  /** The largest file the cases import's upload page takes, in bytes. */
  readonly importUploadMaxBytes: number;
  /** Unset: letters and e-mails are held in the outbox, for printing, and not sent. */
  readonly notify: NotifyConfig | undefined;
  /** Unset: staff sign in with their password only. */
  readonly staffOidc: StaffOidcConfig | undefined;
  /**
   * Whether staff accounts the demo marks exempt may sign in without a second factor: only on the
   * embedded database (no DATABASE_URL) and never in production, so a council's PostgreSQL service
   * can never run with staff exempt, whatever its data says.
   */
  readonly secondFactorExemptionAllowed: boolean;
}

/** The path of the service the identity provider sends people back to, after PUBLIC_URL. */
export const STAFF_OIDC_CALLBACK_PATH = '/sign-in/oidc/callback';

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
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    environment: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    councilName: e.COUNCIL_NAME,
    serviceName: e.SERVICE_NAME,
    publicUrl,
    sessionSecret: e.SESSION_SECRET,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    seedDemoData: e.NODE_ENV !== 'production' && (e.SEED_DEMO_DATA ?? true),
    benchRoutes: e.BENCH_ROUTES ?? false,
    importUploadMaxBytes: e.IMPORT_UPLOAD_MAX_BYTES,
    notify:
      e.NOTIFY_API_KEY && e.NOTIFY_EMAIL_TEMPLATE_ID && e.NOTIFY_LETTER_TEMPLATE_ID
        ? Object.freeze({ apiKey: e.NOTIFY_API_KEY, baseUrl: e.NOTIFY_BASE_URL.replace(/\/+$/, ''), emailTemplateId: e.NOTIFY_EMAIL_TEMPLATE_ID, letterTemplateId: e.NOTIFY_LETTER_TEMPLATE_ID })
        : undefined,
    staffOidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? Object.freeze({ issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, redirectUri: `${publicUrl}${STAFF_OIDC_CALLBACK_PATH}` })
        : undefined,
    secondFactorExemptionAllowed: e.NODE_ENV !== 'production' && !e.DATABASE_URL,
  });
}

/** A config for tests: defaults, an in-memory database, overridable per test. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent', seedDemoData: false, ...overrides });
}

/** This process's environment with some variables added: for a tool it runs (pg_dump's PGPASSWORD, say). */
export function environmentWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
