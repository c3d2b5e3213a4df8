import { describe, expect, it } from 'vitest';
import { accepts, describeHosts, HostListError, isHostFailure, parseHostList, WrongServerError } from './hosts.ts';

describe('a DATABASE_URL naming several servers (libpq multi-host, as pg_autoctl show uri gives it)', () => {
  it('is read as one URL per host, in order, with the rest of the URL kept and target_session_attrs taken out', () => {
    expect(parseHostList('postgres://casework:s3cret@db1:5432,db2:6432/casework?sslmode=require&target_session_attrs=read-write')).toEqual({
      urls: ['postgres://casework:s3cret@db1:5432/casework?sslmode=require', 'postgres://casework:s3cret@db2:6432/casework?sslmode=require'],
      target: 'read-write',
    });
  });

  it('leaves a URL of one host as it was, for any server', () => {
    expect(parseHostList('postgresql://u@127.0.0.1:5432/db')).toEqual({ urls: ['postgresql://u@127.0.0.1:5432/db'], target: 'any' });
    expect(parseHostList('postgres://u@h/db?application_name=casework')).toEqual({ urls: ['postgres://u@h/db?application_name=casework'], target: 'any' });
    expect(parseHostList('postgres:///casework?host=/var/run/postgresql')).toEqual({ urls: ['postgres:///casework?host=/var/run/postgresql'], target: 'any' });
  });

  it('refuses a target libpq does not know and an empty host, naming them', () => {
    expect(() => parseHostList('postgres://u@a,b/db?target_session_attrs=master')).toThrow(HostListError);
    expect(() => parseHostList('postgres://u@a,b/db?target_session_attrs=master')).toThrow(/target_session_attrs=master is not one of any, read-write/);
    expect(() => parseHostList('postgres://u@a,,b/db')).toThrow('names an empty host');
    expect(() => parseHostList('mysql://u@a/db')).toThrow('is not a postgres:// URL');
  });

  it('is described by its hosts and database, never its password', () => {
    const described = describeHosts('postgres://casework:s3cret@db1:5432,db2/casework?target_session_attrs=read-write');
    expect(described).toBe('db1:5432, db2:5432/casework');
    expect(described).not.toContain('s3cret');
  });
});

describe('which server a connection takes', () => {
  const standby = { standby: true, readOnly: true };
  const primary = { standby: false, readOnly: false };
  // pg_auto_failover's stop_replication: promoted, but its transactions read-only until the old primary is known to be stopped.
  const promoting = { standby: false, readOnly: true };

  it('read-write takes a primary that takes writes; primary any primary; standby a standby; read-only either read-only one; any every one', () => {
    expect([primary, promoting, standby].map((server) => accepts('read-write', server, true))).toEqual([true, false, false]);
    expect([primary, promoting, standby].map((server) => accepts('primary', server, true))).toEqual([true, true, false]);
    expect([primary, promoting, standby].map((server) => accepts('standby', server, true))).toEqual([false, false, true]);
    expect([primary, promoting, standby].map((server) => accepts('read-only', server, false))).toEqual([false, true, true]);
    expect([primary, promoting, standby].map((server) => accepts('any', server, false))).toEqual([true, true, true]);
  });

  it('prefer-standby takes the primary only once no standby has answered', () => {
    expect(accepts('prefer-standby', standby, false)).toBe(true);
    expect(accepts('prefer-standby', primary, false)).toBe(false);
    expect(accepts('prefer-standby', primary, true)).toBe(true);
  });

  it('moves on to the next host for a refusal, a cut or starting server, a timeout or the wrong kind of server, and not for an error in the SQL or a busy pool', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P03', '57P01', '08006']) expect(isHostFailure(Object.assign(new Error('x'), { code })), code).toBe(true);
    expect(isHostFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isHostFailure(new Error('timeout expired'))).toBe(true);
    expect(isHostFailure(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isHostFailure(new WrongServerError('db1 is a standby'))).toBe(true);
    expect(isHostFailure(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isHostFailure(Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toBe(false);
    // A full pool's wait for a free connection, or a pool already closed: no host to move on from.
    expect(isHostFailure(new Error('timeout exceeded when trying to connect'))).toBe(false);
    expect(isHostFailure(new Error('Cannot use a pool after calling end on the pool'))).toBe(false);
  });
});
