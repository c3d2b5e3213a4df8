import { describe, expect, it } from 'vitest';
import { newToken, tokenHash } from './secrets.ts';

describe('the portal’s secrets', () => {
  it('makes tokens of 256 random bits, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, newToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('keeps a token as its SHA-256: the same token, the same hash; the hash never holds the token', () => {
    const token = newToken();
    expect(tokenHash(token)).toBe(tokenHash(token));
    expect(tokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(token)).not.toBe(tokenHash(newToken()));
    // A known vector, so the hash cannot silently change and void every stored link.
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
