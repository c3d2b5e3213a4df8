import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chosenLanguage, loadCatalogue } from './i18n.ts';
import { FEATURES_DIR, LOCALES_DIR } from './views.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A locales folder and a features folder in a temporary directory, from a map of path to JSON. */
function tree(files: Record<string, unknown>): { locales: string; features: string } {
  const root = mkdtempSync(join(tmpdir(), 'i18n-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content));
  }
  mkdirSync(join(root, 'locales'), { recursive: true });
  mkdirSync(join(root, 'features'), { recursive: true });
  return { locales: join(root, 'locales'), features: join(root, 'features') };
}

const english = { language: { name: 'English', nativeName: 'English', dir: 'ltr' }, messages: { 'common.hello': 'Hello, {name}' } };
const welsh = { language: { name: 'Welsh', nativeName: 'Cymraeg', dir: 'ltr' }, messages: { 'common.hello': 'Helo, {name}' } };

describe('the portal’s languages', () => {
  it('every shipped language has the words of every English key, and reads in the direction it names', () => {
    const catalogue = loadCatalogue(LOCALES_DIR, FEATURES_DIR);
    const englishKeys = catalogue.keys('en').sort();
    expect(englishKeys.length).toBeGreaterThan(0);
    expect(catalogue.languages.map((language) => language.code)).toContain('ur');
    expect(catalogue.language('ur').dir).toBe('rtl');
    for (const language of catalogue.languages) {
      const missing = englishKeys.filter((key) => !catalogue.keys(language.code).includes(key));
      expect({ language: language.code, missing }).toEqual({ language: language.code, missing: [] });
      const extra = catalogue.keys(language.code).filter((key) => !englishKeys.includes(key));
      expect({ language: language.code, extra }).toEqual({ language: language.code, extra: [] });
    }
  });

  it('keeps every {placeholder} of the English text in each translation', () => {
    const catalogue = loadCatalogue(LOCALES_DIR, FEATURES_DIR);
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const language of catalogue.languages) {
      for (const key of catalogue.keys('en')) {
        expect({ key, language: language.code, names: placeholders(catalogue.translate(language.code, key)) }).toEqual({
          key,
          language: language.code,
          names: placeholders(catalogue.translate('en', key)),
        });
      }
    }
  });

  it('adds a language from its files alone, with a feature’s words beside the feature', () => {
    const dirs = tree({
      'locales/en.json': english,
      'locales/cy.json': welsh,
      'features/portal-family/locales/en.json': { 'portal-family.title': 'Your child' },
      'features/portal-family/locales/cy.json': { 'portal-family.title': 'Eich plentyn' },
    });
    const catalogue = loadCatalogue(dirs.locales, dirs.features);
    expect(catalogue.languages.map((language) => language.code)).toEqual(['en', 'cy']);
    expect(catalogue.translate('cy', 'portal-family.title')).toBe('Eich plentyn');
    expect(catalogue.translator('cy')('common.hello', { name: 'Amira' })).toBe('Helo, Amira');
  });

  it('falls back to English for a key a language lacks, and to English for an unknown language', () => {
    const dirs = tree({ 'locales/en.json': { ...english, messages: { ...english.messages, 'common.bye': 'Goodbye' } }, 'locales/cy.json': welsh });
    const catalogue = loadCatalogue(dirs.locales, dirs.features);
    expect(catalogue.translate('cy', 'common.bye')).toBe('Goodbye');
    expect(catalogue.translator('xx')('common.hello', { name: 'Sam' })).toBe('Hello, Sam');
    expect(chosenLanguage(catalogue, 'cy').code).toBe('cy');
    expect(chosenLanguage(catalogue, '../../etc/passwd').code).toBe('en');
    expect(chosenLanguage(catalogue, undefined).code).toBe('en');
  });

  it('isolates a value with digits in a right-to-left language, so a date or a reference keeps its order', () => {
    const dirs = tree({ 'locales/en.json': { ...english, messages: { 'common.until': 'Until {date}, {name}' } }, 'locales/ur.json': { language: { name: 'Urdu', nativeName: 'اردو', dir: 'rtl' }, messages: { 'common.until': '{name} {date} تک' } } });
    const catalogue = loadCatalogue(dirs.locales, dirs.features);
    expect(catalogue.translate('ur', 'common.until', { date: '10 December 2026', name: 'Yasmin' })).toBe('Yasmin \u206810 December 2026\u2069 تک');
    expect(catalogue.translate('en', 'common.until', { date: '10 December 2026', name: 'Yasmin' })).toBe('Until 10 December 2026, Yasmin');
  });

  it('leaves a placeholder it was not given, and throws for a key English does not have', () => {
    const dirs = tree({ 'locales/en.json': english });
    const catalogue = loadCatalogue(dirs.locales, dirs.features);
    expect(catalogue.translate('en', 'common.hello')).toBe('Hello, {name}');
    expect(() => catalogue.translate('en', 'common.nothing')).toThrow(/No text for "common.nothing"/);
  });

  it('refuses language files that are wrong, naming the file', () => {
    expect(() => loadCatalogue(tree({ 'locales/cy.json': welsh }).locales, tree({}).features)).toThrow(/no en.json/);
    const noName = tree({ 'locales/en.json': english, 'locales/cy.json': { messages: {} } });
    expect(() => loadCatalogue(noName.locales, noName.features)).toThrow(/cy.json must name its language/);
    const notJson = tree({ 'locales/en.json': english, 'locales/cy.json': '{ not json' });
    expect(() => loadCatalogue(notJson.locales, notJson.features)).toThrow(/cy.json is not valid JSON/);
    const badCode = tree({ 'locales/en.json': english, 'locales/Welsh language.json': welsh });
    expect(() => loadCatalogue(badCode.locales, badCode.features)).toThrow(/not named by a language code/);
    const twice = tree({ 'locales/en.json': english, 'features/portal-family/locales/en.json': { 'portal-family.a': 'A' }, 'features/other/locales/en.json': { 'portal-family.a': 'B' } });
    expect(() => loadCatalogue(twice.locales, twice.features)).toThrow(/must start with "other."/);
    const orphan = tree({ 'locales/en.json': english, 'features/portal-family/locales/fr.json': { 'portal-family.a': 'A' } });
    expect(() => loadCatalogue(orphan.locales, orphan.features)).toThrow(/no fr.json/);
    const notText = tree({ 'locales/en.json': { ...english, messages: { 'common.n': 3 } } });
    expect(() => loadCatalogue(notText.locales, notText.features)).toThrow(/"common.n" whose text is not a string/);
  });
});
