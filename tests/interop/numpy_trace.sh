#!/usr/bin/env bash
# The numpy loader (python/c2w_numpy.py) reproduces `c2w run --trace` token for token,
# with the same stdout and exit code: specialised models (hello, a CRC-32 of its
# input, a division-by-zero trap), the universal model with a program in its prompt,
# and a hand-built model whose tokens depend on an average-tie head. Prints each
# engine's wall time.
#   numpy_trace.sh C2W PYTHON MAKE_AVERAGE_MODEL
set -euo pipefail
c2w=$1 python=$2 make_average_model=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

source "$root/tests/lib/seconds.sh"  # seconds CMD...: status, elapsed

# check NAME MODEL PROGRAM_FOR_UNIVERSAL INPUT: the dense and hull engines' traces, then numpy's.
check() {
  local name=$1 model=$2 program=$3 input=$4 run=("$c2w" run) prompt_args=()
  if [ -n "$program" ]; then run+=("$program" --model "$model"); else run+=("$model"); fi
  for engine in dense hull; do
    seconds "${run[@]}" --engine=$engine --trace "$work/$name.$engine.trace" --stats \
      < "$input" > "$work/$name.$engine.out" 2> "$work/$name.$engine.stats" || true
    echo "$name: c2w $engine exit $status, $elapsed s"
    eval "${engine}_status=$status"
  done
  if [ -n "$program" ]; then  # the universal prompt: the first prompt_tokens lines of c2w's trace
    local n
    n=$("$python" -c 'import json, sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])["prompt_tokens"])' \
          "$work/$name.hull.stats")
    head -n "$n" "$work/$name.hull.trace" > "$work/$name.prompt"
    prompt_args=(--prompt "$work/$name.prompt")
  else
    prompt_args=(--input "$input")
  fi
  seconds "$python" "$root/python/c2w_numpy.py" "$model" "${prompt_args[@]}" --trace "$work/$name.numpy.trace" \
    > "$work/$name.numpy.out"
  echo "$name: numpy exit $status, $elapsed s, $(wc -l < "$work/$name.numpy.trace") tokens"
  local ok=1
  cmp -s "$work/$name.dense.trace" "$work/$name.hull.trace" || { echo "FAIL $name: dense and hull traces differ"; ok=0; }
  cmp "$work/$name.dense.trace" "$work/$name.numpy.trace" || { echo "FAIL $name: numpy's trace differs"; ok=0; }
  cmp -s "$work/$name.dense.out" "$work/$name.numpy.out" || { echo "FAIL $name: numpy's stdout differs"; ok=0; }
  [ "$status" = "$dense_status" ] || { echo "FAIL $name: numpy exits $status, c2w $dense_status"; ok=0; }
  [ $ok = 1 ] || failures=$((failures + 1))
}

"$c2w" compile "$root/examples/hello.c" -o "$work/hello.c2w"
"$c2w" compile "$root/tests/interop/crc32_stdin.c" -o "$work/crc32.c2w"
"$c2w" compile "$root/tests/interop/trap_div0.c" -o "$work/trap.c2w"
"$c2w" compile --universal -o "$work/universal.c2w"
"$make_average_model" "$work/average.c2w"
printf 0 > "$work/zero.in"

check hello "$work/hello.c2w" "" /dev/null
check crc32 "$work/crc32.c2w" "" "$root/tests/interop/crc32_stdin.in"
check trap "$work/trap.c2w" "" "$work/zero.in"
check average-tie "$work/average.c2w" "" /dev/null
check universal-crc32 "$work/universal.c2w" "$root/tests/interop/crc32_stdin.c" "$root/tests/interop/crc32_stdin.in"
[ "$(cat "$work/crc32.numpy.out")" = cbf43926 ] || { echo "FAIL: numpy's CRC-32 is not cbf43926"; failures=$((failures + 1)); }
grep -qx '<trap:div0>' <(tail -n 1 "$work/trap.numpy.trace") || { echo "FAIL: numpy did not trap"; failures=$((failures + 1)); }
echo "$failures failed"
[ $failures = 0 ]
