// A letter's words are plain text, read in blocks: a blank line starts a new one. A block of one
// line starting "# " is a heading; a block whose every line starts "- " is a bulleted list;
// anything else is a paragraph, its single line breaks kept (an address, a signature). The HTML
// page and the tagged PDF are both made from these blocks, so they say the same thing. The marks
// are GOV.UK Notify's own, so a message sent through Notify is laid out as the letter is.

export type LetterBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; lines: string[] } | { kind: 'list'; items: string[] };

const HEADING = /^#{1,2}\s+(\S.*)$/;
const ITEM = /^-\s+(\S.*)$/;

/** The blocks of a letter's text. */
export function letterBlocks(text: string): LetterBlock[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0)
    .map((lines): LetterBlock => {
      const heading = lines.length === 1 ? HEADING.exec(lines[0]!) : null;
      if (heading) return { kind: 'heading', text: heading[1]! };
      if (lines.every((line) => ITEM.test(line))) return { kind: 'list', items: lines.map((line) => ITEM.exec(line)![1]!) };
      return { kind: 'paragraph', lines };
    });
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/**
 * The letter's words as HTML: every piece of text escaped (a field's value is text, whatever it
 * holds), in GOV.UK's classes, with each element's direction taken from its own text.
 */
export function letterHtml(text: string): string {
  return letterBlocks(text)
    .map((block) => {
      switch (block.kind) {
        case 'heading':
          return `<h2 class="govuk-heading-m" dir="auto">${escapeHtml(block.text)}</h2>`;
        case 'list':
          return `<ul class="govuk-list govuk-list--bullet">${block.items.map((item) => `<li dir="auto">${escapeHtml(item)}</li>`).join('')}</ul>`;
        case 'paragraph':
          return `<p class="govuk-body" dir="auto">${block.lines.map(escapeHtml).join('<br>')}</p>`;
      }
    })
    .join('\n');
}

/** The letter's words as GOV.UK Notify reads them: "# " before a heading, "- " before each item of a list. */
export function notifyText(text: string): string {
  return letterBlocks(text)
    .map((block) => {
      switch (block.kind) {
        case 'heading':
          return `# ${block.text}`;
        case 'list':
          return block.items.map((item) => `- ${item}`).join('\n');
        case 'paragraph':
          return block.lines.join('\n');
      }
    })
    .join('\n\n');
}
