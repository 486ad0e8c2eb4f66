#!/usr/bin/env bash
# Runs each wasm build (bench/wasm/build.sh) under Node's WASI, checks that its
# stdout and exit code equal c2w's (bench/wasm/c2w_stats.sh, run first), and
# counts its executed wasm instructions from the instrumented build.
#   bench/wasm/count.sh [NAME...]  ->  bench/wasm/out/NAME.wasm.json, out/c2wpipe/NAME.wasm.json
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/wasm"
OUT="$HERE/out"
NODE=(node --no-warnings "$HERE/run_wasm.mjs")
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(hello fibonacci factorial collatz sieve crc32 nqueens quicksort life hungarian sudoku brainfuck)
status=0
for dir in "$OUT" "$OUT/c2wpipe"; do
  for n in "${names[@]}"; do
    in=/dev/null
    [ -f "$ROOT/examples/$n.in" ] && in="$ROOT/examples/$n.in"
    set +e
    "${NODE[@]}" "$dir/$n.wasm" <"$in" >"$dir/$n.wasm.stdout" 2>/dev/null
    rc_plain=$?
    "${NODE[@]}" "$dir/$n.counted.wasm" <"$in" >"$dir/$n.counted.stdout" 2>"$dir/$n.counters.txt"
    rc_counted=$?
    set -e
    ok=same
    cmp -s "$dir/$n.wasm.stdout" "$OUT/$n.c2w.stdout" || { ok="DIFFERS from c2w"; status=1; }
    cmp -s "$dir/$n.counted.stdout" "$OUT/$n.c2w.stdout" || { ok="$ok; counted build DIFFERS"; status=1; }
    c2w_rc=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["exit_code"])' "$OUT/$n.c2w.json")
    if [ "$rc_plain" != "$c2w_rc" ] || [ "$rc_counted" != "$c2w_rc" ]; then
      ok="$ok; exit codes $rc_plain/$rc_counted vs c2w $c2w_rc"; status=1
    fi
    echo "$(basename "$dir")/$n: stdout $ok; $(python3 "$HERE/count.py" "$dir/$n.segments.json" "$dir/$n.counters.txt" "$dir/$n.wasm.json")"
  done
done
exit $status
