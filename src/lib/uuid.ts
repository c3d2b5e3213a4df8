import { secureRandomBytes } from './random.ts';

let lastMillis = 0;
let sequence = 0;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Made here rather than
 * in SQL because PostgreSQL 15 has no uuidv7(). Ids are time-ordered, so inserts stay at the right
 * edge of a B-tree, and they carry no meaning a URL could leak (unlike a sequence).
 * Within one millisecond a 12-bit counter keeps ids from one process strictly increasing.
 */
export function uuidv7(now: number = Date.now()): string {
  if (now <= lastMillis) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMillis += 1;
    now = lastMillis;
  } else {
    lastMillis = now;
    sequence = secureRandomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  const bytes = secureRandomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
