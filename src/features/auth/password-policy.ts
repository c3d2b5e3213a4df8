import { dictionary } from '@zxcvbn-ts/language-common';

// What a new password must be, after the NCSC's password guidance: long enough, not on a list of
// common and breached passwords, and no composition rules (no "one capital, one digit", which
// only makes passwords predictable) and no expiry. Applied wherever a password is set: an account
// made by an administrator or at the command line, and a change by its owner.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * The deny-list: the 49,233 passwords seen more than ten times in Mark Burnett's ten million
 * passwords from public breaches, lower-cased, as zxcvbn-ts packages them
 * (`@zxcvbn-ts/language-common`, MIT). It leaves out what its own pattern matching catches
 * (repeats, runs), which `passwordProblem` refuses by rule instead.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common']);

/** A common password with only digits or symbols around it ('Password1234!') is still common. */
const MIN_CORE_LENGTH = 4;
/** An e-mail address's first part shorter than this is too short to look for in a password. */
const MIN_LOCAL_PART_LENGTH = 3;

export const PASSWORD_MESSAGES = {
  tooShort: `The password must be ${PASSWORD_MIN_LENGTH} characters or more`,
  tooLong: `The password must be ${PASSWORD_MAX_LENGTH} characters or fewer`,
  onlySpaces: 'The password must not be only spaces',
  repeated: 'The password must not be one character, or the same few characters, repeated',
  sequence: 'The password must not be a run of letters or numbers, like abcdefghijkl',
  common: 'The password is too common: it is on a list of passwords that are often used or have been leaked. Choose another, such as three random words',
  containsEmail: 'The password must not contain the first part of the e-mail address (before the @)',
} as const;

/** Each character one more (or one less) than the one before: abcdefghijkl, 987654321098 is not. */
function isRun(characters: readonly string[]): boolean {
  const codes = characters.map((character) => character.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((code, index) => index === 0 || code - codes[index - 1]! === step);
}

/**
 * Why a new password will not do, or undefined when it will. `email` is the account's address:
 * a password holding its first part is refused.
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | undefined {
  const normalised = password.normalize('NFKC');
  const characters = [...normalised];
  if (characters.length < PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.tooShort;
  if (characters.length > PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.tooLong;
  if (/^\s+$/u.test(normalised)) return PASSWORD_MESSAGES.onlySpaces;

  const folded = normalised.toLowerCase();
  if (/^(.{1,4}?)\1+$/su.test(folded)) return PASSWORD_MESSAGES.repeated;
  if (isRun([...folded])) return PASSWORD_MESSAGES.sequence;

  const core = folded.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(folded.replace(/\s+/gu, '')) || (core.length >= MIN_CORE_LENGTH && COMMON_PASSWORDS.has(core))) {
    return PASSWORD_MESSAGES.common;
  }

  const localPart = context.email?.trim().toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= MIN_LOCAL_PART_LENGTH && folded.includes(localPart)) return PASSWORD_MESSAGES.containsEmail;
  return undefined;
}
