import { describe, expect, it } from 'vitest';
import { checkUpn } from '../../domain/children/upn.ts';
import { aChild, aUpn } from './children.ts';
import { lettersFor } from './sequence.ts';

describe('aChild', () => {
  it('gives every call a valid UPN and a surname of its own', () => {
    const children = Array.from({ length: 200 }, () => aChild());
    expect(children.filter((child) => !checkUpn(child.upn!).valid)).toEqual([]);
    expect(new Set(children.map((child) => child.upn)).size).toBe(children.length);
    expect(new Set(children.map((child) => child.surname)).size).toBe(children.length);
  });

  it('lets the test name what it cares about', () => {
    expect(aChild({ forename: 'Zoë', upn: undefined })).toMatchObject({ forename: 'Zoë', upn: undefined, dateOfBirth: '2015-06-15' });
  });

  it('makes UPNs that never repeat', () => {
    const upns = Array.from({ length: 1000 }, aUpn);
    expect(new Set(upns).size).toBe(upns.length);
  });
});

describe('lettersFor', () => {
  it('counts in letters as spreadsheet columns do', () => {
    expect([1, 2, 26, 27, 52, 703].map(lettersFor)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
