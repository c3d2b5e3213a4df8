// The codes of a second factor, for staff and the portal alike: how many recovery codes are made,
// and how what a person typed is read. Apart from any database or clock.

/** The number of recovery codes made when a second factor is set up. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * A recovery code as typed, made comparable: spaces and dashes dropped, lower case. The codes are
 * printed in groups (`abcd-efgh-jkmn`) that people copy with and without the dashes.
 */
export function normaliseRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toLowerCase();
}

/** A TOTP code as typed: six digits, spaces allowed between them. Undefined for anything else. */
export function normaliseTotpCode(typed: string): string | undefined {
  const digits = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
}

/** The 30-second time step (RFC 6238) a moment falls in, from milliseconds since the epoch. */
export function totpStepAt(moment: number): number {
  return Math.floor(moment / 30_000);
}
