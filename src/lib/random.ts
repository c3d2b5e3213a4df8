import { randomFillSync } from 'node:crypto';

// Random bytes for ids and CSP nonces, drawn from the operating system's CSPRNG a few kilobytes
// at a time. A call to randomBytes(16) per request cost about 6% of a bare request's CPU; taking
// slices of one larger draw gives the same bytes for a fraction of that (node's own randomUUID
// caches in the same way). Each byte is handed out once.
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

/** A fresh buffer of `size` cryptographically strong random bytes. */
export function secureRandomBytes(size: number): Buffer {
  if (size > POOL_SIZE) return randomFillSync(Buffer.alloc(size));
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}

/**
 * A deterministic source of numbers in [0, 1) for synthetic data (mulberry32): small and fast, the
 * same seed always giving the same sequence. Not for anything that must be unguessable.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
