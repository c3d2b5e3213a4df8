#!/usr/bin/env bash
# Smoke test of `npm start` on Node 24 LTS, the version councils will run, which strips the types
# itself: the service starts on an empty embedded database, answers its start page and readiness
# check, and stops on SIGTERM. scripts/smoke-production.sh does the same for a production install.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smoke-check.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Smoke test on Node $(bash scripts/node24.sh node --version)"
# PORT=0: the system gives a free port, which the service names when it is ready.
PORT=0 DATA_DIR="$work/data" setsid bash scripts/node24.sh npm start >"$work/server.log" 2>&1 &
smoke_check 'npm start on Node 24' $! "$work/server.log" "$work/data"
echo "smoke: passed"
