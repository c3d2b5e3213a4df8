import { normaliseName, surnameKeyOf } from './search-keys.ts';

// Whether two records may be of the same child, as the officer is asked before a second record is
// made. A UPN is one child's (DfE CBDS): the same UPN is the same child. Names are compared as
// search compares them (no case, accents, apostrophes or hyphens), so "Zoë O’Brien" and
// "zoe obrien" born the same day are the same name.

export interface ChildIdentity {
  forename: string;
  surname: string;
  dateOfBirth: string;
  upn?: string | null | undefined;
}

export type SameChildReason = 'upn' | 'name-and-date-of-birth';

/** Why `held` may be the child described by `given`, or undefined when nothing matches. */
export function sameChildReason(given: ChildIdentity, held: ChildIdentity): SameChildReason | undefined {
  if (given.upn && held.upn && given.upn.trim().toUpperCase() === held.upn.trim().toUpperCase()) return 'upn';
  if (
    given.dateOfBirth === held.dateOfBirth &&
    normaliseName(given.forename) === normaliseName(held.forename) &&
    surnameKeyOf(given.surname) === surnameKeyOf(held.surname) &&
    surnameKeyOf(given.surname) !== ''
  ) {
    return 'name-and-date-of-birth';
  }
  return undefined;
}
