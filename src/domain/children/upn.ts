// Unique pupil number (DfE Common Basic Data Set): 13 characters. The first is a check letter
// computed from characters 2-13; character 13 may be a letter in a temporary UPN.

const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

function characterValue(character: string, position: number): number | undefined {
  if (/\d/.test(character)) return Number(character);
  // Only the last character may be a letter; letters take the value of their place in the
  // check-letter alphabet (I, O and S are never used).
  if (position === 13) {
    const index = CHECK_LETTERS.indexOf(character);
    return index >= 0 ? index : undefined;
  }
  return undefined;
}

/** The check letter for characters 2-13, or undefined when they cannot form a UPN. */
export function upnCheckLetter(body: string): string | undefined {
  if (body.length !== 12) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) {
    const value = characterValue(body[i]!, i + 2);
    if (value === undefined) return undefined;
    sum += value * (i + 2);
  }
  return CHECK_LETTERS[sum % 23];
}

export type UpnCheck = { valid: true; upn: string } | { valid: false; reason: string };

export function checkUpn(input: string): UpnCheck {
  const upn = input.trim().toUpperCase();
  if (upn.length !== 13) return { valid: false, reason: 'A UPN is 13 characters' };
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) return { valid: false, reason: 'A UPN is a letter, 11 digits, then a digit or letter' };
  const expected = upnCheckLetter(upn.slice(1));
  if (expected === undefined) return { valid: false, reason: 'A UPN cannot end in I, O or S' };
  if (expected !== upn[0]) return { valid: false, reason: 'The UPN’s check letter does not match: check it for typing mistakes' };
  return { valid: true, upn };
}
