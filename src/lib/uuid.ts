import { v7 } from 'uuid';

/**
 * UUID version 7 (RFC 9562), from the uuid package: 48 bits of Unix milliseconds, then random
 * bits. Made here rather than in SQL because PostgreSQL 15 has no uuidv7(). Ids are time-ordered,
 * so inserts stay at the right edge of a B-tree, and they carry no meaning a URL could leak (unlike
 * a sequence). Without `now`, the package's counter keeps ids from one process strictly increasing,
 * even within one millisecond. With `now`, the id carries that moment and a fresh random counter,
 * so it is not ordered against other ids of the same millisecond.
 */
export function uuidv7(now?: number): string {
  return now === undefined ? v7() : v7({ msecs: now });
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
