#!/usr/bin/env bash
# bench/compare.sh BEFORE_DIR AFTER_DIR OUT_DIR: runs the benchmarks against two checkouts of Onset (say a
# worktree of an older commit and one of the current branch), taking turns (before, after; the next round
# after, before) so that the machine's noise falls on both, and saves each run's JSON in OUT_DIR.
#
# The benchmark files of this folder (all but outcomes.ts, which each checkout runs in its own version) are
# copied into the bench/ folder of each checkout that is not this one first, so both run the same
# measurements. Each checkout needs its node_modules (a symlink will do).
#
#   BENCHES      which to run (default "api history report-load outcomes")
#   BENCH_ROUNDS how many times each (default 1)
#   ONSET_DATABASE_URL  the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); set it
#                       to "" for SQLite only. Each run creates and drops databases of its own there.
# Other BENCH_* variables pass through to the benchmarks. Per run: OUT_DIR/<bench>-<before|after>-<round>.json
# (stdout), .log (stderr), and one line in OUT_DIR/runs.jsonl with the commit, times, exit code and the
# load averages before and after. Summarise with: npx tsx bench/compare-summary.ts OUT_DIR
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: bench/compare.sh BEFORE_DIR AFTER_DIR OUT_DIR" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
before="$(cd "$1" && pwd)"
after="$(cd "$2" && pwd)"
mkdir -p "$3"
out="$(cd "$3" && pwd)"
benches="${BENCHES:-api history report-load outcomes}"
rounds="${BENCH_ROUNDS:-1}"
export ONSET_DATABASE_URL="${ONSET_DATABASE_URL-postgres://postgres@127.0.0.1:5432/postgres}"
export ONSET_AUDIT_KEY="${ONSET_AUDIT_KEY:-onset-benchmark-audit-key-for-throw-away-databases}"

shared=(support.ts server-support.ts api.ts api-server.ts history.ts history-server.ts report-load.ts report-load-server.ts)
for dir in "$before" "$after"; do
  if [ "$dir/bench" != "$here" ]; then
    for file in "${shared[@]}"; do cp "$here/$file" "$dir/bench/$file"; done
  fi
done

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

run() {
  local side="$1" dir="$2" bench="$3" round="$4"
  local name="$out/$bench-$side-$round"
  local commit started load_before code=0
  commit="$(git -C "$dir" rev-parse --short HEAD)"
  started="$(date -u +%FT%TZ)"
  load_before="$(loadavg)"
  echo "[$started] $bench $side (round $round, $commit, load $load_before)…" >&2
  (cd "$dir" && npx tsx "bench/$bench.ts") >"$name.json" 2>"$name.log" || code=$?
  printf '{"bench":"%s","side":"%s","round":%s,"dir":"%s","commit":"%s","started":"%s","ended":"%s","exitCode":%s,"loadBefore":"%s","loadAfter":"%s"}\n' \
    "$bench" "$side" "$round" "$dir" "$commit" "$started" "$(date -u +%FT%TZ)" "$code" "$load_before" "$(loadavg)" \
    >>"$out/runs.jsonl"
  if [ "$code" -ne 0 ]; then echo "  $bench $side failed (exit $code): see $name.log" >&2; fi
}

for round in $(seq 1 "$rounds"); do
  for bench in $benches; do
    if [ $((round % 2)) -eq 1 ]; then
      run before "$before" "$bench" "$round"
      run after "$after" "$bench" "$round"
    else
      run after "$after" "$bench" "$round"
      run before "$before" "$bench" "$round"
    fi
  done
done
echo "done: $out" >&2
