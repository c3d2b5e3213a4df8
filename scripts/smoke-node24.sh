#!/usr/bin/env bash
# Smoke test of `npm start` on Node 24 LTS, the version councils will run, which strips the types
# itself: the service starts on an empty embedded database, answers its start page and readiness
# check, and stops on SIGTERM. scripts/smoke-production.sh does the same for a production install.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Smoke test on Node $(bash scripts/node24.sh node --version)"
port=3998
PORT=$port DATA_DIR="$work/data" setsid bash scripts/node24.sh npm start >"$work/server.log" 2>&1 &
server=$!
ok=0
for _ in $(seq 1 90); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then ok=1; break; fi
  sleep 1
done
# The page goes to a file first: `curl | grep -q` under pipefail fails at random, because grep
# stops reading at the first match and curl then dies writing the rest (exit 23).
start_page="$work/start-page.html"
if [ "$ok" = 1 ] && curl -fsS -o "$start_page" "http://127.0.0.1:$port/" \
  && grep -q 'Special educational needs casework' "$start_page"; then
  echo "smoke: npm start on Node 24 serves the start page"
else
  echo "smoke: npm start on Node 24 FAILED"; cat "$work/server.log"
  kill -- -"$server" 2>/dev/null || true
  exit 1
fi
# setsid made npm the leader of its own process group: stop the whole group, node included.
kill -TERM -- -"$server"
for _ in $(seq 1 20); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
if [ -e "$work/data/casework.lock" ]; then echo "smoke: the data folder lock was not released"; exit 1; fi
echo "smoke: passed"
