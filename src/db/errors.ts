// What a database error means for the person waiting, and what of it may be written to the log.

/** The error and each of its causes, outermost first (a query error wraps the driver's). */
function chain(error: unknown): unknown[] {
  const found: unknown[] = [];
  for (let current = error; current && found.length < 5; current = (current as { cause?: unknown }).cause) found.push(current);
  return found;
}

// Connection failures (class 08), the server shutting down or not yet up (57P01-57P03), and the
// drivers' own words for a connection or database that is gone or did not answer in time. During a
// failover (hosts.ts): no server of a host list yet the kind asked for (WRONG_SERVER), and a write
// refused as read-only (25006), which pg_auto_failover's new primary answers until the old one is
// known to be stopped (the service never writes in a read-only transaction of its own).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03',
  'WRONG_SERVER', '25006',
]);
const UNAVAILABLE_MESSAGES = [/PGlite is closed/i, /Connection terminated/i, /Client was closed/i, /Cannot use a pool after calling end/i, /connection error and is not queryable/i, /timeout exceeded when trying to connect/i, /^timeout expired$/];

/** True when the database could not be reached: the request can be tried again later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((entry) => {
    const { code, message } = entry as { code?: unknown; message?: unknown };
    return (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)));
  });
}

/** True when a unique index refused the row (SQLSTATE 23505): the index named, if one is given. */
export function isUniqueViolation(error: unknown, index?: string): boolean {
  return chain(error).some((entry) => {
    const { code, constraint } = entry as { code?: unknown; constraint?: unknown };
    return code === '23505' && (index === undefined || constraint === index);
  });
}

/**
 * The message of a CHECK refusal (SQLSTATE 23514) raised by the named constraint or trigger, when
 * the error is one; undefined otherwise. The trigger's own message says what was refused.
 */
export function checkViolationMessage(error: unknown, constraint: string): string | undefined {
  const found = chain(error).find((entry) => {
    const { code, constraint: named } = entry as { code?: unknown; constraint?: unknown };
    return code === '23514' && named === constraint;
  });
  return found ? String((found as { message?: unknown }).message ?? '') : undefined;
}

/**
 * The server's message as it may be logged. A data exception's (SQLSTATE class 22) quotes the value
 * it refused (`date/time field value out of range: "2016-02-30"`), which may be a child's date of
 * birth or name: its quoted parts are left out. Other classes quote only names of tables, columns
 * and constraints, which the log needs.
 */
function loggableMessage(server: Error & { code: string }): string {
  return server.code.startsWith('22') ? server.message.replace(/"(?:[^"]|"")*"/g, '"…"') : server.message;
}

/**
 * An error as it may be logged. A failed query's error carries the statement's parameters (a
 * child's name, date of birth, postcode), and the server's own error its `detail` ("Key (upn)=(...)
 * already exists") and, for a refused value, the value in its message: the log gets the SQLSTATE
 * code, the server's message without values and the statement's first words, never the values.
 */
export function loggableError(error: unknown): unknown {
  const entries = chain(error);
  const query = entries.find((entry) => typeof (entry as { query?: unknown }).query === 'string') as { query: string } | undefined;
  const server = entries.find((entry) => /^[0-9A-Z]{5}$/.test(String((entry as { code?: unknown }).code ?? ''))) as (Error & { code: string }) | undefined;
  if (!query && !server) return error;
  return {
    type: 'DatabaseError',
    ...(query ? { statement: query.query.replace(/\s+/g, ' ').slice(0, 80) } : {}),
    code: server?.code,
    message: server ? loggableMessage(server) : (entries.at(-1) as Error | undefined)?.message?.split('\n')[0]?.slice(0, 200) ?? 'query failed',
    // The stack's frames only: its first lines repeat the message, parameters and all.
    stack: (error as Error).stack?.split('\n').filter((line) => line.startsWith('    at ')).slice(0, 5).join('\n'),
  };
}
