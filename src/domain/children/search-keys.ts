import { checkIsoDate } from '../calendar/dates.ts';

// Search keys are computed here, not by the database, so that PGlite (C collation), Debian's
// PostgreSQL (C.UTF-8) and a council's en_GB server find and order the same children.

// Letters that NFKD does not decompose into a base letter and a mark.
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = { ł: 'l', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case, no diacritics, apostrophes, hyphens or punctuation; single spaces. */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøßæœđðþı]/g, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter] ?? letter)
    .replace(/['’‘`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface ChildNames {
  forename: string;
  surname: string;
  preferredName?: string | null;
  formerNames?: readonly string[];
}

/** Every name the child is or was known by, normalised, each word once. */
export function searchNamesOf(names: ChildNames): string {
  const words = [names.forename, names.surname, names.preferredName ?? '', ...(names.formerNames ?? [])]
    .map(normaliseName)
    .join(' ')
    .split(' ')
    .filter(Boolean);
  return [...new Set(words)].join(' ');
}

export function surnameKeyOf(surname: string): string {
  return normaliseName(surname).replace(/ /g, '');
}

export type SearchQuery =
  | { kind: 'upn'; upn: string }
  | { kind: 'date-of-birth'; date: string }
  | { kind: 'name'; words: string[]; text: string }
  | { kind: 'empty' };

const UPN_SHAPE = /^[A-Za-z]\d{11}[0-9A-Za-z]$/;

/** What a person typed in the one search box: a UPN, a date of birth, or names. */
export function interpretSearch(input: string): SearchQuery {
  const trimmed = input.trim();
  if (!trimmed) return { kind: 'empty' };
  const compact = trimmed.replace(/\s+/g, '');
  if (UPN_SHAPE.test(compact)) return { kind: 'upn', upn: compact.toUpperCase() };
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (dmy || ymd) {
    const [year, month, day] = dmy ? [dmy[3], dmy[2], dmy[1]] : [ymd![1], ymd![2], ymd![3]];
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (checkIsoDate(iso).ok) return { kind: 'date-of-birth', date: iso };
  }
  const text = normaliseName(trimmed);
  if (!text) return { kind: 'empty' };
  return { kind: 'name', words: text.split(' '), text };
}
