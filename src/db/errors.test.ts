import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isUniqueViolation, loggableError } from './errors.ts';
import { WrongServerError } from './hosts.ts';

class QueryError extends Error {
  readonly query: string;
  readonly params: unknown[];

  constructor(query: string, params: unknown[], cause: unknown) {
    super(`Failed query: ${query}\nparams: ${params.join(',')}`, { cause });
    this.query = query;
    this.params = params;
  }
}

describe('database errors', () => {
  it('knows a unique index refusing a row, through a query error, by the index’s name', () => {
    const refused = new QueryError('insert into "child"', ['A'], Object.assign(new Error('duplicate key value'), { code: '23505', constraint: 'child_authority_upn_idx' }));
    expect(isUniqueViolation(refused)).toBe(true);
    expect(isUniqueViolation(refused, 'child_authority_upn_idx')).toBe(true);
    expect(isUniqueViolation(refused, 'ehc_case_reference_idx')).toBe(false);
    expect(isUniqueViolation(new Error('connect ECONNREFUSED'))).toBe(false);
  });

  it('knows a database that cannot be reached, through a query error wrapping the driver’s', () => {
    expect(isDatabaseUnavailable(new Error('PGlite is closed'))).toBe(true);
    expect(isDatabaseUnavailable(new QueryError('select 1', [], Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    // A transaction's connection cut under it: pg's words for the next statement on that client.
    expect(isDatabaseUnavailable(new QueryError('insert into "case_event"', [], new Error('Client has encountered a connection error and is not queryable')))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('knows a failover under way (no server of the host list yet the primary) and a server that did not answer in time', () => {
    expect(isDatabaseUnavailable(new WrongServerError('127.0.0.1:5792/casework is a standby, not what target_session_attrs=read-write asks for'))).toBe(true);
    // pg's own connection timeout, and pg-pool's.
    expect(isDatabaseUnavailable(new Error('timeout expired'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    // pg_auto_failover's new primary refuses writes until the old one is known to be stopped.
    expect(isDatabaseUnavailable(new QueryError('insert into "person"', [], Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' })))).toBe(true);
  });

  it('logs a failed query without its parameters: no child’s name, date of birth or postcode', () => {
    const error = new QueryError('insert into "child" ("forename", "date_of_birth", "postcode") values ($1, $2, $3)', ['Zoë', '2016-03-27', 'B1 1AA'], Object.assign(new Error('value too long'), { code: '22001' }));
    const logged = JSON.stringify(loggableError(error));
    expect(logged).not.toMatch(/Zoë|2016-03-27|B1 1AA/);
    expect(logged).toContain('22001');
    expect(logged).toContain('insert into \\"child\\"');
  });

  it('logs the server’s own error without its detail, which names the values', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "child_upn"'), { code: '23505', detail: 'Key (upn)=(J930123420015) already exists.' });
    const logged = JSON.stringify(loggableError(error));
    expect(logged).not.toContain('J930123420015');
    expect(logged).toContain('23505');
  });

  it('logs a refused value’s error without the value its message quotes back (SQLSTATE class 22)', () => {
    const refused = new QueryError('select $1::date', ['2016-02-30'], Object.assign(new Error('date/time field value out of range: "2016-02-30"'), { code: '22008' }));
    const logged = JSON.stringify(loggableError(refused));
    expect(logged).not.toContain('2016-02-30');
    expect(logged).toContain('date/time field value out of range');
    const named = Object.assign(new Error('duplicate key value violates unique constraint "child_upn"'), { code: '23505' });
    expect(JSON.stringify(loggableError(named))).toContain('child_upn');
  });

  it('passes any other error through as it is', () => {
    const error = new Error('something else');
    expect(loggableError(error)).toBe(error);
  });
});
