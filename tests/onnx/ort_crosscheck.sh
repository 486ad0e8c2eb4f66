#!/usr/bin/env bash
# `c2w export --format=onnx` run in ONNX Runtime (npm's onnxruntime-node, CPU, float64)
# against c2w's own engines: for each program c2w's dense and hull traces (which must
# agree), then tests/onnx/ort_driver.js teacher-forces the whole trace through the
# exported graph (the argmax at every position must be the next token) and decodes
# greedily, feeding its own argmax back, through the graph exported with --kv-cache (a
# token per call), for as many tokens as is cheap. Programs: a countdown loop, a
# division-by-zero trap, a CRC-32 of its input, examples/hello.c, a hand-built model
# whose tokens depend on an average-tie head, and the universal model with the countdown
# and the trap in its prompt. Then
# the controls: a trace with one token changed must fail, and bad input to
# `c2w export` is an error that leaves no file. Prints each engine's wall time.
#   ort_crosscheck.sh C2W NODE NODE_MODULES MAKE_AVERAGE_MODEL
set -euo pipefail
c2w=$1 node=$2 node_modules=$3 make_average_model=$4
root=$(cd "$(dirname "$0")/../.." && pwd)
driver=$root/tests/onnx/ort_driver.js
[ -d "$node_modules/onnxruntime-node" ] || {
  echo "FAIL: no onnxruntime-node in $node_modules (the build installs it: cmake --build build)"
  exit 1
}
export NODE_PATH=$node_modules
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

source "$root/tests/lib/seconds.sh"  # seconds CMD...: status, elapsed

# check NAME MODEL PROGRAM_FOR_UNIVERSAL INPUT GREEDY_TOKENS: c2w's dense and hull runs,
# the exports, then ONNX Runtime teacher-forced and greedy (GREEDY_TOKENS at most).
check() {
  local name=$1 model=$2 program=$3 input=$4 greedy=$5 run=("$c2w" run) prompt onnx
  if [ -n "$program" ]; then run+=("$program" --model "$model"); else run+=("$model"); fi
  for engine in dense hull; do
    seconds "${run[@]}" --engine=$engine --trace "$work/$name.$engine.trace" --stats \
      < "$input" > "$work/$name.$engine.out" 2> "$work/$name.$engine.stats"
    echo "$name: c2w $engine exit $status, $elapsed s wall ($(sed -n 's/.*"seconds":\([0-9.e+-]*\).*/\1/p' \
      "$work/$name.$engine.stats" | tail -n 1) s decoding), $(wc -l < "$work/$name.$engine.trace") tokens"
  done
  cmp -s "$work/$name.dense.trace" "$work/$name.hull.trace" || fail "$name: dense and hull traces differ"
  prompt=$(tail -n 1 "$work/$name.hull.stats" | sed -n 's/.*"prompt_tokens":\([0-9]*\).*/\1/p')
  onnx=${model%.c2w}.onnx kv=${model%.c2w}.kv.onnx  # one export each per model file
  if [ ! -e "$onnx" ]; then
    seconds "$c2w" export "$model" --format=onnx -o "$onnx"
    [ "$status" = 0 ] || { fail "$name: c2w export exits $status"; return; }
    echo "$name: c2w export $elapsed s, $(($(stat -c %s "$onnx") >> 20)) MiB"
    "$c2w" export "$model" --format=onnx --kv-cache -o "$kv" || { fail "$name: c2w export --kv-cache fails"; return; }
  fi
  seconds "$node" "$driver" teacher "$onnx" "$work/$name.dense.trace" "$prompt"
  echo "$name: ONNX Runtime teacher-forced, $elapsed s wall"
  [ "$status" = 0 ] || fail "$name: ONNX Runtime's argmax is not the next token of c2w's trace"
  seconds "$node" "$driver" greedy "$kv" "$work/$name.dense.trace" "$prompt" "$greedy"
  echo "$name: ONNX Runtime greedy with the KV cache, $elapsed s wall"
  [ "$status" = 0 ] || fail "$name: ONNX Runtime's greedy decoding differs from c2w's trace"
}

"$c2w" compile "$root/tests/onnx/countdown.c" -o "$work/countdown.c2w" 2> /dev/null
"$c2w" compile "$root/tests/interop/trap_div0.c" -o "$work/trap.c2w" 2> /dev/null
"$c2w" compile "$root/tests/interop/crc32_stdin.c" -o "$work/crc32.c2w" 2> /dev/null
"$c2w" compile "$root/examples/hello.c" -o "$work/hello.c2w" 2> /dev/null
"$c2w" compile --universal -o "$work/universal.c2w" 2> /dev/null
"$make_average_model" "$work/average.c2w"
printf 0 > "$work/zero.in"
printf 3 > "$work/three.in"

check countdown "$work/countdown.c2w" "" "$work/three.in" 1000
check trap "$work/trap.c2w" "" "$work/zero.in" 1000
check crc32 "$work/crc32.c2w" "" "$root/tests/interop/crc32_stdin.in" 300
check average-tie "$work/average.c2w" "" /dev/null 1000
check hello "$work/hello.c2w" "" /dev/null 100
check universal-countdown "$work/universal.c2w" "$root/tests/onnx/countdown.c" "$work/three.in" 1000
check universal-trap "$work/universal.c2w" "$root/tests/interop/trap_div0.c" "$work/zero.in" 1000
# Greedy decoding without the KV cache too: the whole prefix through the plain graph each step.
"$node" "$driver" greedy "$work/countdown.onnx" "$work/countdown.dense.trace" 4 ||
  fail "countdown: greedy decoding on the graph without a KV cache differs from c2w's trace"
[ "$(cat "$work/countdown.dense.out")" = "3 2 1 go" ] || fail "the countdown printed $(cat "$work/countdown.dense.out")"
grep -qx '<trap:div0>' <(tail -n 1 "$work/trap.dense.trace") || fail "the trap program did not trap"
grep -qx '<halt>' <(tail -n 1 "$work/hello.dense.trace") || fail "hello did not halt"

# Controls. A trace with one generated token changed: ONNX Runtime must disagree.
sed '20s/.*/x07/' "$work/trap.dense.trace" > "$work/wrong.trace"
cmp -s "$work/wrong.trace" "$work/trap.dense.trace" && fail "the control trace is unchanged"
if "$node" "$driver" teacher "$work/trap.onnx" "$work/wrong.trace" 4 > "$work/wrong.out"; then
  fail "ONNX Runtime agrees with a wrong trace"
fi
grep -q "FAIL: at position 18" "$work/wrong.out" || fail "the wrong token is not reported: $(cat "$work/wrong.out")"

# Bad input to c2w export: a clear error, the documented exit code, no output file.
# expect_error EXIT PATTERN ARGS...: c2w ARGS exits EXIT with PATTERN on stderr and writes no out.onnx.
expect_error() {
  local want=$1 pattern=$2
  shift 2
  rm -f "$work/out.onnx"
  "$c2w" "$@" > /dev/null 2> "$work/error.txt" && status=0 || status=$?
  [ "$status" = "$want" ] || fail "c2w $*: exit $status, expected $want"
  grep -q -- "$pattern" "$work/error.txt" || fail "c2w $*: no '$pattern' in: $(cat "$work/error.txt")"
  [ ! -e "$work/out.onnx" ] || fail "c2w $*: left an output file"
}
head -c 1000 "$work/trap.c2w" > "$work/truncated.c2w"
expect_error 1 "missing.c2w: error" export "$work/missing.c2w" -o "$work/out.onnx"
expect_error 1 "truncated.c2w: error" export "$work/truncated.c2w" -o "$work/out.onnx"
expect_error 1 "compile the program first" export "$root/tests/interop/trap_div0.c" -o "$work/out.onnx"
expect_error 2 "tflite" export "$work/trap.c2w" --format=tflite -o "$work/out.onnx"
expect_error 2 "-o" export "$work/trap.c2w"
expect_error 1 "no_such_dir" export "$work/trap.c2w" -o "$work/no_such_dir/out.onnx"
ls "$work" | grep -q '\.tmp' && fail "a temporary file was left behind: $(ls "$work")"

echo "$failures failed"
[ $failures = 0 ]
