import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../test/factories/officers.ts';
import { DEMO_ACCOUNTS } from '../demo/index.ts';
import { generatePassword } from './password.ts';
import { PASSWORD_MESSAGES, passwordProblem } from './password-policy.ts';

describe('a new password (NCSC guidance)', () => {
  it.each([
    ['password1234', PASSWORD_MESSAGES.common],
    ['PASSWORD1234', PASSWORD_MESSAGES.common],
    ['qwerty123456', PASSWORD_MESSAGES.common],
    ['1q2w3e4r5t6y', PASSWORD_MESSAGES.common],
    ['123456789012', PASSWORD_MESSAGES.common],
    ['passwordpassword', PASSWORD_MESSAGES.common],
    // A common password with digits or symbols around it, or spaces in it, is as easily guessed.
    ['Password1234!', PASSWORD_MESSAGES.common],
    ['!!football2026', PASSWORD_MESSAGES.common],
    ['password 1234', PASSWORD_MESSAGES.common],
    [' '.repeat(12), PASSWORD_MESSAGES.onlySpaces],
    ['\t \u00a0 '.repeat(4), PASSWORD_MESSAGES.onlySpaces],
    ['aaaaaaaaaaaa', PASSWORD_MESSAGES.repeated],
    ['AaAaAaAaAaAa', PASSWORD_MESSAGES.repeated],
    ['abcabcabcabc', PASSWORD_MESSAGES.repeated],
    ['!!!!!!!!!!!!!!!!!!!!', PASSWORD_MESSAGES.repeated],
    ['abcdefghijkl', PASSWORD_MESSAGES.sequence],
    ['zyxwvutsrqpo', PASSWORD_MESSAGES.sequence],
    ['short-pass1', PASSWORD_MESSAGES.tooShort],
    ['x'.repeat(100) + 'y'.repeat(101), PASSWORD_MESSAGES.tooLong],
  ])('refuses %j', (password, message) => {
    expect(passwordProblem(password)).toBe(message);
  });

  it('counts characters, not UTF-16 code units', () => {
    // Eleven characters that JavaScript counts as 22.
    expect(passwordProblem('🐱🐶🐭🐹🐰🦊🐻🐼🐨🐯🦁')).toBe(PASSWORD_MESSAGES.tooShort);
    expect(passwordProblem('🐱🐶🐭🐹🐰🦊🐻🐼🐨🐯🦁🐮')).toBeUndefined();
  });

  it('refuses a password holding the first part of the person’s e-mail address, in any case', () => {
    expect(passwordProblem('Amira.Khan-garden-2026', { email: 'amira.khan@council.example' })).toBe(PASSWORD_MESSAGES.containsEmail);
    expect(passwordProblem('my amira.khan secret', { email: ' Amira.Khan@Council.example ' })).toBe(PASSWORD_MESSAGES.containsEmail);
    expect(passwordProblem('Amira-garden-2026', { email: 'amira.khan@council.example' })).toBeUndefined();
    // Two letters are too few to look for: 'jo' is in many good passwords.
    expect(passwordProblem('jolly kestrel sandwich', { email: 'jo@council.example' })).toBeUndefined();
  });

  it('sets no composition rules: long passphrases of plain words are accepted', () => {
    for (const password of ['correct horse battery staple', 'purple tractor umbrella', 'ninetyninebottlesofmilk', 'ça va très bien merci']) {
      expect(passwordProblem(password), password).toBeUndefined();
    }
  });

  it('accepts every password the repository itself sets: demo accounts, test officers, generated ones', () => {
    for (const account of DEMO_ACCOUNTS) expect(passwordProblem(account.password, { email: account.email }), account.email).toBeUndefined();
    expect(passwordProblem(TEST_PASSWORD, { email: 'case-officer-1@test.example' })).toBeUndefined();
    // bench/run.ts signs its officers in with this one.
    expect(passwordProblem('Bench-password-2026', { email: 'bench-officer-1@la330.example' })).toBeUndefined();
    for (let attempt = 0; attempt < 200; attempt += 1) expect(passwordProblem(generatePassword('sam@council.example'), { email: 'sam@council.example' })).toBeUndefined();
  });
});
