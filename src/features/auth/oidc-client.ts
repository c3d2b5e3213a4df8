import * as client from 'openid-client';
import type { StaffOidcConfig } from '../../config.ts';
import { ATTEMPT_MINUTES, type SignInAttempt } from './oidc-attempt.ts';
import { identityFromClaims, type ProviderIdentity, type ProviderRefusal } from './oidc-identity.ts';

/** A sign-in through the provider that could not go on, and why. */
export class ProviderSignInError extends Error {
  override readonly name = 'ProviderSignInError';
  readonly reason: ProviderRefusal;

  constructor(reason: ProviderRefusal, options?: ErrorOptions) {
    super(`Sign-in through the identity provider failed: ${reason}`, options);
    this.reason = reason;
  }
}

const SCOPE = 'openid profile email';

function chain(error: unknown): unknown[] {
  const found: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && found.length < 10; current = (current as { cause?: unknown }).cause) found.push(current);
  return found;
}

/**
 * Why a step with the provider failed. The provider's own error in the callback is its answer; a
 * network failure, a time-out or a 5xx is the provider being down; anything else about the code or
 * the ID token (a replayed code, a bad signature, a wrong nonce, audience or issuer) is a rejection.
 */
export function refusalOf(error: unknown): ProviderRefusal {
  const errors = chain(error);
  if (errors.some((entry) => entry instanceof client.AuthorizationResponseError)) return 'provider-error';
  const body = errors.find((entry): entry is client.ResponseBodyError => entry instanceof client.ResponseBodyError);
  if (body) return body.status >= 500 ? 'provider-down' : 'token-rejected';
  const unreachable = errors.some((entry) => {
    const { name, message, code } = entry as { name?: unknown; message?: unknown; code?: unknown };
    return name === 'TimeoutError' || name === 'AbortError' || (name === 'TypeError' && message === 'fetch failed') || code === 'ECONNREFUSED' || code === 'OAUTH_RESPONSE_IS_NOT_JSON' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM';
  });
  return unreachable ? 'provider-down' : 'token-rejected';
}

/**
 * The service as a client of the council's identity provider (OpenID Connect, `openid-client`):
 * the authorization code flow with PKCE, `state` and `nonce`. The provider's settings are found
 * by discovery at the first sign-in and kept; a failed discovery is tried again at the next. The
 * ID token's signature is checked against the provider's published keys as well as its issuer,
 * audience, expiry and nonce.
 */
export class StaffOidcClient {
  private readonly settings: StaffOidcConfig;
  private readonly timeoutSeconds: number;
  private configuration: Promise<client.Configuration> | undefined;

  constructor(settings: StaffOidcConfig, options: { timeoutSeconds?: number } = {}) {
    this.settings = settings;
    this.timeoutSeconds = options.timeoutSeconds ?? 10;
  }

  private discover(): Promise<client.Configuration> {
    if (!this.configuration) {
      // Plain http only ever for a stand-in on this machine: the settings refuse it otherwise.
      const insecure = this.settings.issuer.startsWith('http://') ? [client.allowInsecureRequests] : [];
      this.configuration = client
        .discovery(new URL(this.settings.issuer), this.settings.clientId, { redirect_uris: [this.settings.redirectUri], response_types: ['code'] }, client.ClientSecretPost(this.settings.clientSecret), {
          timeout: this.timeoutSeconds,
          execute: [...insecure, client.enableNonRepudiationChecks],
        })
        .catch((error: unknown) => {
          this.configuration = undefined;
          throw new ProviderSignInError('provider-down', { cause: error });
        });
    }
    return this.configuration;
  }

  /** Where to send the browser to sign in, and the attempt to keep in its cookie. */
  async start(returnTo: string, now: Date): Promise<{ url: string; attempt: SignInAttempt }> {
    const configuration = await this.discover();
    const attempt: SignInAttempt = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo,
      expiresAt: now.getTime() + ATTEMPT_MINUTES * 60_000,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPE,
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, attempt };
  }

  /**
   * Takes the provider's answer (the callback's query string), exchanges the code for tokens and
   * returns who the verified ID token names. Throws ProviderSignInError with the reason otherwise.
   */
  async finish(query: string, attempt: SignInAttempt): Promise<ProviderIdentity> {
    const configuration = await this.discover();
    const callback = new URL(this.settings.redirectUri);
    callback.search = query;
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new ProviderSignInError(refusalOf(error), { cause: error });
    }
    const identity = claims ? identityFromClaims(claims) : undefined;
    if (!identity) throw new ProviderSignInError('token-rejected');
    return identity;
  }
}
