import nunjucks from 'nunjucks';
import type { TrustedHtml } from './govuk-markup.ts';
import { macroName } from './govuk-macros.ts';

// GOV.UK Frontend macros are pure: the same parameters always give the same markup. The layout
// calls the same few (skip link, header, service navigation, pagination) with the same few
// parameter sets on every page, and running them through Nunjucks cost more than the rest of
// the layout. This renders each distinct call once and keeps the markup. Only for calls whose
// parameters repeat: the cache is bounded, and per-request values (a CSRF token) must not be in
// the parameters (see serviceNavigation in views.ts).
const MAX_ENTRIES = 2000;


export function componentRenderer(env: nunjucks.Environment) {
  const cache = new Map<string, TrustedHtml>();
  const templates = new Map<string, nunjucks.Template>();
  return function govukComponent(component: string, params: unknown): TrustedHtml {
    if (!/^[a-z-]+$/.test(component)) throw new Error(`Not a GOV.UK component name: ${component}`);
    const key = `${component}\u0000${JSON.stringify(params)}`;
    let html = cache.get(key);
    if (html === undefined) {
      let template = templates.get(component);
      if (!template) {
        const name = macroName(component);
        template = new nunjucks.Template(`{% from "govuk/components/${component}/macro.njk" import ${name} %}{{ ${name}(params) }}`, env);
        templates.set(component, template);
      }
      html = new nunjucks.runtime.SafeString(template.render({ params })) as TrustedHtml;
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, html);
    }
    return html;
  };
}
