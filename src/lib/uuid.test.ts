import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from './uuid.ts';

const millisecondsOf = (id: string) => Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('uuidv7', () => {
  it('is a well-formed version 7 UUID of the RFC 9562 variant, carrying the time', () => {
    const id = uuidv7(Date.UTC(2026, 10, 23, 12));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(millisecondsOf(id)).toBe(Date.UTC(2026, 10, 23, 12));
  });

  it('carries the current time when given none', () => {
    const before = Date.now();
    const id = uuidv7();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(millisecondsOf(id)).toBeGreaterThanOrEqual(before);
    expect(millisecondsOf(id)).toBeLessThanOrEqual(Date.now());
  });

  it('keeps ids from one process strictly increasing, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    // Thousands of ids are made in a few milliseconds: many share one.
    expect(new Set(ids.map(millisecondsOf)).size).toBeLessThan(ids.length);
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects strings that are not UUIDs', () => {
    expect(isUuid('330-EHC-2026-00123')).toBe(false);
    expect(isUuid('')).toBe(false);
  });
});
