#!/usr/bin/env bash
# The lean runner c2w-run against `c2w run`: it links no Clang, LLVM or Z3, and on
# model files (specialised and universal) and machine programs it prints the same
# output, exit code, token trace and statistics keys as c2w run, with the same flags;
# its own block compiler (runtime/block_x86.h, no plugin) gives the same trace; bad
# input is exit 1 with a message.
#   lean_runner.sh C2W_BINARY C2W_RUN_BINARY
set -u
c2w=$(realpath "$1")
lean=$(realpath "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
check() {  # check "description" command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

# What the binaries map: c2w-run is linked statically (CMakeLists.txt), so it maps no
# shared library at all (no libLLVM, libclang-cpp or libz3, no dynamic loader) and
# loads no plugin (its block kernels come from runtime/block_x86.h, linked in); c2w,
# dynamically linked, is the counter-check.
readelf -dW "$c2w" > c2w.dynamic 2>&1; readelf -dW "$lean" > lean.dynamic 2>&1
check "readelf sees c2w's dynamic section and libLLVM in it (the check below can fail)" grep -q 'NEEDED.*libLLVM' c2w.dynamic
check "c2w-run has no dynamic section" grep -q 'no dynamic section' lean.dynamic
readelf -lW "$c2w" > c2w.segments && readelf -lW "$lean" > lean.segments
check "readelf sees c2w's program interpreter (the check below can fail)" grep -q 'INTERP' c2w.segments
check "c2w-run has no program interpreter" bash -c '! grep -q INTERP lean.segments'
check "file says c2w-run is statically linked" bash -c 'file -b "$0" | grep -q "statically linked"' "$lean"
nm "$c2w" > c2w.symbols 2> /dev/null; nm "$lean" > lean.symbols 2> /dev/null
check "nm lists c2w-run's symbols (the check below can fail)" grep -q ' main$' lean.symbols
# (glibc links its own dlopen into every static program, an empty one too: what c2w-run
# must not hold is a plugin to load with it.)
check "c2w-run names no plugin to load" bash -c '! grep -aEq "libc2w_jit|C2W_JIT_PLUGIN" "$0"' "$lean"
check "c2w-run holds no LLVM, Clang or Z3 code" bash -c '! grep -Eq "(llvm|clang|Z3_)" lean.symbols'
# Linked by lld, the functions of a short run come first in the order
# tools/c2w_run_order.txt gives (CMakeLists.txt): the list must name c2w-run's
# functions, else it orders nothing (rewrite it with tools/order_c2w_run.sh).
if readelf -p .comment "$lean" 2> /dev/null | grep -q 'Linker:.*LLD'; then
  listed=$(grep -c . "$root/tools/c2w_run_order.txt")
  found=$(awk 'NR == FNR {listed[$1] = 1; next} ($NF in listed) && !seen[$NF]++' "$root/tools/c2w_run_order.txt" \
    lean.symbols | wc -l)
  check "tools/c2w_run_order.txt names c2w-run's functions ($found of $listed; rewrite it with tools/order_c2w_run.sh)" \
    [ $((found * 10)) -ge $((listed * 9)) ]
else
  echo "skipped: c2w-run was not linked by lld, so not in the order of tools/c2w_run_order.txt"
fi
# Position-dependent and linked with --gc-sections (CMakeLists.txt): nothing relocates
# it at start-up (c2w, a PIE, has thousands of relative relocations).
readelf -rW "$c2w" > c2w.relocations && readelf -rW "$lean" > lean.relocations
check "readelf sees relative relocations in c2w (the check below can fail)" grep -q R_X86_64_RELATIVE c2w.relocations
check "c2w-run needs no relative relocations" bash -c '! grep -q R_X86_64_RELATIVE lean.relocations'

# Runs both with the same arguments; compares stdout, exit code and the trace file.
same() {  # same "description" env... -- args...
  local what=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" "$c2w" run "$@" --trace full.trace --stats < input > full.out 2> full.err; full=$?
  env "${envs[@]}" "$lean" "$@" --trace lean.trace --stats < input > lean.out 2> lean.err; lean_status=$?
  check "$what: same stdout" cmp -s full.out lean.out
  check "$what: same exit code ($full)" [ "$full" = "$lean_status" ]
  check "$what: same token trace" cmp -s full.trace lean.trace
  check "$what: a non-empty trace" [ -s lean.trace ]
  # The statistics: the same keys and counts, the kernels' status included (both build
  # them with runtime/block_x86.h), but for timings (they differ run to run).
  keys() { tail -1 "$1" | python3 -c 'import json,sys; j=json.load(sys.stdin)
for k in ("seconds","tokens_per_second","setup_seconds","load_seconds","instructions_per_second"): j.pop(k,None)
j.get("kernels",{}).pop("build_seconds",None); print(json.dumps(j,sort_keys=True))'; }
  check "$what: the same statistics but for timings" [ "$(keys full.err)" = "$(keys lean.err)" ]
}

# A short program that reads its input, prints and exits with a code from it.
cat > shout.c <<'PROGRAM'
#include <stdio.h>
int main(void) {
  int c, sum = 0;
  while ((c = getchar()) != EOF) {
    putchar(c >= 'a' && c <= 'z' ? c - 32 : c);
    sum += c;
  }
  printf("sum %d\n", sum);
  return sum % 7;
}
PROGRAM
printf 'hi c2w\n' > input
"$c2w" compile shout.c -o shout.c2w 2> /dev/null
"$c2w" compile shout.c --emit=isa -o shout.isa
"$c2w" compile shout.c --emit=bin -o shout.bin
"$c2w" compile --universal -o universal.c2w 2> /dev/null
same "a specialised model, hull engine" -- shout.c2w --engine=hull
same "a specialised model, dense engine" -- shout.c2w --engine=dense --max-steps 400
same "the block kernels, by default" -- shout.c2w --engine=hull
check "c2w-run compiled the kernels" grep -q '"kernels":{[^}]*"status":"compiled"' lean.err
check "  and c2w too" grep -q '"kernels":{[^}]*"status":"compiled"' full.err
same "the block kernels built later" C2W_JIT_AFTER=20 -- shout.c2w --engine=hull
check "  (built in the run)" grep -q '"kernels":{[^}]*"status":"compiled"' lean.err
same "the arrays walked" C2W_NO_JIT=1 -- shout.c2w --engine=hull
same "the universal model, a binary program" -- shout.bin --model universal.c2w --engine=hull
same "text assembly on the reference interpreter" -- shout.isa
same "a binary program, cut by --max-steps" -- shout.bin --max-steps 50
check "  which exits 124" [ "$lean_status" = 124 ]
"$lean" shout.c2w --engine=hull --input input > from_file.out
"$lean" shout.c2w --engine=hull < input > from_stdin.out
check "--input FILE gives what stdin gives" cmp -s from_file.out from_stdin.out
# A short run's peak memory under a generous bound (a run of this size measures ~1.5
# MiB, README "Side by side"): it catches a gross regression (the text scattered over
# the whole binary again, a model read densely), not a few pages more.
# (GNU time: a child of a large process, python's, would count its parent's pages.)
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true > /dev/null 2>&1; then
  peak=$(/usr/bin/time -f %M "$lean" shout.c2w --engine=hull --stats < input 2>&1 > /dev/null | tail -1)
  check "a short hull run's peak RSS is under 3 MiB (${peak} KiB)" [ "$peak" -lt 3072 ]
else
  echo "skipped: no GNU time (/usr/bin/time) to measure a run's peak RSS"
fi
"$lean" shout.c2w --engine=hull --explain < input > /dev/null 2> lean.explain
"$c2w" run shout.c2w --engine=hull --explain < input > /dev/null 2> full.explain
check "--explain prints the same readable trace" cmp -s lean.explain full.explain

# Bad input: exit 1, a message naming the file, nothing written.
expect_error() {  # expect_error "description" "message pattern" args...
  local what=$1 pattern=$2; shift 2
  "$lean" "$@" --trace bad.trace < input > /dev/null 2> bad.err; local status=$?
  check "$what: exit 1 ($status)" [ $status = 1 ]
  check "$what: says '$pattern'" grep -q -- "$pattern" bad.err
  check "$what: no trace file" [ ! -e bad.trace ]
}
expect_error "C source" "shout.c is C source" shout.c
expect_error "a program on a transformer engine without a model" "compile it into weights first" shout.isa \
  --engine=hull
printf 'int main(void) { return 10 / (getchar() - 48); }\n' > div.c
"$c2w" compile div.c -o div.c2w 2> /dev/null
printf '0' > input
same "a division by zero" -- div.c2w --engine=hull
check "  which exits 134" [ "$lean_status" = 134 ]
expect_error "a missing file" "missing.c2w" missing.c2w --engine=hull
head -c 100 shout.c2w > truncated.c2w
expect_error "a truncated model" "truncated.c2w" truncated.c2w --engine=hull
expect_error "a model on the reference engine" "is a compiled model" shout.c2w
expect_error "an unknown engine" "unknown engine" shout.c2w --engine=fast
"$lean" shout.c2w --max-steps -3 > /dev/null 2>&1
check "a negative --max-steps is a command-line error (exit 2)" [ $? = 2 ]

[ $failures = 0 ] && echo "all lean runner checks passed" || echo "$failures lean runner checks failed"
exit $((failures > 0))
