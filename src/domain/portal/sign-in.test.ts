import { describe, expect, it } from 'vitest';
import {
  afterRightCode,
  afterWrongCode,
  linkExpiresAt,
  linkRequestDecision,
  linkState,
  needsSecondFactor,
  secondFactorLockedUntil,
  type SecondFactorState,
} from './sign-in.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (moment: number | undefined) => (moment === undefined ? undefined : new Date(moment).toISOString());

describe('portal sign-in links', () => {
  it('a link asked for at sign-in lasts 15 minutes', () => {
    expect(iso(linkExpiresAt('sign-in', at('2026-11-30T10:00:00Z')))).toBe('2026-11-30T10:15:00.000Z');
  });

  it('an invitation’s link lasts 7 days', () => {
    expect(iso(linkExpiresAt('invitation', at('2026-11-30T10:00:00Z')))).toBe('2026-12-07T10:00:00.000Z');
  });

  it('is usable until its end, expired from the very instant of its end', () => {
    const link = { expiresAt: at('2026-11-30T10:15:00Z'), used: false };
    expect(linkState(link, at('2026-11-30T10:14:59.999Z'))).toBe('usable');
    expect(linkState(link, at('2026-11-30T10:15:00Z'))).toBe('expired');
  });

  it('once used, is used, whether or not its time has run out', () => {
    const link = { expiresAt: at('2026-11-30T10:15:00Z'), used: true };
    expect(linkState(link, at('2026-11-30T10:02:00Z'))).toBe('used');
    expect(linkState(link, at('2026-11-30T11:00:00Z'))).toBe('used');
  });

  it('allows 5 requests per e-mail address and 30 per network address in 15 minutes', () => {
    expect(linkRequestDecision({ forEmail: 4, forAddress: 29 })).toEqual({ allowed: true });
    expect(linkRequestDecision({ forEmail: 5, forAddress: 0 })).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(linkRequestDecision({ forEmail: 0, forAddress: 30 })).toEqual({ allowed: false, retryAfterSeconds: 900 });
  });
});

describe('the portal’s second factor', () => {
  const now = at('2026-11-30T10:00:00Z');

  it('is asked of schools and advice givers, not of families', () => {
    expect(needsSecondFactor('school')).toBe(true);
    expect(needsSecondFactor('professional')).toBe(true);
    expect(needsSecondFactor('family')).toBe(false);
  });

  it('locks for 15 minutes at the fifth wrong code in a row, not before', () => {
    let state: SecondFactorState = { failures: 0, lockedUntil: null };
    for (let wrong = 1; wrong <= 4; wrong += 1) {
      state = afterWrongCode(state, now);
      expect(secondFactorLockedUntil(state, now)).toBeUndefined();
    }
    state = afterWrongCode(state, now);
    expect(iso(secondFactorLockedUntil(state, now))).toBe('2026-11-30T10:15:00.000Z');
    expect(state.failures).toBe(0);
  });

  it('is open again once the 15 minutes have passed', () => {
    const locked = { failures: 0, lockedUntil: at('2026-11-30T10:15:00Z') };
    expect(secondFactorLockedUntil(locked, at('2026-11-30T10:14:59Z'))).toBeDefined();
    expect(secondFactorLockedUntil(locked, at('2026-11-30T10:15:00Z'))).toBeUndefined();
  });

  it('starts counting again after a right code', () => {
    const state = afterWrongCode(afterWrongCode({ failures: 0, lockedUntil: null }, now), now);
    expect(state.failures).toBe(2);
    expect(afterRightCode()).toEqual({ failures: 0, lockedUntil: null });
  });
});
