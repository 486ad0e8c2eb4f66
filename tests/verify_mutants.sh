#!/usr/bin/env bash
# Mutation test of `c2w verify`: one weight of each gadget family of a compiled model
# changed by +1 (tests/support/mutate_model.cpp), and `c2w verify` run on each mutant.
# A mutant is killed when verify refutes an obligation (a head-query or head-key mutant
# also when a head's selection, proved on the original, is lost: verify/head_semantics.h). Prints the kill rate per family
# and in all, and fails when it is below MIN_PERCENT, or when the unmutated model has a
# refuted obligation (a false alarm). The op proofs are skipped here (--no-op-proofs: they
# never refute, and cost seconds per op); their own mutation test is the unit test
# "op proofs: one weight changed in an op's cone makes its proof fail", and, on a
# specialised model, two mutants in the control and trap proofs' cones at the end.
# With --cones "OP=PREFIX ...", instead: SEEDS mutants of each op's cone (one weight of a
# neuron writing a feature PREFIX..., mutate_model's cone:PREFIX family), each verified
# with that op's proof (`--op OP`, op proofs on); a mutant is killed when an obligation
# is refuted or the op's proof is lost (its obligation not proved).
#   verify_mutants.sh C2W MUTATE_MODEL MIN_PERCENT SEEDS universal|EXAMPLE.c [--cones "OP=PREFIX ..."] [verify options...]
set -u
c2w=$(realpath "$1")
mutate=$(realpath "$2")
min_percent=$3
seeds=$4
what=$5
shift 5
cones=""
if [ "${1:-}" = --cones ]; then
  cones=$2
  shift 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$what" = universal ]; then
  "$c2w" compile --universal -o "$work/model.c2w" 2> /dev/null || { echo "FAILED: compile --universal"; exit 1; }
  args=(--no-figures --no-op-proofs "$@")
else
  "$c2w" compile "$root/$what" -o "$work/model.c2w" 2> /dev/null || { echo "FAILED: compile $what"; exit 1; }
  args=(--no-figures --no-op-proofs --program "$root/$what" "$@")
fi

"$c2w" verify "$work/model.c2w" "${args[@]}" > "$work/original.txt"
if grep -q '^refuted' "$work/original.txt"; then
  echo "FAILED: the unmutated model has a refuted obligation:"
  grep '^refuted' "$work/original.txt"
  exit 1
fi

families="embedding unembedding head-query head-key head-value head-output ffn-gate ffn-threshold ffn-value ffn-output"
[ "$what" = universal ] || families="$families rom"
if [ -n "$cones" ]; then
  families=""
  for cone in $cones; do families="$families cone:${cone#*=}"; done
  # the op proofs on, each mutant verified for its own op, which the original proves
  keep=()
  for a in "${args[@]}"; do [ "$a" = --no-op-proofs ] || keep+=("$a"); done
  args=("${keep[@]}")
  for cone in $cones; do
    "$c2w" verify "$work/model.c2w" "${args[@]}" --op "${cone%%=*}" > "$work/original.txt"
    grep -q "^proved   op      ${cone%%=*} " "$work/original.txt" ||
      { echo "FAILED: the unmutated model's ${cone%%=*} is not proved"; exit 1; }
  done
fi
op_of() {  # the op whose cone a family mutates ("" for the standard families)
  for cone in $cones; do [ "cone:${cone#*=}" = "$1" ] && echo "${cone%%=*}" && return; done
}
total=0
killed=0
for family in $families; do
  family_killed=0
  family_total=0
  for seed in $(seq 1 "$seeds"); do
    what_changed=$("$mutate" "$work/model.c2w" "$work/mutant.c2w" "$family" "$seed") || continue
    op=$(op_of "$family")
    if [ -n "$op" ]; then
      "$c2w" verify "$work/mutant.c2w" "${args[@]}" --op "$op" > "$work/mutant.txt" 2>&1
    else
      "$c2w" verify "$work/mutant.c2w" "${args[@]}" > "$work/mutant.txt" 2>&1
    fi
    status=$?
    if [ $status -gt 1 ]; then  # an error is neither a kill nor a survival
      echo "FAILED: verify exited $status on the mutant ($what_changed):"
      tail -3 "$work/mutant.txt"
      exit 1
    fi
    family_total=$((family_total + 1))
    if grep -q '^refuted' "$work/mutant.txt"; then
      family_killed=$((family_killed + 1))
      echo "killed:   $what_changed: $(grep -m1 '^refuted' "$work/mutant.txt" | cut -c1-160)"
    elif { [ "$family" = head-query ] || [ "$family" = head-key ]; } && grep -q '^unknown  head ' "$work/mutant.txt" &&
      ! grep -q '^unknown  head ' "$work/original.txt"; then
      # a head's selection (verify/head_semantics.h) is no longer proved: two keys, their scores
      family_killed=$((family_killed + 1))
      echo "killed:   $what_changed: a head's selection lost: $(grep -m1 '^unknown  head ' "$work/mutant.txt" | cut -c1-300)"
    elif [ -n "$op" ] && ! grep -q "^proved   op      $op " "$work/mutant.txt"; then
      family_killed=$((family_killed + 1))
      echo "killed:   $what_changed: $op's proof lost: $(grep -m1 "op      $op " "$work/mutant.txt" | cut -c1-400)"
    else
      echo "survived: $what_changed"
    fi
  done
  echo "family $family: $family_killed of $family_total mutants $([ -n "$(op_of "$family")" ] && echo killed || echo refuted)"
  total=$((total + family_total))
  killed=$((killed + family_killed))
done
percent=$((total > 0 ? 100 * killed / total : 0))
echo "kill rate: $killed of $total mutants $([ -n "$cones" ] && echo "killed (refuted or proof lost)" || echo refuted) ($percent %)"

# The proofs from the weights never refute, so a mutant in a proof's cone is killed when
# its obligation is no longer proved (with the op proofs on): a store's address carry,
# and the division-by-zero test of the divisions' trap token (verify/control_proofs.h).
# The unit test "control proofs: one weight changed in a control or trap cone ..." runs
# many more on the claims alone.
proof_failures=0
if [ "$what" != universal ] && [ -z "$cones" ]; then
  for case in "st32:op      st32:store.address.carry2" "remu:trap    remu division by zero:div0"; do
    op=${case%%:*}; rest=${case#*:}; obligation=${rest%%:*}; feature=${rest#*:}
    grep -q "^[a-z]* *op      $op " "$work/original.txt" || continue
    what_changed=$("$mutate" "$work/model.c2w" "$work/mutant.c2w" "neuron:$feature" 1) || { proof_failures=1; continue; }
    "$c2w" verify "$work/mutant.c2w" --op "$op" --no-figures > "$work/mutant.txt" 2>&1
    # (verify_models.sh shows the obligation proved on the unmutated model)
    if grep -q "^unknown  $obligation .*the weights give" "$work/mutant.txt"; then
      echo "killed:   $what_changed: $obligation is no longer proved (a counterexample)"
    else
      echo "FAILED: $what_changed: $obligation on the mutant:"
      grep "$obligation" "$work/mutant.txt" | cut -c1-300
      proof_failures=1
    fi
  done
fi
[ "$total" -gt 0 ] && [ "$percent" -ge "$min_percent" ] && [ $proof_failures = 0 ]
