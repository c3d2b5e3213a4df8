import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { GOVUK_MACROS, macroName, registerGovukMacros } from './govuk-macros.ts';
import { GOVUK_FRONTEND_DIR } from './views.ts';

const environment = () => new nunjucks.Environment(new nunjucks.FileSystemLoader(GOVUK_FRONTEND_DIR), { autoescape: true });

describe('GOV.UK macros registered once at start', () => {
  it('give a template exactly what importing the macro gives, escaping included', () => {
    const registered = environment();
    registerGovukMacros(registered);
    const imported = environment();
    const params = { label: { text: 'Child’s name & <script>' }, id: 'name', name: 'name', value: '"O\'Brien" <b>' };
    expect(registered.renderString('{{ govukInput(params) }}', { params })).toBe(
      imported.renderString('{% from "govuk/components/input/macro.njk" import govukInput %}{{ govukInput(params) }}', { params }),
    );
  });

  it('are every macro the templates call, each a function', () => {
    const registered = environment();
    registerGovukMacros(registered);
    for (const component of GOVUK_MACROS) expect(typeof registered.getGlobal(macroName(component))).toBe('function');
  });

  it('refuse a component GOV.UK Frontend does not have', () => {
    expect(() => registerGovukMacros(environment(), ['no-such-thing'])).toThrow();
  });

  it('are what the templates use: no template imports a macro file per render', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const templates = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? templates(join(dir, entry.name)) : entry.name.endsWith('.njk') ? [join(dir, entry.name)] : []));
    const root = join(import.meta.dirname, '..');
    const offenders = [...templates(join(root, 'views')), ...templates(join(root, 'features'))].filter((file) => /\{%\s*from\s+"govuk\//.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
