import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

/** The same object with its keys, at every depth, in the reverse of the order they came in. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reversed((value as Record<string, unknown>)[key])]),
  );
}

describe('canonical JSON', () => {
  it('writes keys in order at every depth', () => {
    expect(canonicalJson({ source: 1, child: { surname: 'Khan', forename: 'Amira' }, receivedOn: '2026-11-02' })).toBe(
      '{"child":{"forename":"Amira","surname":"Khan"},"receivedOn":"2026-11-02","source":1}',
    );
  });

  it('keeps the order of a list’s entries, which can mean something', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ names: [{ b: 1, a: 2 }] })).toBe('{"names":[{"a":2,"b":1}]}');
  });

  it('keeps a key named __proto__ as data', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });

  it('writes what JSON would for a date and for nothing', () => {
    expect(canonicalJson({ at: new Date('2026-11-23T10:00:00Z') })).toBe('{"at":"2026-11-23T10:00:00.000Z"}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('is the same for any JSON value whatever the order of its keys, and differs when a value does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reversed(value))).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value) ?? 'null'));
      }),
    );
  });
});
