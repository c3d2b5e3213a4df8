#!/usr/bin/env bash
# Smoke test of production as the README installs it: the assets built here (Sass is a development
# dependency), then only the runtime files copied to an empty folder, `npm ci --omit=dev` there on
# Node 24 LTS (so no tsx and no sass), and `NODE_ENV=production node src/server.ts` on an empty
# embedded database: the administrator's command migrates it, and the service starts, answers its
# readiness check and start page, and stops on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
began=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node24() { bash "$root/scripts/node24.sh" "$@"; }

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

export NODE_ENV=production DATA_DIR="$work/data" PORT=0 LOG_LEVEL=warn
SESSION_SECRET=$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))")
export SESSION_SECRET
if ! node24 npm run --silent casework -- migrate >"$work/migrate.log" 2>&1; then
  echo "smoke: npm run casework -- migrate FAILED"; cat "$work/migrate.log"; exit 1
fi

# PORT=0: the system gives a free port, which the service names when it is ready.
setsid bash "$root/scripts/node24.sh" node src/server.ts >"$work/server.log" 2>&1 &
server=$!
address=''
for _ in $(seq 1 120); do
  address=$(grep -oE 'is running at http://[0-9.]+:[0-9]+' "$work/server.log" | grep -oE 'http://.*' || true)
  if [ -n "$address" ] || ! kill -0 "$server" 2>/dev/null; then break; fi
  sleep 0.5
done
# The page goes to a file first: `curl | grep -q` under pipefail fails at random (see smoke-node24.sh).
start_page="$work/start-page.html"
if [ -n "$address" ] && curl -fsS -o /dev/null "$address/readyz" && curl -fsS -o "$start_page" "$address/" \
  && grep -q 'Special educational needs casework' "$start_page"; then
  echo "smoke: node src/server.ts in production on Node 24 serves the start page"
else
  echo "smoke: node src/server.ts in production on Node 24 FAILED"; cat "$work/server.log"
  kill -- -"$server" 2>/dev/null || true
  exit 1
fi
# setsid made the runner the leader of its own process group: stop the whole group, node included.
kill -TERM -- -"$server"
for _ in $(seq 1 20); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
if [ -e "$work/data/casework.lock" ]; then echo "smoke: the data folder lock was not released"; exit 1; fi
echo "smoke: production passed in $(($(date +%s) - began)) s"
