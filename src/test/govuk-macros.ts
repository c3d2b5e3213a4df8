// Test support: GOV.UK Frontend's own macros, to hold markup written in code to the design system's.
import nunjucks from 'nunjucks';
import { GOVUK_FRONTEND_DIR } from '../web/views.ts';

export const govukEnvironment = new nunjucks.Environment(new nunjucks.FileSystemLoader(GOVUK_FRONTEND_DIR), { autoescape: true });
export const macro = (component: string, name: string, params: unknown) =>
  govukEnvironment.renderString(`{% from "govuk/components/${component}/macro.njk" import ${name} %}{{ ${name}(params) }}`, { params });
export const normalise = (html: string) => html.replace(/\s+/g, ' ').replace(/>\s+</g, '><').replace(/>\s+/g, '>').replace(/\s+</g, '<').trim();

export const AWKWARD = `O'Brien & <Sons> "quoted" \\ back`;
