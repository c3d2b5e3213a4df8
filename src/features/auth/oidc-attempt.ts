import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A sign-in through the identity provider under way, kept in a cookie of the browser that started
 * it between its going to the provider and its coming back: the `state` the provider must send
 * back, the `nonce` the ID token must carry, the PKCE code verifier, and where to go afterwards.
 * Signed with the service's secret so it cannot be altered or made to last longer; HttpOnly, so
 * no script reads it; ended at the callback whatever the outcome, so it is used once.
 */
export interface SignInAttempt {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** A path on this site, or empty for the person's home. */
  readonly returnTo: string;
  /** Milliseconds since the epoch after which the attempt is refused. */
  readonly expiresAt: number;
}

/** How long someone has at the provider to sign in. */
export const ATTEMPT_MINUTES = 10;

export const ATTEMPT_COOKIE = 'casework_oidc_attempt';

function signature(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`oidc-attempt:${payload}`).digest('base64url');
}

export function sealAttempt(attempt: SignInAttempt, secret: string): string {
  const payload = Buffer.from(JSON.stringify([attempt.state, attempt.nonce, attempt.codeVerifier, attempt.returnTo, attempt.expiresAt])).toString('base64url');
  return `${payload}.${signature(payload, secret)}`;
}

/** The attempt in a cookie's value: undefined when missing, altered, signed with another secret or expired. */
export function openAttempt(sealed: string | undefined, secret: string, now: Date): SignInAttempt | undefined {
  if (!sealed || sealed.length > 2000) return undefined;
  const [payload, given, extra] = sealed.split('.');
  if (!payload || !given || extra !== undefined) return undefined;
  const expected = Buffer.from(signature(payload, secret));
  const sent = Buffer.from(given);
  if (expected.length !== sent.length || !timingSafeEqual(expected, sent)) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 5) return undefined;
  const [state, nonce, codeVerifier, returnTo, expiresAt] = fields as unknown[];
  if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof returnTo !== 'string' || typeof expiresAt !== 'number') return undefined;
  if (now.getTime() >= expiresAt) return undefined;
  return { state, nonce, codeVerifier, returnTo, expiresAt };
}

/** Compares the `state` the provider sent back with the attempt's, in constant time. */
export function stateMatches(attempt: SignInAttempt, returned: string | undefined): boolean {
  if (typeof returned !== 'string') return false;
  const expected = Buffer.from(attempt.state);
  const given = Buffer.from(returned);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
