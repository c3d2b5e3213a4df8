// The secrets of the portal's sign-in: links' tokens and sessions' cookies, each random and kept
// only as a SHA-256 hash. The second factor's codes are src/lib/totp.ts, shared with staff sign-in.
import { hash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: a sign-in link's token or a session's cookie. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A token's SHA-256. A plain hash is enough for 256 random bits (nothing to guess, unlike a
 * password): a copy of the database yields no link or cookie that works.
 */
export function tokenHash(token: string): string {
  return hash('sha256', token, 'hex');
}
