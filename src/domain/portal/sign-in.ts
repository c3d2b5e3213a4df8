// The rules of the portal's sign-in, apart from any database or clock: how long a link lasts,
// when it may be used, how many links may be asked for, and when a second factor locks. Moments
// are milliseconds since the epoch, as Date.getTime() gives them.

/** A link asked for at sign-in lasts 15 minutes: long enough to open one's e-mail, short enough to be worth little if it leaks. */
export const SIGN_IN_LINK_MINUTES = 15;

/**
 * An invitation's link lasts 7 days: an invitation arrives unannounced and may be read days later.
 * Once it has expired, the person asks for a 15-minute link at the sign-in page.
 */
export const INVITATION_LINK_DAYS = 7;

export type LinkPurpose = 'invitation' | 'sign-in';

export function linkExpiresAt(purpose: LinkPurpose, createdAt: number): number {
  const lifetime = purpose === 'invitation' ? INVITATION_LINK_DAYS * 24 * 60 : SIGN_IN_LINK_MINUTES;
  return createdAt + lifetime * 60_000;
}

export type LinkState = 'usable' | 'used' | 'expired';

/** A link is used once; after its end (the very instant included) it is expired. */
export function linkState(link: { expiresAt: number; used: boolean }, now: number): LinkState {
  if (link.used) return 'used';
  return now < link.expiresAt ? 'usable' : 'expired';
}

/** Link requests allowed in the window, per e-mail address typed and per network address. */
export const LINK_REQUEST_LIMITS = { perEmail: 5, perAddress: 30, windowMinutes: 15 } as const;

export type LinkRequestDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether one more link may be asked for, given the requests already made in the window. */
export function linkRequestDecision(counts: { forEmail: number; forAddress: number }): LinkRequestDecision {
  if (counts.forEmail >= LINK_REQUEST_LIMITS.perEmail || counts.forAddress >= LINK_REQUEST_LIMITS.perAddress) {
    return { allowed: false, retryAfterSeconds: LINK_REQUEST_LIMITS.windowMinutes * 60 };
  }
  return { allowed: true };
}

export type PortalKind = 'family' | 'school' | 'professional';

/** Schools and advice givers see many children's cases: they prove who they are twice. Families do not. */
export function needsSecondFactor(kind: PortalKind): boolean {
  return kind !== 'family';
}

/** Five wrong codes in a row lock the second factor for 15 minutes. */
export const SECOND_FACTOR_ATTEMPTS = 5;
export const SECOND_FACTOR_LOCK_MINUTES = 15;

export interface SecondFactorState {
  failures: number;
  lockedUntil: number | null;
}

/** The end of the lock in force now, or undefined when codes may be tried. */
export function secondFactorLockedUntil(state: SecondFactorState, now: number): number | undefined {
  return state.lockedUntil !== null && now < state.lockedUntil ? state.lockedUntil : undefined;
}

/** After a wrong code: one more failure, and at the fifth the lock, with the count starting again. */
export function afterWrongCode(state: SecondFactorState, now: number): SecondFactorState {
  const failures = state.failures + 1;
  if (failures >= SECOND_FACTOR_ATTEMPTS) return { failures: 0, lockedUntil: now + SECOND_FACTOR_LOCK_MINUTES * 60_000 };
  return { failures, lockedUntil: state.lockedUntil };
}

/** After a right code: the count starts again. */
export function afterRightCode(): SecondFactorState {
  return { failures: 0, lockedUntil: null };
}
