import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from './uuid.ts';

describe('uuidv7', () => {
  it('is a well-formed version 7 UUID carrying the time', () => {
    const id = uuidv7(Date.UTC(2026, 10, 23, 12));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2026, 10, 23, 12));
  });

  it('keeps ids from one process strictly increasing, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_800_000_000_000));
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects strings that are not UUIDs', () => {
    expect(isUuid('330-EHC-2026-00123')).toBe(false);
    expect(isUuid('')).toBe(false);
  });
});
