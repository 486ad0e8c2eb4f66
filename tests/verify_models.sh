#!/usr/bin/env bash
# `c2w verify` on compiled models: the universal model and specialised examples.
# Nothing may be refuted (the weights are right); the model's shapes are proved; the
# float64 exactness and the margins are proved or unknown (the box analysis cannot show
# every quantity: it says which one), at least the first heads' margins are proved; the
# ROM is proved from the pc embeddings; the value ops (add .. select, shifts, mul, div, rem,
# loads) are proved from the weights, and so are the branches, jmp, the stores, calls,
# ret, trap and the loads' and divisions' trap tokens (on the universal model through the
# fetch heads' outputs, the record's bytes); the other ops, which verify tests but does
# not prove, must say so (unknown, with the tokens they were tested on). Exit 1 while any
# obligation is unknown.
#   verify_models.sh C2W_BINARY universal|EXAMPLE.c [verify options...]
set -u
c2w=$(realpath "$1")
what=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check "description" command...
  local description=$1; shift
  if "$@"; then echo "ok: $description"; else echo "FAILED: $description"; failures=$((failures + 1)); fi
}

if [ "$what" = universal ]; then
  "$c2w" compile --universal -o "$work/model.c2w" 2> /dev/null || { echo "FAILED: compile --universal"; exit 1; }
  # 120 s a Z3 query: getc's value bytes B5..B7 are one query of about 30 s here.
  "$c2w" verify "$work/model.c2w" --json "$work/report.json" --timeout 120 "$@" > "$work/report.txt"
  status=$?
else
  source="$root/$what"
  "$c2w" compile "$source" -o "$work/model.c2w" 2> /dev/null || { echo "FAILED: compile $what"; exit 1; }
  input=/dev/null
  [ -f "${source%.c}.in" ] && input="${source%.c}.in"
  "$c2w" verify "$work/model.c2w" --program "$source" --input "$input" --json "$work/report.json" "$@" \
    > "$work/report.txt"
  status=$?
fi
cat "$work/report.txt"
table="$work/report.txt"
check "exit code 0 or 1 (not an error)" [ $status -le 1 ]
check "the model's shapes and weights are proved" grep -q "^proved   model " "$table"
check "the float64 exactness obligation is reported" grep -q "^[a-z]* *exact .*float64 below" "$table"
check "the first head's margin is proved" bash -c "grep -m1 '^[a-z]* *margin *head' '$table' | grep -q '^proved'"
check "the unembedding margin is reported" grep -q "margin  unembedding argmax" "$table"
check "nothing is refuted" bash -c "[ -s '$table' ] && ! grep -q '^refuted' '$table'"
# The value ops are proved from the weights (verify/op_proofs.h), each with what it
# assumes; the ops outside the proofs stay unknown, saying why.
# (Skipped with --no-op-proofs.)
proofs=yes
printf '%s\n' "$@" | grep -q -- --no-op-proofs && proofs=no
[ $proofs = yes ] && for op in add sub and or xor eq lt_u select mov ld32 shl shr_u shr_s putc halt; do
  check "op $op is proved from the weights" bash -c "grep -q '^proved   op      $op .*proved from the weights for all operand values.*assumes at P' '$table'"
done
# Their byte count (delta writes) is a claim of the same obligation (verify/op_proofs.h).
[ $proofs = yes ] && for op in add sub mov ld32 shl; do
  check "op $op's byte count is the delta write's" bash -c "grep -q '^proved   op      $op .*the byte count trace::delta_byte_count(old bytes, value)' '$table'"
done
# The multiplications (mul, mulhu, mulhs) are proved through their word from the byte
# products (verify/arith_proofs.h) wherever the model has them (the universal model has
# all three).
[ $proofs = yes ] && for op in mul mulhu mulhs; do
  if [ "$what" = universal ] || grep -q "^[a-z]* *op      $op " "$table"; then
    check "op $op is proved from the byte products" bash -c "grep -q '^proved   op      $op .*the ISA.s word of the schoolbook product.*assumes at P' '$table'"
  fi
done
# The divisions are proved digit step by digit step wherever the model has them.
[ $proofs = yes ] && for op in divu remu divs rems; do
  if [ "$what" = universal ] || grep -q "^[a-z]* *op      $op " "$table"; then
    check "op $op is proved through its digit steps" bash -c "grep -q '^proved   op      $op .*each digit q_k exactly the 255 threshold pairs.*assumes at P' '$table'"
  fi
done
# The branches' next pc is proved from the ROM's target and next (specialised models),
# or from the fetched record's bytes (the universal model, cut at the fetch heads).
[ $proofs = yes ] && for op in br_eq br_lt_u; do
  check "op $op's next pc is proved from the weights" bash -c "grep -q '^proved   op      $op .*the plan.s next pc is the target when.*assumes at P' '$table'"
done
# jmp, the stores, calls, ret and trap (verify/control_proofs.h), and the trap tokens of
# the loads and divisions, proved from the ROM's fields (specialised) or, on the
# universal model, through the fetch heads' outputs, the fields decoded by the weights.
if [ $proofs = yes ]; then
  ops="jmp st8 st16 st32 call calli ret trap getc"
  for op in $ops; do
    grep -q "^[a-z]* *op      $op " "$table" || continue
    check "op $op's tokens are proved from the weights" bash -c "grep -q '^proved   op      $op .*as the reference interpreter emits them.*assumes at P' '$table'"
  done
  for op in ld8_u ld32 divu remu; do
    grep -q "^[a-z]* *op      $op " "$table" || continue
    check "op $op's trap token is proved from the weights" bash -c "grep -q '^proved   trap    $op .*the trap token of $op under the ISA.s trap rule' '$table'"
  done
fi
if [ $proofs = yes ] && [ "$what" = universal ]; then
  check "the universal model's control proofs state their cut at the fetch heads" \
    bash -c "grep -q '^proved   op      calli .*the fetch heads return the bytes of the record of instruction pc' '$table'"
fi
# With the op proofs, every model here is verified in full.
[ $proofs = yes ] && check "the model is verified in full: every obligation proved, exit 0" \
  bash -c "[ $status = 0 ] && grep -q '^\([0-9]*\) proved, 0 refuted, 0 unknown of \\1 obligations' '$table'"
# Every model (the universal one and the specialised hello, crc32, fibonacci) is exact in
# float64 at max_positions (2^25) for every token sequence (write_marks.cpp: the marks'
# big-M exceeds every offset; div_rem.cpp: |b| read off b's word; numeric_bounds.h: the
# universal model's write roles stay exclusive through the fetched op byte; call_ret.cpp:
# calli's entry flag is 0 or 1 whatever the prompt's byte), so every head margin and the
# unembedding argmax margin are proved.
check "the float64 exactness at max_positions is proved" grep -q "^proved   exact   float64 below 33554432 positions" "$table"
check "every head margin and the unembedding margin are proved" bash -c \
  "grep -q '^proved   margin  unembedding argmax' '$table' && ! grep -q '^unknown  margin' '$table'"
# What every head selects (verify/head_semantics.h): one `head` obligation per head, each
# proved: the intended key (the latest write of the address, the latest call record into
# the frame, the input token at cursor + 1, the prompt byte asked for, the latest marked
# position) wins, and a memory head's hit test is [winner == Q].
check "every head's selection is proved (one head obligation per margin head)" bash -c \
  "[ \$(grep -c '^[a-z]* *margin  head ' '$table') -gt 0 ] &&
   [ \$(grep -c '^proved   head    head ' '$table') = \$(grep -c '^[a-z]* *margin  head ' '$table') ]"
check "a memory head's hit test is proved with its selection" \
  grep -q "^proved   head    head .*(memory:a) .*the latest write of address Q wins.*hit test hit.a1 = \[W == Q\]" "$table"
check "the summary line counts the obligations" grep -q "proved, 0 refuted, .* unknown of .* obligations" "$table"
if ! printf '%s\n' "$@" | grep -q -- --no-figures; then
  check "the exact position counts per format are printed" grep -q "float64 [0-9]" "$table"
  if [ "$what" = examples/hello.c ]; then  # numeric_bounds.h: about 1.66e7 positions
    check "hello's model is proved exact in float64 below at least 10^7 positions" bash -c \
      "[ \$(grep -o 'float64 [0-9][0-9]*' '$table' | head -1 | cut -d' ' -f2) -ge 10000000 ]"
  fi
fi
check "the JSON report is written" grep -q '"exact_positions"' "$work/report.json"
if [ "$what" != universal ]; then
  check "the ROM is proved from the pc embeddings, and the program's trace matched (rom)" \
    grep -q "^proved   rom .*pc columns decoded.*the program's trace on the engine" "$table"
  other=examples/hello.c
  [ "$what" = examples/hello.c ] && other=examples/crc32.c
  "$c2w" verify "$work/model.c2w" --program "$root/$other" --no-figures --no-op-proofs > "$work/other.txt"
  other_status=$?
  check "another program's trace is refuted on this model (rom), exit 1" \
    bash -c "[ $other_status = 1 ] && grep -q '^refuted  rom .*counterexample' '$work/other.txt'"
fi
[ $failures = 0 ]
