// `npm run sbom [-- FILE]`: the software bill of materials of what the service runs with, in
// CycloneDX JSON (npm's own `npm sbom`, from the lockfile's tree as installed), written to FILE
// (sbom.cdx.json by default). `--dev` includes the development tools as well.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const file = resolve(args.find((arg) => !arg.startsWith('--')) ?? 'sbom.cdx.json');
const npmArgs = ['sbom', '--sbom-format', 'cyclonedx', '--sbom-type', 'application', ...(args.includes('--dev') ? [] : ['--omit', 'dev'])];
const sbom = spawnSync('npm', npmArgs, { cwd: resolve(import.meta.dirname, '..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (sbom.status !== 0) {
  console.error(`npm sbom failed (exit ${sbom.status}): ${sbom.stderr.trim()}`);
  process.exit(2);
}
const bom = JSON.parse(sbom.stdout) as { bomFormat: string; specVersion: string; components?: unknown[] };
writeFileSync(file, `${JSON.stringify(bom, null, 2)}\n`);
console.log(`${file}: ${bom.bomFormat} ${bom.specVersion}, ${bom.components?.length ?? 0} components`);
