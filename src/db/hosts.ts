// A DATABASE_URL naming several servers, as libpq reads it and as pg_auto_failover gives it
// (`pg_autoctl show uri --formation default`):
//   postgres://casework@db1:5432,db2:5432/casework?target_session_attrs=read-write
// node-postgres connects to one host only, so the pool here tries the hosts in turn and keeps
// the one that answered as wanted: after a failover the next connection finds the new primary by
// itself, without a restart or a change of configuration (docs/operations.md, "Beyond one machine").
import pg from 'pg';
import { isDatabaseUnavailable } from './errors.ts';

/** libpq's target_session_attrs: which of the servers a connection is for. */
export const SESSION_TARGETS = ['any', 'read-write', 'primary', 'read-only', 'standby', 'prefer-standby'] as const;
export type SessionTarget = (typeof SESSION_TARGETS)[number];

export interface HostList {
  /** One single-host URL per server named, in the order given (target_session_attrs taken out). */
  readonly urls: readonly string[];
  readonly target: SessionTarget;
}

export class HostListError extends Error {
  override readonly name = 'HostListError';
}

/** A connection that reached a server which is not the kind asked for (a standby for read-write). */
export class WrongServerError extends Error {
  override readonly name = 'WrongServerError';
  readonly code = 'WRONG_SERVER';
}

const URL_PARTS = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)([^?#]*)(\?[^#]*)?$/;

export function parseHostList(databaseUrl: string): HostList {
  const parts = URL_PARTS.exec(databaseUrl);
  if (!parts) throw new HostListError('is not a postgres:// URL');
  const [, scheme, userinfo = '', hosts = '', path = '', query = ''] = parts;
  const params = new URLSearchParams(query.slice(1));
  const given = params.get('target_session_attrs') ?? 'any';
  if (!(SESSION_TARGETS as readonly string[]).includes(given)) throw new HostListError(`target_session_attrs=${given} is not one of ${SESSION_TARGETS.join(', ')}`);
  // The rest of the query as it was written (URLSearchParams would re-encode a socket's path).
  const rest = query
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !pair.startsWith('target_session_attrs='))
    .join('&');
  const names = hosts.split(',');
  // One empty host is the local socket (postgres:///casework?host=/var/run/postgresql); in a list, a mistake.
  if (names.length > 1 && names.some((name) => name.trim() === '')) throw new HostListError('names an empty host');
  return { urls: names.map((host) => `${scheme}${userinfo}${host}${path}${rest ? `?${rest}` : ''}`), target: given as SessionTarget };
}

/** Where a URL points, for messages: every host and the database, never the password. */
export function describeHosts(databaseUrl: string): string {
  try {
    const { urls } = parseHostList(databaseUrl);
    const described = urls.map((url) => {
      const parsed = new URL(url);
      return `${parsed.hostname}:${parsed.port || '5432'}`;
    });
    return `${described.join(', ')}${new URL(urls[0]!).pathname}`;
  } catch {
    return 'the configured URL';
  }
}

/** What a connection finds its server to be. */
export interface ServerKind {
  /** In recovery: a standby. */
  standby: boolean;
  /**
   * Its transactions read-only by default. A standby's are; so are a primary's while
   * pg_auto_failover promotes it (stop_replication), until the old primary is known to be stopped.
   */
  readOnly: boolean;
}

/** Whether the server is what the target asks for, as libpq decides it. */
export function accepts(target: SessionTarget, server: ServerKind, preferenceGivenUp: boolean): boolean {
  switch (target) {
    case 'any':
      return true;
    case 'read-write':
      return !server.standby && !server.readOnly;
    case 'primary':
      return !server.standby;
    case 'read-only':
      return server.standby || server.readOnly;
    case 'standby':
      return server.standby;
    case 'prefer-standby':
      return server.standby || preferenceGivenUp;
  }
}

// A wait for a free slot in a full pool, or a pool already ended, involves no host: trying
// another would only wait again.
const POOL_ERRORS = [/timeout exceeded when trying to connect/i, /Cannot use a pool after calling end/i];

/** Errors that mean "try the next host", not "the query was wrong" nor "the pool is busy". */
export function isHostFailure(error: unknown): boolean {
  const message = (error as Error | undefined)?.message ?? '';
  return isDatabaseUnavailable(error) && !POOL_ERRORS.some((pattern) => pattern.test(message));
}

interface Choice {
  /** The host tried first: the last one that answered as wanted. */
  current: number;
  /** prefer-standby: until then, the primary will do (no standby answered on the last round). */
  preferenceGivenUpUntil: number;
}

/** The time prefer-standby settles for the primary once no standby answers, before trying them again. */
const PREFERENCE_GIVEN_UP_MS = 30_000;

function clientClass(list: HostList, choice: Choice) {
  const check = list.target !== 'any';
  return class HostListClient extends pg.Client {
    readonly hostIndex: number;

    constructor(config: pg.ClientConfig = {}) {
      const hostIndex = choice.current;
      super({ ...config, connectionString: list.urls[hostIndex] });
      this.hostIndex = hostIndex;
      // Between its connection and the pool taking it (the check below runs in that gap), a lost
      // socket is an 'error' event with no other listener: it must not end the process. The check's
      // query fails with the error all the same.
      this.on('error', () => undefined);
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: (error: Error) => void): void;
    override connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
      const connected = (async (): Promise<pg.Client> => {
        let opened = false;
        try {
          await super.connect();
          opened = true;
          if (!check) return this;
          const { rows } = await super.query<ServerKind>(`SELECT pg_is_in_recovery() AS "standby", current_setting('transaction_read_only') = 'on' AS "readOnly"`);
          const server = rows[0]!;
          if (!accepts(list.target, server, Date.now() < choice.preferenceGivenUpUntil)) {
            const kind = server.standby ? 'a standby' : server.readOnly ? 'a primary taking no writes yet' : 'a primary';
            throw new WrongServerError(`${describeHosts(list.urls[this.hostIndex]!)} is ${kind}, not what target_session_attrs=${list.target} asks for`);
          }
          return this;
        } catch (error) {
          // A connection that is not to be used is closed here: the pool only forgets it.
          if (opened) await this.end().catch(() => undefined);
          // The next connection starts at the next host, unless another has moved on already.
          if (choice.current === this.hostIndex) choice.current = (this.hostIndex + 1) % list.urls.length;
          throw error;
        }
      })();
      if (!callback) return connected;
      connected.then(() => callback(undefined as unknown as Error), callback);
    }
  };
}

/**
 * A pool over a host list: a new connection goes to the host that last answered as wanted, and on
 * a refusal or the wrong kind of server tries the others, each once, before it fails. With one host
 * and target any it is node-postgres's own pool.
 */
export function hostListPool(databaseUrl: string, options: Omit<pg.PoolConfig, 'connectionString' | 'Client'>): pg.Pool {
  const list = parseHostList(databaseUrl);
  if (list.urls.length === 1 && list.target === 'any') return new pg.Pool({ ...options, connectionString: list.urls[0] });
  // A connection is checked once, when it is made: each is replaced within 5 minutes, so a pool
  // that settled for the primary (prefer-standby), or on a standby since promoted, looks again.
  options = { maxLifetimeSeconds: 300, ...options };
  const choice: Choice = { current: 0, preferenceGivenUpUntil: 0 };
  const Client = clientClass(list, choice);

  class HostListPool extends pg.Pool {
    private async connectToSome(): Promise<pg.PoolClient> {
      let last: unknown;
      for (let round = 0; round < 2; round += 1) {
        for (let attempt = 0; attempt < list.urls.length; attempt += 1) {
          try {
            return await super.connect();
          } catch (error) {
            if (!isHostFailure(error)) throw error;
            last = error;
          }
        }
        // No standby answered: prefer-standby settles for the primary for a while.
        if (list.target !== 'prefer-standby') break;
        choice.preferenceGivenUpUntil = Date.now() + PREFERENCE_GIVEN_UP_MS;
      }
      throw last;
    }

    override connect(): Promise<pg.PoolClient>;
    override connect(callback: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
    override connect(
      callback?: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
    ): Promise<pg.PoolClient> | void {
      const connected = this.connectToSome();
      if (!callback) return connected;
      connected.then(
        (client) => callback(undefined, client, (release?: unknown) => client.release(release as Error | boolean | undefined)),
        (error: Error) => callback(error, undefined, () => undefined),
      );
    }
  }
  return new HostListPool({ ...options, Client });
}

/**
 * One connection (not pooled) to a host of the list that is what it asks for (the owner's, for
 * migrations and backups), with the single-host URL it reached: pg_dump must read the same server.
 */
export async function connectHostList(databaseUrl: string, options: Omit<pg.ClientConfig, 'connectionString'> = {}): Promise<pg.Client & { readonly url: string }> {
  const list = parseHostList(databaseUrl);
  const choice: Choice = { current: 0, preferenceGivenUpUntil: Number.POSITIVE_INFINITY };
  const Client = clientClass(list, choice);
  let last: unknown;
  for (let attempt = 0; attempt < list.urls.length; attempt += 1) {
    const client = new Client(options);
    try {
      await client.connect();
      return Object.assign(client, { url: list.urls[client.hostIndex]! });
    } catch (error) {
      await client.end().catch(() => undefined);
      if (!isHostFailure(error)) throw error;
      last = error;
    }
  }
  throw last;
}
