import { describe, expect, it } from 'vitest';
import { checkTotp, newRecoveryCode, newTotpSecret, totpCodeAt, totpUri } from './totp.ts';

describe('the second factor’s codes', () => {
  it('makes recovery codes in three groups of four, from letters and digits that cannot be mistaken', () => {
    for (let index = 0; index < 50; index += 1) expect(newRecoveryCode()).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });

  it('accepts a TOTP code in its 30 seconds and one period either side, not two (RFC 6238)', async () => {
    const secret = newTotpSecret();
    const at = new Date('2026-11-30T10:00:10Z');
    const code = await totpCodeAt(secret, at);
    expect(await checkTotp(secret, code, at, null)).toBeTypeOf('number');
    expect(await checkTotp(secret, code, new Date(at.getTime() + 30_000), null)).toBeTypeOf('number');
    expect(await checkTotp(secret, code, new Date(at.getTime() + 60_000), null)).toBeUndefined();
    expect(await checkTotp(secret, code === '000000' ? '111111' : '000000', at, null)).toBeUndefined();
  });

  it('refuses a code whose time step was already used', async () => {
    const secret = newTotpSecret();
    const at = new Date('2026-11-30T10:00:10Z');
    const code = await totpCodeAt(secret, at);
    const step = (await checkTotp(secret, code, at, null))!;
    expect(await checkTotp(secret, code, at, step)).toBeUndefined();
    const next = new Date(at.getTime() + 30_000);
    expect(await checkTotp(secret, await totpCodeAt(secret, next), next, step)).toBe(step + 1);
  });

  it('names the service and the person in the authenticator app’s address', () => {
    const uri = totpUri('DEMOONLYDEMOONLYDEMOONLYDEMOONLY', 'SEND Casework (Demo City Council)', 'senco@school.example');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain('secret=DEMOONLYDEMOONLYDEMOONLYDEMOONLY');
    expect(decodeURIComponent(uri)).toContain('senco@school.example');
  });
});
