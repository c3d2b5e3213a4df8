import { describe, expect, it } from 'vitest';
import { secureRandomBytes, seededRandom } from './random.ts';

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

describe('seeded random', () => {
  const draws = (seed: number, count: number) => {
    const next = seededRandom(seed);
    return Array.from({ length: count }, () => next());
  };

  it('gives the same sequence for the same seed, and another for another seed', () => {
    expect(draws(2026, 1000)).toEqual(draws(2026, 1000));
    expect(draws(2027, 10)).not.toEqual(draws(2026, 10));
  });

  it('gives numbers in [0, 1)', () => {
    for (const seed of [0, 1, 42, 0xffffffff, -1]) {
      const values = draws(seed, 10_000);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values)).toBeLessThan(1);
    }
  });

  it('keeps the sequence seeded data was made with (mulberry32)', () => {
    expect(draws(42, 3)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });
});
