import { describe, expect, it } from 'vitest';
import { normaliseRecoveryCode, normaliseTotpCode, totpStepAt } from './codes.ts';

describe('the codes of a second factor', () => {
  it('reads a code typed with spaces, and refuses anything but six digits', () => {
    expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
    expect(normaliseTotpCode('12345')).toBeUndefined();
    expect(normaliseTotpCode('12345a')).toBeUndefined();
    expect(normaliseTotpCode('1234567')).toBeUndefined();
  });

  it('reads a recovery code with or without its dashes, in any case', () => {
    expect(normaliseRecoveryCode('ABCD-efgh-JKMN')).toBe('abcdefghjkmn');
    expect(normaliseRecoveryCode('abcd efgh jkmn')).toBe('abcdefghjkmn');
  });

  it('counts time in steps of 30 seconds from the epoch (RFC 6238 section 4)', () => {
    expect(totpStepAt(0)).toBe(0);
    expect(totpStepAt(29_999)).toBe(0);
    expect(totpStepAt(30_000)).toBe(1);
    // RFC 6238 appendix B: T = 0x00000000023523EC at 1111111109 seconds.
    expect(totpStepAt(1_111_111_109_000)).toBe(0x023523ec);
  });
});
