// The page's rendering outside a request: the same partial pages include, through a Nunjucks
// environment set as the app's is (autoescape, trimmed blocks). Tests compare its text with the
// PDF's and the Word document's.
import nunjucks from 'nunjucks';
import { FEATURES_DIR } from '../../../web/views.ts';
import type { RenderedDocument } from './model.ts';

/** The partial, as a page template names it: it defines the macro `planDocument(document)`. */
export const PLAN_DOCUMENT_TEMPLATE = 'plans/templates/rendering/document.njk';

let environment: nunjucks.Environment | undefined;
let template: nunjucks.Template | undefined;

/** The document's page body as HTML: what `{{ planDocument(document) }}` puts on a page. */
export function documentHtml(document: RenderedDocument): string {
  environment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(FEATURES_DIR), { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  template ??= new nunjucks.Template(`{% from "${PLAN_DOCUMENT_TEMPLATE}" import planDocument %}{{ planDocument(document) }}`, environment);
  return template.render({ document });
}
