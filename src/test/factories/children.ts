import { upnCheckLetter } from '../../domain/children/upn.ts';
import type { NewRequest } from '../../features/requests/index.ts';
import { lettersFor, nextNumber } from './sequence.ts';

/** A new child's details, as a request for an assessment carries them. */
export type NewChildDetails = NonNullable<NewRequest['child']>;

/**
 * A UPN whose check letter is right and that no other call returns, so a search by UPN finds
 * exactly the child a test made.
 */
export function aUpn(): string {
  const body = `999${String(nextNumber('upn')).padStart(9, '0')}`;
  return `${upnCheckLetter(body)!}${body}`;
}

/**
 * A new child's details for a request: a surname and a UPN of its own, and a date of birth in the
 * past. Overrides win, so a test names the child when a name is what it tests.
 */
export function aChild(overrides: Partial<NewChildDetails> = {}): NewChildDetails {
  return {
    forename: 'Alex',
    surname: `Tester-${lettersFor(nextNumber('child'))}`,
    dateOfBirth: '2015-06-15',
    sex: 'F',
    upn: aUpn(),
    ...overrides,
  };
}
