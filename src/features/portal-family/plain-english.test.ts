import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The family pages' English words, held to plain English: short sentences, and the service's own
// terms explained where a family first meets them.
const ENGLISH = JSON.parse(readFileSync(join(import.meta.dirname, 'locales', 'en.json'), 'utf8')) as Record<string, string>;
const AUTH_ENGLISH = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'portal-auth', 'locales', 'en.json'), 'utf8')) as Record<string, string>;
const ALL = { ...ENGLISH, ...AUTH_ENGLISH };

describe('the family pages’ words', () => {
  it('explain "EHC plan" and "URN" where the family meets them, and use none of the officers’ words for the process', () => {
    expect(ENGLISH['portal-family.case.planAbout']).toMatch(/education, health and care \(EHC\) plan says what help/);
    expect(ENGLISH['portal-family.school.urnHint']).toMatch(/The URN \(unique reference number\) is the school’s 6-digit number/);
    const jargon = /\b(statutory|representations?|reg\.|regulation|s\.\d|CFA|SEN2|caseload|Section [A-K]\b)/i;
    expect(Object.entries(ALL).filter(([, text]) => jargon.test(text)).map(([key]) => key)).toEqual([]);
  });
});
