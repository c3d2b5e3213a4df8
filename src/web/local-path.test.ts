import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasUnsafeCharacter, localPath } from './local-path.ts';

describe('a return address after sign-in', () => {
  it.each([
    ['/cases', '/cases'],
    ['/children/0190c3a0-0000-7000-8000-000000000001?saved=step', '/children/0190c3a0-0000-7000-8000-000000000001?saved=step'],
    ['/search?q=Zo%C3%AB#results', '/search?q=Zo%C3%AB#results'],
  ])('keeps a path on this service: %s', (value, expected) => {
    expect(localPath(value, '/home')).toBe(expected);
  });

  it.each([
    ['a tab that browsers drop, leaving //evil.example', '/\t/evil.example'],
    ['a line break', '/\n/evil.example'],
    ['a carriage return', '/\r/evil.example'],
    ['a NUL byte', '/cases\u0000'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['a protocol-relative address', '//evil.example/'],
    ['an absolute address', 'https://evil.example/'],
    ['a javascript: address', 'javascript:alert(1)'],
    ['no leading slash', 'cases'],
    ['nothing', ''],
    ['something too long to be a page of ours', `/${'a'.repeat(2001)}`],
  ])('refuses %s', (_name, value) => {
    expect(localPath(value, '/home')).toBe('/home');
  });

  it('never leaves this service, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => {
        const path = localPath(value, '/home');
        const resolved = new URL(path, 'https://council.example');
        expect(resolved.origin).toBe('https://council.example');
        expect(path).toMatch(/^\/(?!\/)/);
        expect(hasUnsafeCharacter(path)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
