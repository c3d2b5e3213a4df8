import { describe, expect, it } from 'vitest';
import { utf8Body } from './utf8-body.ts';

describe('utf8Body', () => {
  it('gives the same bytes as Buffer.from for text in several alphabets', () => {
    const page = `<p>Łukasz Wiśniewski · Zoë O’Brien · محمد · 王芳 · 🙂</p>`.repeat(40);
    expect(utf8Body(page).equals(Buffer.from(page, 'utf8'))).toBe(true);
    expect(utf8Body('').length).toBe(0);
  });

  it('gives each page its own bytes: a later page does not overwrite an earlier one', () => {
    const first = utf8Body('first page');
    utf8Body('second page, which is longer');
    expect(first.toString('utf8')).toBe('first page');
  });

  it('takes a page larger than its scratch space', () => {
    const page = 'é'.repeat(200_000);
    const body = utf8Body(page);
    expect(body.length).toBe(400_000);
    expect(body.toString('utf8')).toBe(page);
  });
});
