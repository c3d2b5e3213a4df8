import { describe, expect, it } from 'vitest';
import { openAttempt, sealAttempt, stateMatches, type SignInAttempt } from './oidc-attempt.ts';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const now = new Date('2026-11-23T09:00:00Z');
const attempt: SignInAttempt = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1', returnTo: '/cases?q=a.b', expiresAt: now.getTime() + 600_000 };

describe('the sign-in attempt cookie', () => {
  it('gives back what was sealed, until it expires', () => {
    const sealed = sealAttempt(attempt, SECRET);
    expect(openAttempt(sealed, SECRET, now)).toEqual(attempt);
    expect(openAttempt(sealed, SECRET, new Date(attempt.expiresAt - 1))).toEqual(attempt);
    expect(openAttempt(sealed, SECRET, new Date(attempt.expiresAt))).toBeUndefined();
  });

  it('refuses one altered, signed with another secret, malformed or missing', () => {
    const sealed = sealAttempt(attempt, SECRET);
    const [payload, signature] = sealed.split('.');
    const longer = Buffer.from(JSON.stringify(['state-1', 'nonce-1', 'verifier-1', '/cases', attempt.expiresAt + 86_400_000])).toString('base64url');
    expect(openAttempt(`${longer}.${signature}`, SECRET, now)).toBeUndefined();
    expect(openAttempt(sealed, 'another-secret-of-at-least-32-characters', now)).toBeUndefined();
    expect(openAttempt(`${payload}.${signature}.extra`, SECRET, now)).toBeUndefined();
    expect(openAttempt(payload, SECRET, now)).toBeUndefined();
    expect(openAttempt(undefined, SECRET, now)).toBeUndefined();
    expect(openAttempt('', SECRET, now)).toBeUndefined();
  });

  it('matches the state sent back only when it is exactly the attempt’s', () => {
    expect(stateMatches(attempt, 'state-1')).toBe(true);
    expect(stateMatches(attempt, 'state-2')).toBe(false);
    expect(stateMatches(attempt, 'state-10')).toBe(false);
    expect(stateMatches(attempt, undefined)).toBe(false);
  });
});
