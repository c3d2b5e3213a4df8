import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainEnglishProblems, sentencesOf, wordCount } from './plain-english.ts';
import { FEATURES_DIR, LOCALES_DIR } from './views.ts';

const shared = (JSON.parse(readFileSync(join(LOCALES_DIR, 'en.json'), 'utf8')) as { messages: Record<string, string> }).messages;
const featureFiles = readdirSync(FEATURES_DIR)
  .map((feature) => ({ feature, path: join(FEATURES_DIR, feature, 'locales', 'en.json') }))
  .filter(({ path }) => existsSync(path));

describe('plain English on the portal', () => {
  it('the shared words are plain English', () => {
    expect(plainEnglishProblems(shared)).toEqual([]);
  });

  it.each(featureFiles.length ? featureFiles : [{ feature: '(none yet)', path: '' }])('the English words of $feature are plain English: short sentences, no officialese, jargon explained', ({ path }) => {
    if (!path) return;
    const texts = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    expect(plainEnglishProblems({ ...shared, ...texts })).toEqual([]);
  });

  it('counts a sentence’s words, a placeholder as one', () => {
    expect(sentencesOf('The draft is ready. Send your comments by {date}!')).toEqual(['The draft is ready.', 'Send your comments by X!']);
    expect(wordCount('Send your comments by X!')).toBe(5);
    expect(wordCount('— 12 March —')).toBe(2);
  });

  it('finds a long sentence, officialese and unexplained jargon, and accepts jargon the pages explain', () => {
    const long = Array.from({ length: 26 }, () => 'word').join(' ');
    expect(plainEnglishProblems({ a: `${long}.` }).map((problem) => problem.why)).toEqual([expect.stringMatching(/a sentence of 26 words/)]);
    expect(plainEnglishProblems({ a: 'Please commence the form prior to Friday.' }).map((problem) => problem.why)).toEqual(['"commence": say "start"', '"prior to": say "before"']);
    expect(plainEnglishProblems({ a: 'Your EHC plan is ready.' }).map((problem) => problem.why)).toEqual([expect.stringMatching(/"EHC" is not explained/)]);
    expect(plainEnglishProblems({ a: 'Your EHC plan is ready.', b: 'An EHC plan is an education, health and care plan.' })).toEqual([]);
    // "send" the verb is not the acronym SEND.
    expect(plainEnglishProblems({ a: 'Send your comments.' })).toEqual([]);
  });
});
