import { hash as argon2Hash, parseOptions, verify as argon2Verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { passwordProblem } from './password-policy.ts';

// Passwords are hashed with argon2id at OWASP's current minimum (19 MiB of memory, 2 passes, 1
// lane), stored as the PHC string the library writes: `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`.
// One check takes ~30-60 ms here and runs on libuv's thread pool, off the event loop; scrypt at
// OWASP's N=2^17 took ~470 ms on its own, too slow for sign-in under 500 ms (ADR 0011).
// `@node-rs/argon2` ships its binary in a registry package per platform: no install script and no
// compiler (`argon2`'s prebuilt binaries need Node-API 10, which Node 20 lacks).

const ARGON2ID = 2 as Algorithm;
export const ARGON2_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Bounds on what a stored hash may ask for before it is checked: a hash with m=4000000000 would
// make the check allocate terabytes and kill the process.
const MAX_MEMORY_KIB = 256 * 1024;
const MAX_TIME_COST = 10;
const MAX_PARALLELISM = 8;

// The hashes written before argon2id: scrypt from node:crypto, N=2^15, r=8, p=1. Still checked,
// and replaced by an argon2id hash at the next successful sign-in.
const LEGACY_SCRYPT = { maxmem: 64 * 1024 * 1024, maxN: 2 ** 17 } as const;

/** Passwords are compared as NFKC, so the same characters typed on another keyboard still match. */
const normalised = (password: string) => password.normalize('NFKC');

export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(normalised(password), { algorithm: ARGON2ID, ...ARGON2_PARAMETERS });
}

function argon2ParametersOf(stored: string): ReturnType<typeof parseOptions> | undefined {
  try {
    return parseOptions(stored);
  } catch {
    return undefined;
  }
}

function scryptDerive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(normalised(password), salt, keyLength, { ...options, maxmem: LEGACY_SCRYPT.maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

async function verifyLegacyScrypt(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key || rest.length > 0) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(cost.N) || cost.N > LEGACY_SCRYPT.maxN || !Number.isInteger(cost.r) || !Number.isInteger(cost.p)) return false;
  const expected = Buffer.from(key, 'base64url');
  if (expected.length === 0) return false;
  try {
    const actual = await scryptDerive(password, Buffer.from(salt, 'base64url'), expected.length, cost);
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/** Whether the password matches a stored hash: argon2id, or a scrypt hash from before it. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('scrypt$')) return verifyLegacyScrypt(password, stored);
  if (!stored.startsWith('$argon2id$')) return false;
  const parameters = argon2ParametersOf(stored);
  if (!parameters || parameters.memoryCost > MAX_MEMORY_KIB || parameters.timeCost > MAX_TIME_COST || parameters.parallelism > MAX_PARALLELISM) return false;
  try {
    return await argon2Verify(stored, normalised(password));
  } catch {
    return false;
  }
}

/**
 * Whether a stored hash should be replaced once its password is known: anything but argon2id at
 * exactly the current parameters (an older scheme, or parameters since changed).
 */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith('$argon2id$')) return true;
  const parameters = argon2ParametersOf(stored);
  return (
    !parameters ||
    parameters.memoryCost !== ARGON2_PARAMETERS.memoryCost ||
    parameters.timeCost !== ARGON2_PARAMETERS.timeCost ||
    parameters.parallelism !== ARGON2_PARAMETERS.parallelism
  );
}

/**
 * A hash no password matches (an all-zero salt and digest), checked when the account does not
 * exist: argon2id at the same parameters, so both paths take as long.
 */
export const UNMATCHABLE_HASH = `$argon2id$v=19$m=${ARGON2_PARAMETERS.memoryCost},t=${ARGON2_PARAMETERS.timeCost},p=${ARGON2_PARAMETERS.parallelism}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

/** How passwords are hashed and checked; AuthService takes one, so tests can count the checks. */
export interface PasswordHasher {
  verify(password: string, stored: string): Promise<boolean>;
  hash(password: string): Promise<string>;
  needsRehash(stored: string): boolean;
}

export const passwordHasher: PasswordHasher = { verify: verifyPassword, hash: hashPassword, needsRehash };

/**
 * A readable random password with no spaces: for first sign-in, printed once. Drawn again in the
 * rare case it breaks the policy (it holds the first part of the person's e-mail address).
 */
export function generatePassword(email?: string): string {
  for (;;) {
    const password = randomBytes(18).toString('base64url');
    if (!passwordProblem(password, { email })) return password;
  }
}
