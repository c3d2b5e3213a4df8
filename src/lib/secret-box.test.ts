import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

const KEY = 'a-setting-of-at-least-32-characters-long';

describe('secrets sealed at rest (AES-256-GCM)', () => {
  it('opens what it sealed, and never seals the same secret the same way twice', () => {
    const box = new SecretBox(KEY, 'staff-totp');
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^v1\./);
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
  });

  it('opens nothing sealed under another setting or for another purpose', () => {
    const sealed = new SecretBox(KEY, 'staff-totp').seal('secret');
    expect(new SecretBox(`${KEY}!`, 'staff-totp').open(sealed)).toBeUndefined();
    expect(new SecretBox(KEY, 'other').open(sealed)).toBeUndefined();
  });

  it('refuses a sealed secret that was altered, or is not one', () => {
    const box = new SecretBox(KEY, 'staff-totp');
    const parts = box.seal('secret').split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(box.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toBeUndefined();
    expect(box.open('JBSWY3DPEHPK3PXP')).toBeUndefined();
  });

  it('refuses key material shorter than 32 characters', () => {
    expect(() => new SecretBox('short', 'staff-totp')).toThrow();
  });
});
