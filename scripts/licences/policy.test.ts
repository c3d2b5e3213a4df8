import { describe, expect, it } from 'vitest';
import { declaredLicence, judge, judgeExpression, listing } from './policy.ts';

const component = (name: string, licenses: { license?: { id?: string; name?: string }; expression?: string }[], development = false) => ({
  name,
  version: '1.0.0',
  licenses,
  properties: development ? [{ name: 'cdx:npm:package:development', value: 'true' }] : [],
});

describe('a dependency’s licence', () => {
  it('is compatible when permissive, and when an OR offers a permissive choice', () => {
    expect(judgeExpression('MIT').compatible).toBe(true);
    expect(judgeExpression('(MIT OR GPL-3.0-or-later)').compatible).toBe(true);
    expect(judgeExpression('Apache-2.0 WITH LLVM-exception').compatible).toBe(true);
  });

  it('is refused when copyleft over the whole work, and when an AND has a part that is', () => {
    expect(judgeExpression('GPL-3.0-only')).toEqual({ compatible: false, notes: ['GPL-3.0-only is not a licence the project can ship with'] });
    expect(judgeExpression('AGPL-3.0-or-later').compatible).toBe(false);
    expect(judgeExpression('MIT AND LGPL-2.1-only').compatible).toBe(false);
    expect(judgeExpression('SSPL-1.0 OR BUSL-1.1').compatible).toBe(false);
  });

  it('is compatible on a condition said in the listing: MPL-2.0 used unmodified, OFL-1.1 for fonts', () => {
    expect(judgeExpression('MPL-2.0')).toEqual({ compatible: true, notes: ['MPL-2.0: copyleft for its own files only; used unmodified'] });
    expect(judgeExpression('MIT AND OFL-1.1').notes[0]).toContain('fonts');
  });

  it('is refused when it cannot be read', () => {
    expect(judgeExpression('(MIT OR').compatible).toBe(false);
    expect(judgeExpression('MIT )').compatible).toBe(false);
    expect(judgeExpression('MIT Apache-2.0').compatible).toBe(false);
  });

  it('is refused when none is declared, unless the package has been read by hand at that version', () => {
    expect(judge(component('left-pad', []))).toMatchObject({ licence: 'none declared', compatible: false });
    expect(judge({ ...component('buffers', []), version: '0.1.1' })).toMatchObject({ licence: 'MIT', compatible: true });
    expect(judge({ ...component('buffers', []), version: '0.2.0' }).compatible).toBe(false);
  });

  it('joins several declared licences with AND, and knows development tools from what the service runs with', () => {
    expect(declaredLicence(component('x', [{ license: { id: 'MIT' } }, { expression: 'Apache-2.0 OR MIT' }]))).toBe('MIT AND (Apache-2.0 OR MIT)');
    expect(judge(component('vitest', [{ license: { id: 'MIT' } }], true)).development).toBe(true);
    expect(judge(component('fastify', [{ license: { id: 'MIT' } }])).development).toBe(false);
  });

  it('is listed with its verdict, the refused ones marked', () => {
    const text = listing([judge(component('b-lib', [{ license: { id: 'GPL-2.0-only' } }])), judge(component('a-lib', [{ license: { id: 'MIT' } }], true))]);
    expect(text).toContain('2 packages: 1 the service runs with, 1 for development only');
    expect(text.indexOf('| a-lib |')).toBeLessThan(text.indexOf('| b-lib |'));
    expect(text).toContain('| b-lib | 1.0.0 | GPL-2.0-only | service | **no** |');
  });
});
