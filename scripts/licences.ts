// `npm run licences`: every dependency's licence, checked against the project's (MIT). It reads
// the lockfile, not node_modules, so every machine lists the same packages whatever its platform
// or whatever else is installed. With `--write`, docs/licences.md is made again; without it, the
// run fails when a licence is not one the project can ship with, or when docs/licences.md no
// longer lists what the lockfile holds.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { judge, listing, type SbomComponent } from './licences/policy.ts';

const root = join(import.meta.dirname, '..');
const listingPath = join(root, 'docs', 'licences.md');

const sbom = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--package-lock-only'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (sbom.status !== 0) {
  console.error(`npm sbom failed (exit ${sbom.status}): ${sbom.stderr.trim()}`);
  process.exit(2);
}
const components = (JSON.parse(sbom.stdout) as { components?: SbomComponent[] }).components ?? [];
const verdicts = components.map(judge);
const text = listing(verdicts);
const refused = verdicts.filter((verdict) => !verdict.compatible);
for (const verdict of refused) console.error(`${verdict.name}@${verdict.version}: ${verdict.licence}: ${verdict.note}`);

if (process.argv.includes('--write')) {
  writeFileSync(listingPath, text);
  console.log(`docs/licences.md: ${verdicts.length} packages listed`);
} else {
  let current = '';
  try {
    current = readFileSync(listingPath, 'utf8');
  } catch {
    // No listing yet: said below.
  }
  if (current !== text) {
    console.error('docs/licences.md does not list the packages in the lockfile: run `npm run licences -- --write` and commit it');
    process.exit(1);
  }
  console.log(`${verdicts.length} packages, ${verdicts.length - refused.length} with a licence compatible with the project's`);
}
process.exit(refused.length === 0 ? 0 : 1);
