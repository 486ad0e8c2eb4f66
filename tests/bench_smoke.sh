#!/usr/bin/env bash
# The engine benchmark runs end to end on a small budget: bench/run_engines.sh (as
# the README documents it) checks every token of both engines against the reference
# and writes the JSON, the curves and the plot. The real runs are long; their
# results are in bench/results/.
#   bench_smoke.sh
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check "description" command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

"$root/bench/run_engines.sh" --max-tokens 30000 --dense-tokens 2000 --json "$work/e.json" \
  --curve "$work/c.dat" hello crc32 > "$work/out.txt" 2> "$work/err.txt"; status=$?
cat "$work/out.txt"
check "run_engines.sh exits 0" [ $status = 0 ]
check "the table has both programs" grep -q "^crc32 " "$work/out.txt"
check "the JSON has both engines' runs" python3 -c "
import json, sys
d = json.load(open('$work/e.json'))
p = {x['name']: x for x in d['programs']}
assert set(p) == {'hello', 'crc32'}, p.keys()
assert p['hello']['hull']['generated'] == p['hello']['tokens'] and not p['hello']['hull']['cut']
assert p['crc32']['hull']['generated'] == 30000 and p['crc32']['hull']['cut']
assert p['crc32']['dense']['generated'] == 2000 and p['crc32']['hull_over_dense'] > 0
"
check "the curves have a line per window" [ "$(grep -c '^crc32 hull' "$work/c.dat")" -gt 10 ]
check "the plot is drawn" [ -s "$work/c.png" ]
echo "$failures failed"
[ $failures = 0 ]
