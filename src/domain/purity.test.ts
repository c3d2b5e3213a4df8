// The domain module is pure: no I/O, no clock, no environment. "Today" and the bank-holiday
// list are passed in, so every result is reproducible and the same in any time zone.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const isSource = entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts');
    // The test fixture imports the shipped JSON for tests; nothing else may.
    return isSource && entry.name !== 'test-fixtures.ts' ? [path] : [];
  });
}

const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/from\s+['"](node:)?(fs|path|os|child_process|http|https|net|url|worker_threads)(\/[\w/]*)?['"]/, 'a Node I/O module'],
  [/\bprocess\./, 'process'],
  [/\bDate\.now\b/, 'Date.now'],
  [/\bnew Date\b/, 'new Date'],
  [/\bMath\.random\b/, 'Math.random'],
  [/from\s+['"](\.\.\/)+(db|features|jobs|cli)\//, 'code outside the domain'],
];

describe('the domain module stays pure', () => {
  const files = sourceFiles(ROOT);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))('%s uses no I/O, clock or environment', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    for (const [pattern, what] of FORBIDDEN) expect(text, `uses ${what}`).not.toMatch(pattern);
  });
});
