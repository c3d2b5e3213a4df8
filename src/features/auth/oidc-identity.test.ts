import { describe, expect, it } from 'vitest';
import { identityFromClaims } from './oidc-identity.ts';

describe('identityFromClaims', () => {
  it('takes the subject and the e-mail address, lower-cased', () => {
    expect(identityFromClaims({ sub: 'abc', email: ' Jo.Smith@Council.Example ', email_verified: true })).toEqual({ subject: 'abc', email: 'jo.smith@council.example' });
  });

  it('falls back on preferred_username when it is an e-mail address (Entra ID’s sign-in name), and on nothing when it is not', () => {
    expect(identityFromClaims({ sub: 'abc', preferred_username: 'jo@council.example' })).toEqual({ subject: 'abc', email: 'jo@council.example' });
    expect(identityFromClaims({ sub: 'abc', preferred_username: 'jsmith' })).toEqual({ subject: 'abc', email: undefined });
    expect(identityFromClaims({ sub: 'abc', email: 'not an address', preferred_username: 'jo@council.example' })).toEqual({ subject: 'abc', email: 'jo@council.example' });
  });

  it('takes no e-mail address the provider says it has not verified', () => {
    expect(identityFromClaims({ sub: 'abc', email: 'jo@council.example', email_verified: false, preferred_username: 'jo@council.example' })).toEqual({ subject: 'abc', email: undefined });
  });

  it('is nothing without a usable subject', () => {
    expect(identityFromClaims({ email: 'jo@council.example' })).toBeUndefined();
    expect(identityFromClaims({ sub: '', email: 'jo@council.example' })).toBeUndefined();
    expect(identityFromClaims({ sub: 42, email: 'jo@council.example' })).toBeUndefined();
    expect(identityFromClaims({ sub: 'x'.repeat(256) })).toBeUndefined();
  });
});
