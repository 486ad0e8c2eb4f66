#!/usr/bin/env bash
# Runs every example on c2w's reference interpreter and keeps its stdout (the
# reference output the wasm build must reproduce) and its --stats JSON.
# Usage: bench/wasm/c2w_stats.sh [NAME...]   (from anywhere; needs build/c2w)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/wasm/out"
mkdir -p "$OUT"
cd "$ROOT"
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(hello fibonacci factorial collatz sieve crc32 nqueens quicksort life hungarian sudoku brainfuck)
for n in "${names[@]}"; do
  in=/dev/null
  [ -f "examples/$n.in" ] && in="examples/$n.in"
  set +e
  build/c2w run "examples/$n.c" --stats <"$in" >"$OUT/$n.c2w.stdout" 2>"$OUT/$n.c2w.stderr"
  rc=$?
  set -e
  tail -n 1 "$OUT/$n.c2w.stderr" >"$OUT/$n.c2w.json"
  echo "$n exit=$rc $(cat "$OUT/$n.c2w.json")"
done
