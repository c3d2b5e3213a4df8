import { describe, expect, it } from 'vitest';
import { urlForLog } from './request-log.ts';

describe('the URL the request log keeps', () => {
  it('withholds a sign-in link’s token from its path', () => {
    expect(urlForLog('/portal/sign-in/link/Q2xhc3NpZmllZC10b2tlbi0xMjM', '/portal/sign-in/link/:token')).toBe('/portal/sign-in/link/:token');
  });

  it('withholds a query string whole, as a search’s holds a child’s name or UPN', () => {
    expect(urlForLog('/search?q=Amelia%20Hughes', '/search')).toBe('/search?[query withheld]');
    expect(urlForLog('/api/v1/children?q=B999201500101&limit=5', '/api/v1/children')).toBe('/api/v1/children?[query withheld]');
  });

  it('keeps ids that are not secrets, so a request can still be traced', () => {
    expect(urlForLog('/children/0193c1d2-aaaa-7bbb-8ccc-123456789abc', '/children/:id')).toBe('/children/0193c1d2-aaaa-7bbb-8ccc-123456789abc');
    expect(urlForLog('/users/u1/tokens/t9/revoke', '/users/:userId/tokens/:tokenId/revoke')).toBe('/users/u1/tokens/:tokenId/revoke');
  });

  it('keeps only the start of a path no route matched, and a wildcard route’s pattern', () => {
    expect(urlForLog('/portal/sign-in/link/abc/extra', undefined)).toBe('/portal/sign-in/…');
    expect(urlForLog('/assets/app.css', '/assets/*')).toBe('/assets/*');
    expect(urlForLog('/', '/')).toBe('/');
  });
});
