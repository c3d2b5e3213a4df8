import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD_SCRYPT_HASH } from '../../test/passwords.ts';
import { generatePassword, hashPassword, needsRehash, UNMATCHABLE_HASH, verifyPassword } from './password.ts';


/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (Password Storage Cheat Sheet). */
const OWASP_ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

describe('passwords', () => {
  it('hashes with argon2id at OWASP’s parameters, as a PHC string', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(parseOptions(hash)).toMatchObject({ ...OWASP_ARGON2ID, saltLen: 16, outputLen: 32 });
  });

  it('verifies the password it hashed and nothing else', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('compares passwords as NFKC: the same characters typed another way still match', async () => {
    const hash = await hashPassword('caf\u00e9 au lait en terrasse');
    expect(await verifyPassword('cafe\u0301 au lait en terrasse', hash)).toBe(true);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('still verifies a scrypt hash written before argon2id, and says it needs replacing', async () => {
    expect(await verifyPassword('A-long-test-password-1', TEST_PASSWORD_SCRYPT_HASH)).toBe(true);
    expect(await verifyPassword('A-long-test-password-2', TEST_PASSWORD_SCRYPT_HASH)).toBe(false);
    expect(needsRehash(TEST_PASSWORD_SCRYPT_HASH)).toBe(true);
  });

  it('asks for a new hash when the parameters are not the current ones', async () => {
    expect(needsRehash(await hashPassword('correct horse battery staple'))).toBe(false);
    const weaker = '$argon2id$v=19$m=7168,t=5,p=1$c29tZXNhbHRzb21lc2FsdA$w7RIJCpcAJxzCv7Cot4P2Txb6NLn8+dK6eHSyuSqTKw';
    expect(needsRehash(weaker)).toBe(true);
    expect(needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$w7RIJCpcAJxzCv7Cot4P2Txb6NLn8+dK6eHSyuSqTKw')).toBe(true);
  });

  it('checks unknown accounts against an argon2id hash at the same parameters, which nothing matches', async () => {
    expect(parseOptions(UNMATCHABLE_HASH)).toMatchObject({ ...OWASP_ARGON2ID, saltLen: 16, outputLen: 32 });
    expect(needsRehash(UNMATCHABLE_HASH)).toBe(false);
    expect(await verifyPassword('', UNMATCHABLE_HASH)).toBe(false);
    expect(await verifyPassword('A-long-test-password-1', UNMATCHABLE_HASH)).toBe(false);
  });

  it('refuses a malformed stored hash rather than throwing', async () => {
    for (const stored of ['md5$abc', '', '$argon2id$', '$argon2id$v=19$m=19456,t=2,p=1$!!$!!', 'scrypt$32768$8$1$$', 'scrypt$x$8$1$c2FsdA$a2V5']) {
      expect(await verifyPassword('x', stored), stored).toBe(false);
    }
  });

  it('refuses a stored hash that asks for absurd memory or time, without running it', async () => {
    // Run, these would allocate terabytes or take hours; refused on their parameters alone.
    expect(await verifyPassword('x', `$argon2id$v=19$m=4000000000,t=2,p=1$${'A'.repeat(22)}$${'A'.repeat(43)}`)).toBe(false);
    expect(await verifyPassword('x', `$argon2id$v=19$m=19456,t=100000,p=1$${'A'.repeat(22)}$${'A'.repeat(43)}`)).toBe(false);
    expect(await verifyPassword('x', `scrypt$1073741824$8$1$c2FsdA$${'A'.repeat(86)}`)).toBe(false);
  });

  it('generates passwords with no spaces', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
