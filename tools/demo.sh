#!/usr/bin/env bash
# The main job: compile a C example into transformer weights, show the model's shape,
# run the program on the transformer (hull KV cache) and check its output and exit
# code against the reference interpreter.
#   tools/demo.sh [examples/NAME.c]     (default: examples/hungarian.c, ~210k tokens)
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh > /dev/null
program=${1:-examples/hungarian.c}
input="${program%.c}.in"
[ -f "$input" ] || input=/dev/null
name=$(basename "$program" .c)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/c2w compile "$program" -o "$work/$name.c2w"
build/c2w inspect "$work/$name.c2w"
status=0
build/c2w run "$work/$name.c2w" --engine=hull --stats < "$input" > "$work/transformer.out" || status=$?
cat "$work/transformer.out"
ref_status=0
build/c2w run "$program" --engine=reference < "$input" > "$work/reference.out" || ref_status=$?
if cmp -s "$work/transformer.out" "$work/reference.out" && [ "$status" = "$ref_status" ]; then
  echo "demo: the transformer's output and exit code ($status) equal the reference interpreter's"
else
  echo "demo: MISMATCH between the transformer (exit $status) and the reference (exit $ref_status)" >&2
  exit 1
fi
