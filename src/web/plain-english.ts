// Plain English for the portal's words to families, schools and advice givers: short sentences,
// no officialese, and no jargon unless the same pages explain it. The rules follow the GOV.UK
// content design guidance (sentences of 25 words or fewer; "words to avoid"); the checks run over
// every English text of the portal's language files (src/web/plain-english.test.ts).

/** The longest sentence allowed, in words (GOV.UK content design: "25 words or fewer"). */
export const MAX_SENTENCE_WORDS = 25;

/** Officialese and its plain word. */
export const WORDS_TO_AVOID: Readonly<Record<string, string>> = {
  aforementioned: 'this, that',
  commence: 'start',
  facilitate: 'help',
  forthwith: 'now',
  herein: 'here',
  hereby: '(leave it out)',
  'in accordance with': 'under, as',
  'in order to': 'to',
  notwithstanding: 'even if',
  'prior to': 'before',
  pursuant: 'under',
  'subsequent to': 'after',
  utilise: 'use',
  whilst: 'while',
};

/**
 * Terms a family may not know. A set of pages that uses one must explain it somewhere: its
 * explanation (any of the phrases) appears in the same set's texts.
 */
export const JARGON: Readonly<Record<string, readonly string[]>> = {
  EHC: ['education, health and care'],
  EHCP: ['education, health and care'],
  SENCo: ['special educational needs co-ordinator', 'special educational needs coordinator'],
  SEND: ['special educational needs and disabilities'],
  SEN2: ['return to the Department for Education'],
  tribunal: ['independent', 'First-tier Tribunal'],
  URN: ['unique reference number'],
  TOTP: ['authenticator app'],
};

export interface PlainEnglishProblem {
  key: string;
  text: string;
  why: string;
}

const PLACEHOLDER = /\{\w+\}/g;

/** The sentences of a text: split after . ! ? (a placeholder counts as one word). */
export function sentencesOf(text: string): string[] {
  return text
    .replace(PLACEHOLDER, 'X')
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

export function wordCount(sentence: string): number {
  return sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

const wholeWord = (term: string) => new RegExp(`(^|[^\\p{L}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'iu');
const wholeWordCased = (term: string) => new RegExp(`(^|[^\\p{L}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');

/** The problems of one set of texts (a feature's or the shared words), key to English text. */
export function plainEnglishProblems(texts: Readonly<Record<string, string>>): PlainEnglishProblem[] {
  const problems: PlainEnglishProblem[] = [];
  const everything = Object.values(texts).join('\n').toLowerCase();
  for (const [key, text] of Object.entries(texts)) {
    for (const sentence of sentencesOf(text)) {
      const words = wordCount(sentence);
      if (words > MAX_SENTENCE_WORDS) problems.push({ key, text, why: `a sentence of ${words} words (at most ${MAX_SENTENCE_WORDS}): "${sentence}"` });
    }
    for (const [avoid, plain] of Object.entries(WORDS_TO_AVOID)) {
      if (wholeWord(avoid).test(text)) problems.push({ key, text, why: `"${avoid}": say "${plain}"` });
    }
    for (const [term, explanations] of Object.entries(JARGON)) {
      // Acronyms are matched as written (SEND, not "send"); words in any case.
      const pattern = term === term.toUpperCase() || /[A-Z]/.test(term.slice(1)) ? wholeWordCased(term) : wholeWord(term);
      if (pattern.test(text) && !explanations.some((explanation) => everything.includes(explanation.toLowerCase()))) {
        problems.push({ key, text, why: `"${term}" is not explained on these pages (say "${explanations[0]}" where it first appears)` });
      }
    }
  }
  return problems;
}
