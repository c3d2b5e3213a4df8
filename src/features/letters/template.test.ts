// The template language: mustache held to escaped fields only. Everything that is not a known
// field, or is markup, is refused with a message that says what to change; a value is text, never
// markup, wherever it ends up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.ts';
import { letterBlocks, letterHtml, notifyText } from './letter-text.ts';
import { checkTemplate, fieldsUsed, renderTemplate, templateProblems } from './template.ts';

const FIELDS = ['childName', 'recipientName', 'caseReference', 'reasons'];
const body = (text: string) => templateProblems({ subject: 'About {{childName}}', body: text }, FIELDS);
const messages = (text: string) => body(text).map((problem) => problem.message);

describe('checking a template', () => {
  it('accepts plain text with known fields, spaces inside the braces allowed', () => {
    expect(body('Dear {{recipientName}},\n\nWe write about {{ childName }} ({{caseReference}}).')).toEqual([]);
    expect(checkTemplate({ subject: '  Hello {{childName}} ', body: 'Dear {{recipientName}},\r\n\r\nText.\n\n\n' }, FIELDS)).toEqual({
      subject: 'Hello {{childName}}',
      body: 'Dear {{recipientName}},\n\nText.',
    });
  });

  it('names a field the letter does not have, and the one probably meant', () => {
    expect(messages('Dear {{childNme}}')).toEqual(['The template uses {{childNme}}, which is not a field of this letter. Did you mean {{childName}}?']);
    expect(messages('{{favouriteColour}}')).toEqual(['The template uses {{favouriteColour}}, which is not a field of this letter']);
    expect(templateProblems({ subject: 'About {{child}}', body: 'Text' }, FIELDS)).toEqual([
      { field: 'subject', message: 'The subject uses {{child}}, which is not a field of this letter' },
    ]);
    // Each unknown field once, however often it is used.
    expect(messages('{{nope}} {{nope}}')).toHaveLength(1);
    // Not a way into the prototype of anything.
    expect(messages('{{constructor}} {{__proto__}}')).toHaveLength(2);
  });

  it.each([
    ['a section', '{{#reasons}}Because {{reasons}}{{/reasons}}', 'sections and conditions are not allowed'],
    ['an inverted section', '{{^reasons}}No reasons{{/reasons}}', 'sections and conditions are not allowed'],
    ['a section never closed', '{{#reasons}} text', 'sections and conditions are not allowed'],
    ['a section never opened', 'text {{/reasons}}', 'sections and conditions are not allowed'],
    ['a partial', '{{> footer}}', 'other templates cannot be included'],
    ['an unescaped field in triple braces', '{{{childName}}}', 'a field must be written {{childName}}, so that its value is shown as text'],
    ['an unescaped field with &', '{{& childName}}', 'a field must be written {{childName}}'],
    ['a comment', '{{! a note to self }}', 'a comment'],
    ['a change of delimiters', '{{=<% %>=}} <% childName %>', 'a change of the {{ }} braces'],
    ['a tag left open', 'Dear {{recipientName', 'has a {{ without a closing }}'],
    ['an empty tag', 'Dear {{ }}', 'with no field in it'],
  ])('refuses %s', (_name, text, expected) => {
    const found = messages(text);
    expect(found.length, text).toBeGreaterThan(0);
    expect(found.join(' ')).toContain(expected);
  });

  it.each([
    ['an element', 'Dear <b>parent</b>', '“<b>”'],
    ['a closing tag', 'Text</p>', '“</p>”'],
    ['a script', '<script>alert(1)</script>', '“<script>”'],
    ['a comment', '<!-- hidden -->', '“<!-- hidden -->”'],
    ['an instruction', '<?php echo 1 ?>', '“<?php echo 1 ?>”'],
  ])('refuses HTML markup: %s', (_name, text, quoted) => {
    expect(messages(text)[0]).toBe(`The template must be plain text, without HTML: remove ${quoted}. Leave a blank line between paragraphs instead`);
  });

  it('lets a “<” that starts no tag through', () => {
    expect(body('Fewer than 3 < 4 sessions, and 5 > 4; a ≤ b')).toEqual([]);
  });

  it('refuses a missing, blank or over-long subject or body, a subject on two lines, and control characters', () => {
    expect(templateProblems({ subject: ' ', body: '' }, FIELDS)).toEqual([
      { field: 'subject', message: 'Enter the subject' },
      { field: 'body', message: 'Enter the words of the letter' },
    ]);
    expect(templateProblems({ subject: 'x'.repeat(201), body: 'y'.repeat(20_001) }, FIELDS).map((problem) => problem.message)).toEqual([
      'The subject must be 200 characters or fewer',
      'The template must be 20,000 characters or fewer',
    ]);
    expect(templateProblems({ subject: 'One\ntwo', body: 'Text\u0007' }, FIELDS).map((problem) => problem.message)).toEqual([
      'The subject must be one line',
      'The template contains a character that is not allowed (U+0007)',
    ]);
    expect(() => checkTemplate({ subject: '', body: 'Text' }, FIELDS)).toThrow(ValidationError);
  });

  it('lists the fields a template uses, in order', () => {
    expect(fieldsUsed({ subject: '{{caseReference}}', body: '{{childName}} {{recipientName}} {{childName}}' })).toEqual(['caseReference', 'childName', 'recipientName']);
  });
});

describe('rendering a letter', () => {
  const template = { subject: 'About {{childName}} ({{caseReference}})', body: 'Dear {{recipientName}},\n\n# Why\n\n{{reasons}}\n\n- first\n- {{childName}}\n\nYours,\nThe team' };
  const values = { childName: 'Łucja Nguyễn', caseReference: '999-EHC-2026-00001', recipientName: 'Ana <script>alert(1)</script> Nguyễn', reasons: 'Because & so "on".' };

  it('puts each value in as text, and escapes it in the HTML: a name holding a script tag is shown, never run', () => {
    const rendered = renderTemplate(template, values);
    expect(rendered.subject).toBe('About Łucja Nguyễn (999-EHC-2026-00001)');
    expect(rendered.text).toContain('Dear Ana <script>alert(1)</script> Nguyễn,');
    const html = letterHtml(rendered.text);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Dear Ana &lt;script&gt;alert(1)&lt;/script&gt; Nguyễn,');
    expect(html).toContain('Because &amp; so &quot;on&quot;.');
    expect(html).toBe(
      [
        '<p class="govuk-body" dir="auto">Dear Ana &lt;script&gt;alert(1)&lt;/script&gt; Nguyễn,</p>',
        '<h2 class="govuk-heading-m" dir="auto">Why</h2>',
        '<p class="govuk-body" dir="auto">Because &amp; so &quot;on&quot;.</p>',
        '<ul class="govuk-list govuk-list--bullet"><li dir="auto">first</li><li dir="auto">Łucja Nguyễn</li></ul>',
        '<p class="govuk-body" dir="auto">Yours,<br>The team</p>',
      ].join('\n'),
    );
  });

  it('refuses to render when a field the template uses has no value, naming each', () => {
    const attempt = () => renderTemplate(template, { childName: 'A', caseReference: 'R', recipientName: ' ' });
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).problems).toEqual([
        { field: 'recipientName', message: 'The letter uses {{recipientName}}, which was not given' },
        { field: 'reasons', message: 'The letter uses {{reasons}}, which was not given' },
      ]);
    }
  });

  it('never fills a template holding anything but fields (one kept before the rules, say)', () => {
    expect(() => renderTemplate({ subject: 'S', body: '{{#reasons}}x{{/reasons}}' }, values)).toThrow(ValidationError);
    expect(() => renderTemplate({ subject: 'S', body: '{{{reasons}}}' }, values)).toThrow(ValidationError);
  });

  it('escapes any value whatever it holds: the HTML never gains an element from a value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => {
        const { text } = renderTemplate({ subject: 'S', body: 'Dear {{recipientName}}' }, { recipientName: `x${value}` });
        const tags = letterHtml(text).match(/<(?!\/?(p|h2|ul|li|br)\b)[^>]*>/g);
        expect(tags).toBeNull();
      }),
    );
  });
});

describe('the blocks of a letter', () => {
  it('reads headings, lists and paragraphs, keeping a paragraph’s line breaks', () => {
    expect(letterBlocks('# Heading\n\nLine one\nLine two\n\n- a\n- b\n\n## Sub\n\n-not a list')).toEqual([
      { kind: 'heading', text: 'Heading' },
      { kind: 'paragraph', lines: ['Line one', 'Line two'] },
      { kind: 'list', items: ['a', 'b'] },
      { kind: 'heading', text: 'Sub' },
      { kind: 'paragraph', lines: ['-not a list'] },
    ]);
  });

  it('gives GOV.UK Notify its own marks: "# " for a heading, "- " for an item', () => {
    expect(notifyText('## Why\n\n- a\n- b\n\nText')).toBe('# Why\n\n- a\n- b\n\nText');
  });
});
