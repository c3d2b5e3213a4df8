import { describe, expect, it } from 'vitest';
import { notOfKind, sizeInWords } from './upload.ts';

describe('telling an uploaded file’s kind by its first bytes', () => {
  it('takes CSV with a comma or semicolon on its first line, with or without a byte-order mark', () => {
    expect(notOfKind('csv', Buffer.from('Child Ref,First Name\r\nC1,Ann\r\n'))).toBeUndefined();
    expect(notOfKind('csv', Buffer.from('\uFEFFChild Ref;First Name\nC1;Ann\n'))).toBeUndefined();
  });

  it('refuses a spreadsheet or any binary file as CSV, and text without a row of column names', () => {
    expect(notOfKind('csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toBe('must be a CSV file (save the spreadsheet as CSV)');
    expect(notOfKind('csv', Buffer.from('Dear colleague\nplease find attached\n'))).toBe('must be a CSV file with a row of column names first');
  });

  it('takes XML that starts with a tag, and refuses anything else as SEN2', () => {
    expect(notOfKind('xml', Buffer.from('\uFEFF  <?xml version="1.0"?><Message/>'))).toBeUndefined();
    expect(notOfKind('xml', Buffer.from('Child Ref,First Name\n'))).toBe('must be an XML file');
  });

  it('says sizes as people do', () => {
    expect(sizeInWords(2 * 1024 ** 3)).toBe('2 GB');
    expect(sizeInWords(20 * 1024 ** 2)).toBe('20 MB');
    expect(sizeInWords(4096)).toBe('4 KB');
  });
});
