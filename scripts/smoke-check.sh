# Sourced by the smoke tests. smoke_check LABEL PID LOG DATA_DIR: waits for the service, started
# with PORT=0 as the leader of its own process group (setsid), to name its address in LOG; asks it
# for its readiness check and start page; stops the whole group with SIGTERM and waits for it; and
# fails if the embedded database's lock in DATA_DIR was not released.
smoke_check() {
  local label=$1 server=$2 log=$3 data=$4 address='' page
  page="$(dirname "$log")/start-page.html"
  for _ in $(seq 1 180); do
    address=$(grep -oE 'is running at http://[0-9.]+:[0-9]+' "$log" | grep -oE 'http://.*' || true)
    if [ -n "$address" ] || ! kill -0 "$server" 2>/dev/null; then break; fi
    sleep 0.5
  done
  # The page goes to a file first: `curl | grep -q` under pipefail fails at random, because grep
  # stops reading at the first match and curl then dies writing the rest (exit 23).
  if [ -n "$address" ] && curl -fsS -o /dev/null "$address/readyz" && curl -fsS -o "$page" "$address/" \
    && grep -q 'Special educational needs casework' "$page"; then
    echo "smoke: $label serves the start page"
  else
    echo "smoke: $label FAILED"; cat "$log"
    kill -- -"$server" 2>/dev/null || true
    return 1
  fi
  # Wait for the whole group, not its leader: npm exits on SIGTERM before node has closed the database.
  kill -TERM -- -"$server"
  local stopped=0
  for _ in $(seq 1 40); do
    if ! kill -0 -- -"$server" 2>/dev/null; then stopped=1; break; fi
    sleep 0.5
  done
  if [ "$stopped" = 0 ]; then
    echo "smoke: $label did not stop within 20 s of SIGTERM"; kill -KILL -- -"$server" 2>/dev/null || true
    return 1
  fi
  if [ -e "$data/casework.lock" ]; then echo "smoke: $label did not release the data folder lock"; return 1; fi
}
