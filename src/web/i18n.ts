import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

// The words of the portal's pages for families, in English and in each language a council adds.
//
// A language is added from files, without code: `src/locales/<code>.json` names it (its name in
// English and in itself, and whether it reads right to left) and holds the words every portal page
// shares; each feature's `locales/<code>.json` holds its own pages' words. Keys are flat and start
// with the feature's name ("portal-family.case.nextStep"). A key missing from a language falls back
// to English, so a partly translated language still works; `npm test` holds every shipped language
// complete (src/web/i18n.test.ts).

export interface Language {
  /** BCP 47 code, as the page's `lang` attribute takes it: "en", "ur". */
  code: string;
  /** The language's name in English, for staff pages. */
  name: string;
  /** The language's name in itself, for the language switcher. */
  nativeName: string;
  dir: 'ltr' | 'rtl';
}

export const DEFAULT_LANGUAGE = 'en';
/** The cookie holding the language a person chose on the portal (not sensitive: a preference). */
export const LANGUAGE_COOKIE = 'casework_language';

export type TranslationParams = Record<string, string | number>;
export type Translate = (key: string, params?: TranslationParams) => string;

interface LanguageFile {
  language: Omit<Language, 'code'>;
  messages: Record<string, string>;
}

const CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`The language file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function messagesOf(path: string, value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`The language file ${path} must hold an object of key to text.`);
  for (const [key, text] of Object.entries(value)) {
    if (typeof text !== 'string') throw new Error(`The language file ${path} has a key "${key}" whose text is not a string.`);
  }
  return value as Record<string, string>;
}

export class Catalogue {
  readonly languages: readonly Language[];
  private readonly byCode: Map<string, Language>;
  private readonly messages: Map<string, Map<string, string>>;

  constructor(languages: Language[], messages: Map<string, Map<string, string>>) {
    this.messages = messages;
    // English first, then the others by their English name.
    this.languages = [...languages].sort((a, b) => (a.code === DEFAULT_LANGUAGE ? -1 : b.code === DEFAULT_LANGUAGE ? 1 : a.name.localeCompare(b.name)));
    this.byCode = new Map(languages.map((language) => [language.code, language]));
  }

  language(code: string | undefined): Language {
    return (code && this.byCode.get(code)) || this.byCode.get(DEFAULT_LANGUAGE)!;
  }

  has(code: string | undefined): boolean {
    return !!code && this.byCode.has(code);
  }

  keys(code: string): string[] {
    return [...(this.messages.get(code)?.keys() ?? [])];
  }

  /** The text for the key in the language, English where the language lacks it, with {name} filled in. */
  translate(code: string, key: string, params?: TranslationParams): string {
    const text = this.messages.get(code)?.get(key) ?? this.messages.get(DEFAULT_LANGUAGE)?.get(key);
    if (text === undefined) throw new Error(`No text for "${key}" in English.`);
    if (!params) return text;
    // In a right-to-left language, a value with digits (a date, a reference) is isolated as its own
    // run (Unicode FSI ... PDI), or the bidirectional algorithm reorders it: "999-EHC-2026-00122"
    // would read "EHC-2026-00122-999", "10 December 2026" "December 2026 10".
    const isolate = this.byCode.get(code)?.dir === 'rtl';
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      if (!(name in params)) return whole;
      const value = String(params[name]);
      return isolate && /\d/.test(value) ? `\u2068${value}\u2069` : value;
    });
  }

  translator(code: string): Translate {
    const language = this.language(code).code;
    return (key, params) => this.translate(language, key, params);
  }
}

/**
 * Reads the languages from `localesDir/<code>.json` and each feature's words from
 * `featuresDir/<feature>/locales/<code>.json`. A feature file for a language not named in
 * localesDir, or a key given twice, is a mistake and stops the service from starting.
 */
export function loadCatalogue(localesDir: string, featuresDir: string): Catalogue {
  const languages: Language[] = [];
  const messages = new Map<string, Map<string, string>>();
  const sources = new Map<string, Map<string, string>>();
  const add = (code: string, path: string, entries: Record<string, string>) => {
    const into = messages.get(code)!;
    const from = sources.get(code)!;
    for (const [key, text] of Object.entries(entries)) {
      if (into.has(key)) throw new Error(`The key "${key}" is in both ${from.get(key)} and ${path}.`);
      into.set(key, text);
      from.set(key, path);
    }
  };

  for (const file of readdirSync(localesDir).filter((name) => name.endsWith('.json')).sort()) {
    const code = basename(file, '.json');
    const path = join(localesDir, file);
    if (!CODE.test(code)) throw new Error(`The language file ${path} is not named by a language code (en.json, ur.json).`);
    const parsed = readJson(path) as Partial<LanguageFile>;
    const language = parsed.language;
    if (!language || typeof language.name !== 'string' || typeof language.nativeName !== 'string' || (language.dir !== 'ltr' && language.dir !== 'rtl')) {
      throw new Error(`The language file ${path} must name its language: { "language": { "name", "nativeName", "dir": "ltr" or "rtl" }, "messages": {...} }.`);
    }
    languages.push({ code, name: language.name, nativeName: language.nativeName, dir: language.dir });
    messages.set(code, new Map());
    sources.set(code, new Map());
    add(code, path, messagesOf(path, parsed.messages ?? {}));
  }
  if (!messages.has(DEFAULT_LANGUAGE)) throw new Error(`${localesDir} has no ${DEFAULT_LANGUAGE}.json: English is the language every other falls back to.`);

  for (const feature of readdirSync(featuresDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
    const dir = join(featuresDir, feature, 'locales');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
      const code = basename(file, '.json');
      const path = join(dir, file);
      if (!messages.has(code)) throw new Error(`${path} is for a language with no ${code}.json in ${localesDir}.`);
      const entries = messagesOf(path, readJson(path));
      for (const key of Object.keys(entries)) {
        if (!key.startsWith(`${feature}.`)) throw new Error(`The key "${key}" in ${path} must start with "${feature}."`);
      }
      add(code, path, entries);
    }
  }
  return new Catalogue(languages, messages);
}

/** The language a request asks for: a known code from the cookie, otherwise English. */
export function chosenLanguage(catalogue: Catalogue, cookieValue: string | undefined): Language {
  return catalogue.language(catalogue.has(cookieValue) ? cookieValue : DEFAULT_LANGUAGE);
}
