import { AuthorizationResponseError, ResponseBodyError } from 'openid-client';
import { describe, expect, it } from 'vitest';
import { refusalOf } from './oidc-client.ts';

function responseBodyError(status: number): ResponseBodyError {
  const response = new Response(JSON.stringify({ error: 'invalid_grant' }), { status, headers: { 'content-type': 'application/json' } });
  return new ResponseBodyError('server responded with an error in the response body', { cause: { error: 'invalid_grant' }, response });
}

describe('refusalOf', () => {
  it('names the provider’s own error in its answer', () => {
    const error = new AuthorizationResponseError('authorization response from the server is an error', { cause: new URLSearchParams('error=access_denied') });
    expect(refusalOf(error)).toBe('provider-error');
  });

  it('takes a refused code (used before, or expired) as a rejection, a 5xx as the provider being down', () => {
    expect(refusalOf(responseBodyError(400))).toBe('token-rejected');
    expect(refusalOf(responseBodyError(503))).toBe('provider-down');
  });

  it('takes a network failure or a time-out, however deep, as the provider being down', () => {
    expect(refusalOf(new Error('wrapped', { cause: new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }) }))).toBe('provider-down');
    expect(refusalOf(new DOMException('The operation timed out.', 'TimeoutError'))).toBe('provider-down');
  });

  it('takes anything else about the ID token as a rejection', () => {
    expect(refusalOf(Object.assign(new Error('unexpected JWT "nonce" (nonce) claim value'), { code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' }))).toBe('token-rejected');
  });
});
