// The hostile-input tests' figures as the table in docs/security.md ("Fuzzing"): reads what
// src/features/hostile-input-*.int.test.ts wrote to test-results/fuzz/ and prints the table.
//   FUZZ_RUNS=20 npx vitest run --project integration src/features/hostile-input-
//   node --import tsx scripts/fuzz-figures.ts
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Figures {
  tried: number;
  accepted: number;
  refused: number;
  errors: number;
}

const directory = join(process.cwd(), 'test-results', 'fuzz');
const rows: string[] = [];
const total = { endpoints: 0, tried: 0, refused: 0, accepted: 0, errors: 0 };
for (const file of readdirSync(directory).filter((name) => name.endsWith('.json')).sort()) {
  const { runs, endpoints } = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { runs: number; endpoints: Record<string, Figures> };
  const sum = { endpoints: 0, tried: 0, refused: 0, accepted: 0, errors: 0 };
  for (const figures of Object.values(endpoints)) {
    sum.endpoints += 1;
    sum.tried += figures.tried;
    sum.refused += figures.refused;
    sum.accepted += figures.accepted;
    sum.errors += figures.errors;
  }
  for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += sum[key];
  rows.push(`| ${file.replace('.json', '')} (${runs} runs) | ${sum.endpoints} | ${sum.tried} | ${sum.refused} | ${sum.accepted} | ${sum.errors} |`);
}
console.log('| Tests | Endpoints | Inputs tried | Refused (4xx) | Accepted | 500s |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log(`| **All** | ${total.endpoints} | ${total.tried} | ${total.refused} | ${total.accepted} | ${total.errors} |`);
