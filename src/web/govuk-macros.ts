import type nunjucks from 'nunjucks';

// The GOV.UK Frontend macros the templates call, each loaded once when the views start and then
// offered to every template as a global (`{{ govukInput({...}) }}`). A template that imports a
// macro file (`{% from ... import %}`) runs that file again on every render: a tenth of a page's
// time on the pages that did it (ADR 0006).
export const GOVUK_MACROS = [
  'back-link',
  'button',
  'checkboxes',
  'date-input',
  'details',
  'error-summary',
  'fieldset',
  'file-upload',
  'input',
  'inset-text',
  'notification-banner',
  'panel',
  'password-input',
  'radios',
  'select',
  'summary-list',
  'table',
  'tag',
  'textarea',
  'warning-text',
] as const;

export const macroName = (component: string) => `govuk${component.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase())}`;

/** Nunjucks' way to run a template for its exports (its types do not declare it). */
interface ExportingTemplate {
  getExported(callback: (error: unknown, exports: unknown) => void): void;
}

/** Loads each macro file once and registers its macro as a global of the environment. */
export function registerGovukMacros(env: nunjucks.Environment, components: readonly string[] = GOVUK_MACROS): void {
  for (const component of components) {
    const name = macroName(component);
    let exported: Record<string, unknown> | undefined;
    let failure: unknown;
    // The file loader is synchronous, so the exports arrive before getExported returns.
    const template = env.getTemplate(`govuk/components/${component}/macro.njk`) as nunjucks.Template & ExportingTemplate;
    template.getExported((error: unknown, exports: unknown) => {
      failure = error;
      exported = exports as Record<string, unknown>;
    });
    if (failure || typeof exported?.[name] !== 'function') throw new Error(`GOV.UK Frontend has no ${name} macro in govuk/components/${component}`, { cause: failure });
    env.addGlobal(name, exported[name]);
  }
}
