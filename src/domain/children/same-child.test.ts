import { describe, expect, it } from 'vitest';
import { sameChildReason } from './same-child.ts';

const held = { forename: 'Zoë', surname: 'O’Brien-Smith', dateOfBirth: '2015-07-03', upn: 'J930123420015' };

describe('whether a new child may be one already held', () => {
  it('DfE CBDS: the same UPN is the same child, whatever the name or case', () => {
    expect(sameChildReason({ forename: 'Someone', surname: 'Else', dateOfBirth: '2016-01-01', upn: 'j930123420015 ' }, held)).toBe('upn');
  });

  it('the same first and last name, ignoring case, accents, apostrophes and hyphens, born the same day', () => {
    expect(sameChildReason({ forename: 'ZOE', surname: 'obrien smith', dateOfBirth: '2015-07-03' }, held)).toBe('name-and-date-of-birth');
    expect(sameChildReason({ forename: 'zoe', surname: 'OBrienSmith', dateOfBirth: '2015-07-03', upn: 'A000000000001' }, held)).toBe('name-and-date-of-birth');
  });

  it('not a different day of birth, first name or last name', () => {
    expect(sameChildReason({ forename: 'Zoë', surname: 'O’Brien-Smith', dateOfBirth: '2015-07-04' }, held)).toBeUndefined();
    expect(sameChildReason({ forename: 'Zara', surname: 'O’Brien-Smith', dateOfBirth: '2015-07-03' }, held)).toBeUndefined();
    expect(sameChildReason({ forename: 'Zoë', surname: 'O’Brien', dateOfBirth: '2015-07-03' }, held)).toBeUndefined();
  });
});
