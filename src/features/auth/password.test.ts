import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, UNMATCHABLE_HASH, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('never matches the placeholder hash used for unknown accounts', async () => {
    expect(await verifyPassword('', UNMATCHABLE_HASH)).toBe(false);
  });

  it('refuses a malformed stored hash rather than throwing', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('generates passwords with no spaces', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
