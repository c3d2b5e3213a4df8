// The template language of letters: mustache, held to escaped fields only. A template is plain
// text with {{field}} where a value goes; every other kind of tag (sections, conditions, partials,
// unescaped output, comments, changed delimiters) is refused, and so is any field the letter does
// not have and any HTML markup. What an administrator saves can therefore only ever put the case's
// values, escaped, into the council's words: it cannot run code or add markup.
import Mustache from 'mustache';
import { ValidationError, type FieldProblem } from '../../lib/errors.ts';

export interface LetterTemplateText {
  subject: string;
  body: string;
}

/** A field a template may use: its name, what it holds, and an example value. */
export interface TemplateField {
  name: string;
  description: string;
  example: string;
}

export const MAX_SUBJECT_LENGTH = 200;
export const MAX_BODY_LENGTH = 20_000;

// A writer without a cache: previews of text being typed would otherwise each stay in memory.
const writer = new Mustache.Writer();
(writer as { templateCache?: unknown }).templateCache = undefined;

type Token = [string, string, number, number, ...unknown[]];

/** What each refused kind of tag is, in words an administrator acts on. */
const REFUSED_TAGS: Record<string, (value: string) => string> = {
  '#': (value) => `{{#${value}}}: sections and conditions are not allowed, only fields such as {{childName}}`,
  '^': (value) => `{{^${value}}}: sections and conditions are not allowed, only fields such as {{childName}}`,
  '/': (value) => `{{/${value}}}: sections and conditions are not allowed, only fields such as {{childName}}`,
  '>': (value) => `{{>${value}}}: other templates cannot be included, only fields such as {{childName}}`,
  '&': (value) => `{{{${value}}}}: a field must be written {{${value}}}, so that its value is shown as text`,
  '!': () => 'a comment ({{! … }}): delete it',
  '=': () => 'a change of the {{ }} braces: fields are always written {{fieldName}}',
};

/** `<` then a letter, `/`, `!` or `?`: the start of an HTML tag, comment or instruction. */
const MARKUP = /<[A-Za-z/!?]/;
/** Control characters other than the line break and tab. */
const CONTROL = /[\p{Cc}\p{Cf}]/u;
const NOT_IN_BODY = /[^\n\t]/;

const partName = (part: 'subject' | 'body') => (part === 'subject' ? 'The subject' : 'The template');

/** The same text with Windows and old Mac line endings made \n. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function controlProblem(text: string, part: 'subject' | 'body'): string | undefined {
  for (const character of text) {
    if (!CONTROL.test(character)) continue;
    if (part === 'body' && !NOT_IN_BODY.test(character)) continue;
    if (part === 'subject' && character === '\n') return 'The subject must be one line';
    return `${partName(part)} contains a character that is not allowed (U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  }
  return undefined;
}

function markupProblem(text: string, part: 'subject' | 'body'): string | undefined {
  const found = MARKUP.exec(text);
  if (!found) return undefined;
  const rest = text.slice(found.index);
  const end = rest.indexOf('>');
  const snippet = end >= 0 && end < 40 ? rest.slice(0, end + 1) : `${rest.slice(0, 20)}…`;
  return `${partName(part)} must be plain text, without HTML: remove “${snippet}”. Leave a blank line between paragraphs instead`;
}

/** The tokens of a template as mustache reads it, or why it cannot be read. */
function tokensOf(text: string, part: 'subject' | 'body'): { tokens?: Token[]; problem?: string } {
  try {
    return { tokens: writer.parse(text) as Token[] };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (message.startsWith('Unclosed tag')) return { problem: `${partName(part)} has a {{ without a closing }}: write each field as {{fieldName}}` };
    const section = /^(Unopened|Unclosed) section "([^"]*)"/.exec(message);
    if (section) return { problem: `${partName(part)} uses ${section[1] === 'Unopened' ? `{{/${section[2]}}}` : `{{#${section[2]}}}`}: sections and conditions are not allowed, only fields such as {{childName}}` };
    return { problem: `${partName(part)} could not be read: write each field as {{fieldName}}` };
  }
}

/** The closest allowed name, if one is near enough to be the one meant. */
function nearest(name: string, allowed: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** What is wrong with one part of a template (its subject or body), if anything. */
function partProblems(raw: string, part: 'subject' | 'body', allowed: readonly string[]): string[] {
  const text = part === 'body' ? normaliseLineEndings(raw) : raw;
  if (text.trim() === '') return [part === 'subject' ? 'Enter the subject' : 'Enter the words of the letter'];
  const limit = part === 'subject' ? MAX_SUBJECT_LENGTH : MAX_BODY_LENGTH;
  if (text.length > limit) return [`${partName(part)} must be ${limit.toLocaleString('en-GB')} characters or fewer`];
  const control = controlProblem(text, part);
  if (control) return [control];
  const problems: string[] = [];
  const markup = markupProblem(text, part);
  if (markup) problems.push(markup);
  const { tokens, problem } = tokensOf(text, part);
  if (problem) return [...problems, problem];
  const reported = new Set<string>();
  for (const [type, value] of tokens!) {
    if (type === 'text') continue;
    if (type === 'name') {
      if (allowed.includes(value) || reported.has(value)) continue;
      reported.add(value);
      if (value === '') {
        problems.push(`${partName(part)} has {{ }} with no field in it: write the field’s name between the braces`);
        continue;
      }
      const suggestion = nearest(value, allowed);
      problems.push(`${partName(part)} uses {{${value}}}, which is not a field of this letter${suggestion ? `. Did you mean {{${suggestion}}}?` : ''}`);
      continue;
    }
    const refused = REFUSED_TAGS[type];
    problems.push(`${partName(part)} uses ${refused ? refused(value) : `{{${type}${value}}}, which is not allowed`}`);
  }
  return problems;
}

/**
 * Every problem with a template: a missing or over-long subject or body, markup, a tag other than a
 * field, a field the letter does not have. Each problem names the part it is in.
 */
export function templateProblems(template: LetterTemplateText, allowed: readonly string[]): FieldProblem[] {
  return [
    ...partProblems(template.subject, 'subject', allowed).map((message) => ({ field: 'subject', message })),
    ...partProblems(template.body, 'body', allowed).map((message) => ({ field: 'body', message })),
  ];
}

/** Refuses a template with any problem (ValidationError), or answers it as it will be kept. */
export function checkTemplate(template: LetterTemplateText, allowed: readonly string[]): LetterTemplateText {
  const problems = templateProblems(template, allowed);
  if (problems.length > 0) throw new ValidationError(problems);
  return { subject: template.subject.trim(), body: normaliseLineEndings(template.body).replace(/\s+$/, '') };
}

/** The fields a template uses, in the order it first uses them. */
export function fieldsUsed(template: LetterTemplateText): string[] {
  const used = new Set<string>();
  for (const text of [template.subject, normaliseLineEndings(template.body)]) {
    for (const [type, value] of (tokensOf(text, 'body').tokens ?? []) as Token[]) if (type === 'name') used.add(value);
  }
  return [...used];
}

// The few templates in use are parsed once each, not for every letter: bounded, as previews pass
// through here too.
const parsedTemplates = new Map<string, Token[]>();
function cachedTokens(text: string, part: 'subject' | 'body'): Token[] | undefined {
  let tokens = parsedTemplates.get(text);
  if (tokens === undefined) {
    tokens = tokensOf(text, part).tokens;
    if (tokens === undefined) return undefined;
    if (parsedTemplates.size >= 200) parsedTemplates.clear();
    parsedTemplates.set(text, tokens);
  }
  return tokens;
}

/**
 * The letter a template makes with the values given: its subject and its words as plain text (the
 * HTML is made from the text, escaped: see letter-text.ts). Refused (ValidationError) when a field
 * it uses has no value; `missing` says in words what is missing.
 */
export function renderTemplate(
  template: LetterTemplateText,
  values: Readonly<Record<string, string | undefined>>,
  missing: (field: string) => string = (field) => `The letter uses {{${field}}}, which was not given`,
): { subject: string; text: string } {
  const subjectTokens = cachedTokens(template.subject, 'subject');
  const bodyTokens = cachedTokens(normaliseLineEndings(template.body), 'body');
  if (!subjectTokens || !bodyTokens) throw new ValidationError([{ field: 'template', message: 'The letter’s template cannot be read: an administrator should correct it' }]);
  const problems: FieldProblem[] = [];
  const valueOf = (name: string): string => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined || value.trim() === '') {
      if (!problems.some((problem) => problem.field === name)) problems.push({ field: name, message: missing(name) });
      return '';
    }
    return normaliseLineEndings(value.trim());
  };
  const fill = (tokens: Token[]) =>
    tokens
      .map(([type, value]) => {
        if (type === 'text') return value;
        if (type === 'name') return valueOf(value);
        // A template is checked before it is kept; one that holds anything else is never filled.
        throw new ValidationError([{ field: 'template', message: 'The letter’s template uses a tag that is not allowed: an administrator should correct it' }]);
      })
      .join('');
  const subject = fill(subjectTokens).replace(/\s+/g, ' ').trim();
  const text = fill(bodyTokens).replace(/\s+$/, '');
  if (problems.length > 0) throw new ValidationError(problems);
  return { subject, text };
}
