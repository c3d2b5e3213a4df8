import { describe, expect, it } from 'vitest';
import { secureRandomBytes } from './random.ts';

describe('secure random bytes', () => {
  it('gives buffers of the size asked, never sharing memory with the pool', () => {
    const first = secureRandomBytes(16);
    const copy = Buffer.from(first);
    secureRandomBytes(16);
    expect(first).toHaveLength(16);
    expect(first.equals(copy)).toBe(true);
  });

  it('never hands out the same bytes twice, across pool refills', () => {
    const seen = new Set<string>();
    for (let draw = 0; draw < 2000; draw += 1) seen.add(secureRandomBytes(16).toString('hex'));
    expect(seen.size).toBe(2000);
  });

  it('serves sizes larger than the pool directly', () => {
    expect(secureRandomBytes(10_000)).toHaveLength(10_000);
  });
});
