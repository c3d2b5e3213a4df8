import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, as alphagov/govuk-frontend tests its components. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

// Every rule with those tags runs on the whole document, as before; only violations are wanted, so
// axe does not gather the details of every element that passed (its `resultTypes`).
const OPTIONS = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };

/**
 * axe-core's own axe.run in the page, put into each frame of it once per document; axe reaches
 * the same-origin frames from the top one. (@axe-core/playwright put axe into the page for every
 * check, then opened a blank page, put axe into that too and finished the check there: most of a
 * journey's time, for the same rules on the same document.)
 */
const CONFIGURE = `axe.configure({ allowedOrigins: ['<same_origin>'] })`;
const RUN_AXE = `axe.run(document, ${JSON.stringify(OPTIONS)}).then((results) => results.violations.map((violation) => ({
  id: violation.id,
  impact: violation.impact,
  nodes: violation.nodes.map((node) => node.target.join(' ')),
})))`;

export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    if (await frame.evaluate<boolean>('typeof window.axe === "object"')) continue;
    await frame.evaluate(axe.source);
    await frame.evaluate(CONFIGURE);
  }
  const summary = await page.evaluate<{ id: string; impact: string | null; nodes: string[] }[]>(RUN_AXE);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
