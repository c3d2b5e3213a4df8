// Who the council's identity provider says signed in, from the claims of a verified ID token. Pure.

/** The person the provider vouched for: its id for them, and their e-mail address when it gave one it stands by. */
export interface ProviderIdentity {
  /** The ID token's `sub`: the provider's lasting id for the person (for this service). */
  readonly subject: string;
  /** Lower-cased; undefined when the provider gave none, or said it had not verified it. */
  readonly email: string | undefined;
}

/** Why a sign-in through the provider was refused: kept with the failed attempt and in the audit. */
export type ProviderRefusal =
  /** The browser came back with no sign-in of its own under way: expired, replayed, or another browser's. */
  | 'no-attempt'
  /** The `state` sent back is not the one this browser was sent with. */
  | 'state-mismatch'
  /** The provider answered with an error (the person cancelled, or the provider refused them). */
  | 'provider-error'
  /** The provider could not be reached, or answered with something that is not OpenID Connect. */
  | 'provider-down'
  /** The code, the ID token or its nonce did not check out. */
  | 'token-rejected'
  /** The ID token named no e-mail address the provider stands by, and no account has the person's id. */
  | 'no-email'
  /** No staff account has the person's id or e-mail address. */
  | 'unknown-person'
  /** The account is deactivated. */
  | 'deactivated'
  /** The account of that e-mail address is already tied to another of the provider's people. */
  | 'subject-mismatch';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/**
 * The identity in an ID token's claims. The e-mail address is `email`, or else
 * `preferred_username` when it is one (Microsoft Entra ID's sign-in name, often the only address it
 * gives); neither is taken when the provider says `email_verified: false`. Undefined without a `sub`.
 */
export function identityFromClaims(claims: Readonly<Record<string, unknown>>): ProviderIdentity | undefined {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 255) return undefined;
  if (claims.email_verified === false) return { subject, email: undefined };
  const candidate = [claims.email, claims.preferred_username].find((value): value is string => typeof value === 'string' && EMAIL_SHAPE.test(value.trim()));
  return { subject, email: candidate && candidate.length <= 320 ? candidate.trim().toLowerCase() : undefined };
}
