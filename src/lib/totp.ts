// The second factor's codes (TOTP, RFC 6238) for staff and the portal alike: the secret an
// authenticator app keeps (otplib), the QR code it scans (qrcode), the check of a code, and the
// recovery codes for a lost phone.
import { randomInt } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

// Letters and digits that cannot be mistaken for one another when copied from paper (no 0/o, 1/l/i).
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A recovery code of 12 characters in three groups (about 59 bits): `abcd-efgh-jkmn`. */
export function newRecoveryCode(): string {
  let code = '';
  for (let index = 0; index < 12; index += 1) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A new TOTP secret: 20 random bytes, base32, as authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret();
}

const PERIOD_SECONDS = 30;

/** The otpauth:// address an authenticator app takes, naming the council's service and the person. */
export function totpUri(secret: string, issuer: string, label: string): string {
  return generateURI({ issuer, label, secret });
}

/** The QR code of that address, as a data: URL for an <img>. */
export async function totpQrCode(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}

/**
 * Checks a six-digit code against the secret at the given time, allowing one period either side
 * for a phone's clock; a time step at or before `afterStep` (a code already used) is refused.
 * The time step of the code accepted, or undefined.
 */
export async function checkTotp(secret: string, code: string, at: Date, afterStep: number | null): Promise<number | undefined> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: PERIOD_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** The code an authenticator app shows at the given time: for the tests and the demo's journey. */
export async function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}
