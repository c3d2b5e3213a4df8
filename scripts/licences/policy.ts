// Which dependency licences SEND Casework may ship with, and the reading of a CycloneDX SBOM's
// licence fields. The project is MIT-licensed (docs/adr/0024-mit-licence-and-a-bill-of-materials.md):
// a dependency is compatible when its licence lets the service be used, changed and given away under
// MIT terms without the service's own code taking on another licence's conditions.

/** Licences that ask no more than keeping a notice: compatible whatever uses them. */
export const PERMISSIVE = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC-BY-4.0',
  'CC0-1.0',
  'ISC',
  'MIT',
  'Python-2.0',
  'Unlicense',
  'Zlib',
]);

/**
 * Compatible on a condition the project meets, said in the listing: MPL-2.0 is copyleft for its
 * own files only (kept unmodified in node_modules, so nothing of ours is bound by it); OFL-1.1
 * covers fonts, which may be bundled and embedded in documents but not sold on their own.
 */
export const CONDITIONAL: ReadonlyMap<string, string> = new Map([
  ['MPL-2.0', 'copyleft for its own files only; used unmodified'],
  ['OFL-1.1', 'fonts: bundled and embedded in documents, never sold on their own'],
]);

/**
 * Packages whose published manifest names no licence, or names it in a form that is not SPDX,
 * each read by hand. Keyed by name@version: a new version is read again.
 */
export const REVIEWED: ReadonlyMap<string, { licence: string; why: string }> = new Map([
  ['buffers@0.1.1', { licence: 'MIT', why: 'the package declares none; its repository (github.com/substack/node-buffers) carries the MIT licence' }],
  ['chainsaw@0.1.0', { licence: 'MIT', why: 'the package declares “MIT/X11”, the MIT licence by its older name' }],
  ['png-js@2.0.0', { licence: 'MIT', why: 'the package ships a LICENSE file with the MIT licence but names none in package.json' }],
]);

export interface SbomComponent {
  name: string;
  version: string;
  licenses?: { license?: { id?: string; name?: string }; expression?: string }[];
  properties?: { name: string; value: string }[];
}

export interface LicenceVerdict {
  name: string;
  version: string;
  /** What the package says, as SPDX where it can be read so. */
  licence: string;
  /** Development only: the test and build tools, never part of the running service. */
  development: boolean;
  compatible: boolean;
  /** Why, when it takes a condition or a reading by hand, or why not. */
  note: string;
}

/** The SPDX expression a component's licence fields say ('' when they say nothing). */
export function declaredLicence(component: SbomComponent): string {
  const parts = (component.licenses ?? []).map((entry) => entry.expression ?? entry.license?.id ?? entry.license?.name ?? '').filter((part) => part !== '');
  if (parts.length <= 1) return parts[0] ?? '';
  return parts.map((part) => (/\s/.test(part) ? `(${part})` : part)).join(' AND ');
}

type Judgement = { compatible: boolean; notes: string[] };

/**
 * Judges an SPDX expression: with OR, one compatible choice is enough (the project takes it);
 * with AND, every part must be. WITH exceptions only ever relax a licence, so the base decides.
 */
export function judgeExpression(expression: string): Judgement {
  const tokens = expression.replace(/[()]/g, (bracket) => ` ${bracket} `).trim().split(/\s+/).filter(Boolean);
  let position = 0;
  const peek = () => tokens[position];
  const parseOr = (): Judgement => {
    const choices = [parseAnd()];
    while (peek()?.toUpperCase() === 'OR') {
      position += 1;
      choices.push(parseAnd());
    }
    const chosen = choices.find((choice) => choice.compatible);
    return chosen ?? { compatible: false, notes: choices.flatMap((choice) => choice.notes) };
  };
  const parseAnd = (): Judgement => {
    const parts = [parseTerm()];
    while (peek()?.toUpperCase() === 'AND') {
      position += 1;
      parts.push(parseTerm());
    }
    return { compatible: parts.every((part) => part.compatible), notes: parts.flatMap((part) => part.notes) };
  };
  const parseTerm = (): Judgement => {
    const token = tokens[position++];
    if (token === '(') {
      const inner = parseOr();
      if (tokens[position++] !== ')') return { compatible: false, notes: [`cannot read “${expression}”`] };
      return inner;
    }
    if (token === undefined || token === ')') return { compatible: false, notes: [`cannot read “${expression}”`] };
    if (peek()?.toUpperCase() === 'WITH') position += 2;
    const id = token.replace(/\+$/, '');
    if (PERMISSIVE.has(id)) return { compatible: true, notes: [] };
    const condition = CONDITIONAL.get(id);
    if (condition) return { compatible: true, notes: [`${id}: ${condition}`] };
    return { compatible: false, notes: [`${token} is not a licence the project can ship with`] };
  };
  const judgement = parseOr();
  if (position !== tokens.length) return { compatible: false, notes: [`cannot read “${expression}”`] };
  return judgement;
}

/** Each component's licence and whether the project may ship with it. */
export function judge(component: SbomComponent): LicenceVerdict {
  const development = (component.properties ?? []).some((property) => property.name === 'cdx:npm:package:development' && property.value === 'true');
  const base = { name: component.name, version: component.version, development };
  const reviewed = REVIEWED.get(`${component.name}@${component.version}`);
  if (reviewed) return { ...base, licence: reviewed.licence, compatible: judgeExpression(reviewed.licence).compatible, note: `read by hand: ${reviewed.why}` };
  const licence = declaredLicence(component);
  if (licence === '') return { ...base, licence: 'none declared', compatible: false, note: 'no licence declared: read the package and add it to REVIEWED, or do not use it' };
  const judgement = judgeExpression(licence);
  return { ...base, licence, compatible: judgement.compatible, note: judgement.notes.join('; ') };
}

/** The listing kept in docs/licences.md: every dependency, its licence, and the verdict. */
export function listing(verdicts: readonly LicenceVerdict[]): string {
  const sorted = [...verdicts].sort((a, b) => a.name.localeCompare(b.name, 'en') || a.version.localeCompare(b.version, 'en'));
  const count = (development: boolean) => sorted.filter((verdict) => verdict.development === development).length;
  const byLicence = new Map<string, number>();
  for (const verdict of sorted) byLicence.set(verdict.licence, (byLicence.get(verdict.licence) ?? 0) + 1);
  const cell = (text: string) => text.replaceAll('|', '\\|');
  return [
    '# Dependencies and their licences',
    '',
    'Made by `npm run licences -- --write` from the CycloneDX bill of materials (`npm run sbom`); the',
    'test run checks that it is current and that every licence is compatible with the project\'s (MIT,',
    'see `LICENSE` and docs/adr/0024-mit-licence-and-a-bill-of-materials.md). The rules are in',
    '`scripts/licences/policy.ts`.',
    '',
    `${sorted.length} packages: ${count(false)} the service runs with, ${count(true)} for development only (tests, builds, linting).`,
    '',
    '| licence | packages |',
    '|---|---|',
    ...[...byLicence].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en')).map(([licence, total]) => `| ${cell(licence)} | ${total} |`),
    '',
    '| package | version | licence | used | compatible | note |',
    '|---|---|---|---|---|---|',
    ...sorted.map((verdict) => `| ${cell(verdict.name)} | ${verdict.version} | ${cell(verdict.licence)} | ${verdict.development ? 'development' : 'service'} | ${verdict.compatible ? 'yes' : '**no**'} | ${cell(verdict.note)} |`),
    '',
  ].join('\n');
}
