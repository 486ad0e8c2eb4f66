#!/usr/bin/env bash
# Cross-checks the instrumented counts (bench/wasm/count.sh, run first) against
# wabt's wasm-interp --trace for the programs that read no input (see
# validate_trace.py). Needs wabt (apt-get install -y wabt). Slow-ish: the trace
# of a 6 M-instruction program is about 0.5 GB of text, streamed, not stored.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/wasm"
OUT="$HERE/out"
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(hello fibonacci factorial collatz sieve crc32 nqueens quicksort life hungarian sudoku)
status=0
for n in "${names[@]}"; do
  if [ -f "$ROOT/examples/$n.in" ]; then echo "$n: skipped (reads stdin; wabt here has no WASI)"; continue; fi
  r=$(wasm-interp --dummy-import-func --trace --run-all-exports "$OUT/$n.wasm" 2>&1 |
      python3 "$HERE/validate_trace.py" "$OUT/$n.wasm" "$OUT/$n.wasm.json") || status=1
  echo "$n: $r"
done
exit $status
