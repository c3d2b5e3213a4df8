#!/usr/bin/env bash
# Smoke test of production as the README installs it: the assets built here (Sass is a development
# dependency), then only the runtime files copied to an empty folder, `npm ci --omit=dev` there on
# Node 24 LTS (so no tsx and no sass), and `NODE_ENV=production node src/server.ts` on an empty
# embedded database: the administrator's command loads, and the service starts, answers its
# readiness check and start page, and stops on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
began=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node24() { bash "$root/scripts/node24.sh" "$@"; }
source scripts/smoke-check.sh

npm run --silent build:assets
app="$work/app"
mkdir -p "$app/scripts"
cp -R package.json package-lock.json src public "$app/"
cp scripts/typescript.mjs "$app/scripts/"
cd "$app"
node24 npm ci --omit=dev --no-audit --no-fund --loglevel=error
for dev_only in tsx esbuild sass typescript vitest; do
  if [ -e "node_modules/$dev_only" ]; then echo "smoke: the production install has $dev_only"; exit 1; fi
done
echo "smoke: production install on Node $(node24 node --version): $(node24 npm ls --omit=dev --all --parseable | tail -n +2 | wc -l) packages, no tsx"

export NODE_ENV=production DATA_DIR="$work/data" PORT=0 LOG_LEVEL=warn PUBLIC_URL=https://send.council.example
SESSION_SECRET=$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))")
export SESSION_SECRET
# The administrator's command loads every module it may use (the scale seed's csv-parse and
# pg-copy-streams among them) before it reads its arguments: with none, it prints its usage, exit 2.
if node24 npm run --silent casework >"$work/casework.log" 2>&1; then code=0; else code=$?; fi
if [ "$code" != 2 ] || ! grep -q 'Usage: npm run casework' "$work/casework.log"; then
  echo "smoke: npm run casework in production on Node 24 FAILED (exit $code)"; cat "$work/casework.log"; exit 1
fi
echo "smoke: npm run casework in production on Node 24 loads and prints its usage"

# Letters' PDFs and plans' PDFs and Word documents are made on the shared document thread, which
# must load each task's TypeScript module without tsx.
if ! node24 node --input-type=module -e "
  const { letterPdf, closeLetterPdfs } = await import('./src/features/letters/pdf-renderer.ts');
  const { planDocx, planPdf } = await import('./src/features/plans/rendering/index.ts');
  const { FULL_PLAN } = await import('./src/features/plans/rendering/fixtures.ts');
  const pdf = await letterPdf({ councilName: 'Smoke', recipientName: 'A parent', channel: 'letter', recipientAddress: '1 Street\\nB1 1AA', sentOn: '1 March 2027', caseReference: 'EHC-1', subject: 'A letter', text: 'Words.' }, new Date());
  const [plan, word] = await Promise.all([planPdf(FULL_PLAN), planDocx(FULL_PLAN)]);
  await closeLetterPdfs();
  if (pdf.subarray(0, 5).toString() !== '%PDF-' || plan.subarray(0, 5).toString() !== '%PDF-' || word.subarray(0, 2).toString() !== 'PK') process.exit(1);
" >"$work/pdf.log" 2>&1; then
  echo "smoke: a letter's PDF or a plan's PDF or Word document in production on Node 24 FAILED"; cat "$work/pdf.log"; exit 1
fi
echo "smoke: a letter's PDF and a plan's PDF and Word document are made on the document thread in production on Node 24"

# PORT=0: the system gives a free port, which the service names when it is ready.
setsid bash "$root/scripts/node24.sh" node src/server.ts >"$work/server.log" 2>&1 &
smoke_check 'node src/server.ts in production on Node 24' $! "$work/server.log" "$work/data"
echo "smoke: production passed in $(($(date +%s) - began)) s"
