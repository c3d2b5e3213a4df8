// The page's rendering of a plan: the partial pages include, through the app's Nunjucks settings.
// Its text must be the document's words in order (the PDF and the Word document are held to the
// same), and its markup the accessible structure the GOV.UK patterns give.
import { describe, expect, it } from 'vitest';
import { FULL_PLAN } from './fixtures.ts';
import { documentHtml } from './html.ts';
import { documentWords, type RenderedDocument } from './model.ts';
import { htmlWords } from './text-of.ts';

const html = documentHtml(FULL_PLAN);

describe('the page’s rendering of a plan', () => {
  it('says the document’s words, in order, and nothing else', () => {
    expect(htmlWords(html)).toEqual(documentWords(FULL_PLAN));
  });

  it('has one h1, the status under it, an h2 with its anchor for each section and an h3 for each subheading', () => {
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<h1 class="govuk-heading-xl" dir="auto">Education, health and care plan for Zofia Wójcik</h1>');
    expect(html).toContain('<p class="govuk-body-l app-plan-document__status">Final, version 3, issued 1 December 2026</p>');
    const sections = [...html.matchAll(/<h2 class="govuk-heading-l" id="([^"]+)">/g)].map((match) => match[1]);
    expect(sections).toEqual(FULL_PLAN.sections.map((section) => section.id));
    expect(html).toContain('<h3 class="govuk-heading-m" dir="auto" id="need-1">Communication and interaction: developmental language disorder</h3>');
    expect(html).toContain('<h3 class="govuk-heading-m" dir="auto">Zofia’s views, in her own words</h3>');
    expect(html).toContain('lang="en-GB"');
  });

  it('shows facts as a summary list, the values people wrote in their own direction', () => {
    expect(html).toContain('<dt class="govuk-summary-list__key">Parents</dt>');
    expect(html).toContain('<dd class="govuk-summary-list__value" dir="auto">Agnieszka Wójcik and Imran Qureshi (عمران قریشی)</dd>');
  });

  it('gives each table a caption, column headers, a row header for each row and the rows’ anchors', () => {
    expect(html.match(/<caption /g)).toHaveLength(3);
    expect(html).toContain('<caption class="govuk-table__caption govuk-table__caption--m">Special educational provision</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(7 + 4 + 3);
    expect(html.match(/<th scope="row"/g)).toHaveLength(40 + 2 + 6);
    expect(html.match(/<tr class="govuk-table__row" id="provision-\d+">/g)).toHaveLength(40);
    expect(html).toContain('<tr class="govuk-table__row" id="provision-40">');
    // A cell's line breaks are kept.
    expect(html).toContain('<td class="govuk-table__cell" dir="auto">Need 1<br />\nOutcome 1</td>');
  });

  it('escapes what people wrote: text stays text', () => {
    const hostile: RenderedDocument = {
      title: 'Plan for <script>alert(1)</script>',
      language: 'en-GB',
      status: 'Draft & "quoted"',
      facts: [{ label: 'Name', value: '<b>Bold</b>\nline' }],
      sections: [
        {
          id: 'section-a',
          heading: 'Section A',
          blocks: [
            { kind: 'paragraph', text: '<img src=x onerror=alert(1)>' },
            { kind: 'list', items: ['<li>item</li>'] },
            { kind: 'table', caption: '<i>c</i>', columns: ['<u>What</u>'], rows: [['<a href="x">a</a>']], rowIds: ['"><script>'] },
          ],
        },
      ],
    };
    const markup = documentHtml(hostile);
    expect(markup).not.toMatch(/<(script|b>|img|li>item|i>|u>|a )/);
    expect(markup).toContain('Plan for &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markup).toContain('&lt;b&gt;Bold&lt;/b&gt;<br />\nline');
    expect(markup).toContain('id="&quot;&gt;&lt;script&gt;"');
    expect(htmlWords(markup)).toEqual(documentWords(hostile));
  });
});
