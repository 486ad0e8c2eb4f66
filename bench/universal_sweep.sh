#!/usr/bin/env bash
# Every test program and example on the universal model (hull engine), token for
# token against the reference: the full sweep the test suite samples.
#   bench/universal_sweep.sh [max generated tokens per program, default 20000]
set -uo pipefail
cd "$(dirname "$0")/.."
budget=${1:-20000}
failures=0
for f in tests/programs/*.c examples/*.c; do
  input=""
  [ -f "${f%.c}.in" ] && input="--input ${f%.c}.in"
  if ! build/tests/check_weights "$f" --universal --engine hull --max-tokens "$budget" $input | tail -1 | sed "s|^|$f: |"; then
    failures=$((failures + 1))
  fi
done
echo "$failures programs failed"
[ $failures = 0 ]
