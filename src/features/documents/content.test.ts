import { describe, expect, it } from 'vitest';
import { aDocx, aJpeg, aPdf, aPng, anXlsx, aZip } from '../../test/files.ts';
import { attachmentDisposition, nameContradictsContent, safeFilename, sniffMediaType } from './content.ts';

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', aPdf(), 'application/pdf'],
    ['a DOCX', aDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a JPEG', aJpeg(), 'image/jpeg'],
    ['a PNG', aPng(), 'image/png'],
    ['an XLSX', anXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('knows %s by its content', async (_name, bytes, type) => {
    expect(await sniffMediaType(bytes)).toBe(type);
  });

  it.each([
    ['text', Buffer.from('Dear parent')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
    ['a ZIP that is not a Word document', aZip({ 'notes.txt': 'hello' })],
    ['a GIF', Buffer.from('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;', 'latin1')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', async (_name, bytes) => {
    expect(await sniffMediaType(bytes)).toBeUndefined();
  });
});

describe('nameContradictsContent', () => {
  it('holds a name to the kind of file its content is, and lets a name without an extension be', () => {
    expect(nameContradictsContent('advice.pdf', 'application/pdf')).toBe(false);
    expect(nameContradictsContent('ADVICE.PDF', 'application/pdf')).toBe(false);
    expect(nameContradictsContent('photo.jpg', 'image/jpeg')).toBe(false);
    expect(nameContradictsContent('photo.jpeg', 'image/jpeg')).toBe(false);
    expect(nameContradictsContent('scan', 'application/pdf')).toBe(false);
    expect(nameContradictsContent('advice.pdf', 'image/png')).toBe(true);
    expect(nameContradictsContent('advice.exe', 'application/pdf')).toBe(true);
  });
});

describe('safeFilename', () => {
  it.each([
    ['EP advice.pdf', 'application/pdf', 'EP advice.pdf'],
    ['C:\\Users\\officer\\Desktop\\advice.pdf', 'application/pdf', 'advice.pdf'],
    ['../../etc/passwd.pdf', 'application/pdf', 'passwd.pdf'],
    ['scan', 'application/pdf', 'scan.pdf'],
    ['photo.JPG', 'image/jpeg', 'photo.jpg'],
    ['report\u202Efdp.exe', 'application/pdf', 'report_fdp.exe.pdf'],
    ['a:b*c?"d<e>|f.png', 'image/png', 'a_b_c__d_e__f.png'],
    ['line\r\nbreak.pdf', 'application/pdf', 'line__break.pdf'],
    ['.hidden.pdf', 'application/pdf', 'hidden.pdf'],
    ['   ', 'image/png', 'document.png'],
    ['تقرير المدرسة.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'تقرير المدرسة.docx'],
  ] as const)('%j → %j', (given, type, expected) => {
    expect(safeFilename(given, type)).toBe(expected);
  });

  it('keeps at most 140 characters of the name before its extension', () => {
    expect(safeFilename(`${'a'.repeat(300)}.pdf`, 'application/pdf')).toBe(`${'a'.repeat(140)}.pdf`);
  });
});

describe('attachmentDisposition', () => {
  it('gives the name in ASCII for old clients and in full for the rest', () => {
    expect(attachmentDisposition('EP advice.pdf')).toBe(`attachment; filename="EP advice.pdf"; filename*=UTF-8''EP%20advice.pdf`);
    expect(attachmentDisposition('Zoë’s report.pdf')).toBe(`attachment; filename="Zoes report.pdf"; filename*=UTF-8''Zo%C3%AB%E2%80%99s%20report.pdf`);
    expect(attachmentDisposition('تقرير.pdf')).toBe(`attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent('تقرير.pdf')}`);
    expect(attachmentDisposition('50% "final".pdf')).toMatch(/^attachment; filename="50_ _final_.pdf"; filename\*=UTF-8''50%25%20%22final%22.pdf$/);
  });
});
