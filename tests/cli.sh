#!/usr/bin/env bash
# End-to-end checks of the c2w command line: every program form runs the same, the
# trace and statistics outputs, exit codes for traps, step limits and bad input, and
# that failed commands leave no output file.
#   cli.sh C2W_BINARY [MAKE_DEMO_MODEL_BINARY]
set -u
c2w=$(realpath "$1")
make_demo_model=${2:+$(realpath "$2")}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
check() {  # check "description" command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

cp "$root/examples/crc32.c" prog.c
"$c2w" run prog.c > from_c.out; c_status=$?
"$c2w" compile prog.c --emit=isa -o prog.isa
"$c2w" compile prog.c --emit=bin -o prog.bin
"$c2w" run prog.isa > from_isa.out; isa_status=$?
"$c2w" run prog.bin > from_bin.out; bin_status=$?
check "C, text assembly and binary forms give the same output" cmp -s from_c.out from_isa.out
check "binary form gives the same output" cmp -s from_c.out from_bin.out
check "same exit codes" [ "$c_status/$isa_status/$bin_status" = "0/0/0" ]

"$c2w" run prog.c --trace prog.trace --stats > /dev/null 2> stats.json
check "trace starts with the prompt" [ "$(head -3 prog.trace | tr '\n' ' ')" = "<bos> <eoi> @0 " ]
check "trace ends with the exit code and <halt>" [ "$(tail -2 prog.trace | tr '\n' ' ')" = "x00 <halt> " ]
tokens=$(grep -o '"tokens":[0-9]*' stats.json | cut -d: -f2)
check "stats count every trace token" [ "$tokens" = "$(wc -l < prog.trace)" ]
for key in instructions tokens seconds tokens_per_second tokens_per_instruction; do
  check "stats has $key" grep -q "\"$key\":" stats.json
done

# Constant printf formats are split into the libc's pieces and sscanf(s, "%d", p)
# becomes its one-int scan when optimising (the outputs are tests/programs'
# printf_constant_formats and scanf_single_int against gcc); at -O0 they stay calls.
cat > formats.c <<'C'
#include <stdio.h>
int main(void) { int n = 0; sscanf("12", "%d", &n); printf("n=%d %s\n", n, "ok"); return 0; }
C
"$c2w" compile formats.c --emit=isa -o formats.isa
"$c2w" compile formats.c -O0 --emit=isa -o formats0.isa
check "a constant printf format is split into pieces" \
  grep -q '^.func __c2w_printf_d ' formats.isa
check "no printf nor sscanf is linked for them" \
  bash -c '! grep -Eq "^.func (printf|vprintf|sscanf) " formats.isa'
check "at -O0 printf and sscanf are called as written" \
  bash -c 'grep -q "^.func printf " formats0.isa && grep -q "^.func sscanf " formats0.isa'
check "the split program prints what printf does" [ "$("$c2w" run formats.c)" = "n=12 ok" ]

printf 'int main(void) { volatile int z = 0; return 10 / z; }\n' > div0.c
"$c2w" run div0.c > /dev/null 2> div0.err; status=$?
check "division by zero exits 134" [ $status = 134 ]
check "the trap names the source line" grep -q "trap: division by zero at pc .* in main, div0.c:1" div0.err

# gcc's -f flags that change what the C means reach Clang in its own spelling.
cat > wrap.c <<'C'
int main(int argc, char **argv) { (void)argv; int x = 0x7fffffff - 1 + argc; return x + 1 < x; }
C
"$c2w" run wrap.c -fwrapv; status=$?
check "-fwrapv: signed overflow wraps" [ $status = 1 ]
"$c2w" run wrap.c -fwrapv -fno-wrapv; status=$?
check "-fno-wrapv after -fwrapv: overflow is undefined again (folded to false)" [ $status = 0 ]
cat > alias.c <<'C'
__attribute__((noinline)) static int store(int *i, short *s) { *i = 1; *s = 2; return *i; }
int main(void) { int x; return store(&x, (short *)&x); }
C
"$c2w" run alias.c -fno-strict-aliasing; status=$?
check "-fno-strict-aliasing: a store through a short* is seen by an int* load" [ $status = 2 ]
"$c2w" run alias.c -fstrict-aliasing > /dev/null; status=$?
check "-fstrict-aliasing (the default): the optimiser assumes they do not alias" [ $status = 1 ]

printf 'int main(void) { for (;;) {} }\n' > spin.c
"$c2w" run spin.c --max-steps 1000 > /dev/null 2> spin.err; status=$?
check "the step limit exits 124" [ $status = 124 ]
check "the step limit says how to raise it" grep -q "raise it with --max-steps" spin.err

printf 'int main(void) { int a[4]; return a[1] }\n' > bad.c
"$c2w" compile bad.c -o bad.isa 2> bad.err; status=$?
check "a compile error exits 1" [ $status = 1 ]
check "a compile error leaves no output file" [ ! -e bad.isa ]
"$c2w" run missing.c 2> missing.err; status=$?
check "a missing file exits 1" [ $status = 1 ]
check "a missing file is named" grep -q "missing.c: error: no such file" missing.err
head -c 100 prog.bin > truncated.bin
"$c2w" run truncated.bin 2> truncated.err; status=$?
check "a truncated binary exits 1" [ $status = 1 ]
check "a truncated binary is reported" grep -q "not a valid c2w program image" truncated.err
"$c2w" run prog.c --engine=warp 2> engine.err; status=$?
check "an unknown engine exits 1" [ $status = 1 ]
"$c2w" frobnicate 2> /dev/null; status=$?
check "an unknown subcommand exits 2" [ $status = 2 ]

printf 'int f(void) { return 1; }\nint main(void) { return f(); }\n' > one.c
printf 'int f(void) { return 2; }\n' > two.c
"$c2w" run one.c two.c > /dev/null 2> twice.err; status=$?
check "a function defined in two files exits 1" [ $status = 1 ]
check "a function defined in two files names both" grep -q "two.c: error: cannot link it with one.c" twice.err
"$c2w" compile one.c two.c -o twice.isa 2> /dev/null; status=$?
check "a failed link writes nothing" [ $status = 1 ] && [ ! -e twice.isa ]
"$c2w" run prog.isa two.c > /dev/null 2> mixed.err; status=$?
check "only C files are linked together" grep -q "only C sources are linked together" mixed.err

"$c2w" symex missing.c > /dev/null 2>&1; status=$?
check "symex on a missing file exits 2" [ $status = 2 ]
"$c2w" symex prog.c --reach prog.c:1 > /dev/null 2> reach.err; status=$?
check "symex --reach on a line without code exits 2" [ $status = 2 ]
check "symex --reach on a line without code says so" grep -q "no code at that line" reach.err

if [ -n "$make_demo_model" ]; then
  "$make_demo_model" demo.c2w
  "$c2w" run demo.c2w --engine=dense --stats --trace demo.trace < /dev/null > demo.out 2> demo.err; status=$?
  check "a model runs on the dense engine: output" [ "$(cat demo.out)" = "Hi" ]
  check "a model runs on the dense engine: exit code" [ $status = 3 ]
  check "a model's trace is written" [ "$(tr '\n' ' ' < demo.trace)" = "<bos> <eoi> @0 out:48 out:69 out:0a x03 <halt> " ]
  check "a model run's stats name the shape" grep -q '"d_model":17' demo.err
  "$c2w" run demo.c2w --engine=hull --trace hull.trace < /dev/null > hull.out; status=$?
  check "the hull engine gives the dense engine's trace" cmp -s demo.trace hull.trace
  check "dense stats: no kernels" grep -q '"kernels":{[^}]*"status":"none"' demo.err
  C2W_JIT_AFTER=1000 "$c2w" run demo.c2w --engine=hull --stats < /dev/null > /dev/null 2> hull.err
  check "hull stats: a run shorter than C2W_JIT_AFTER defers the kernels" \
    grep -q '"kernels":{[^}]*"status":"deferred"' hull.err
  "$c2w" run demo.c2w --engine=hull --stats < /dev/null > /dev/null 2> hull.err
  check "hull stats: the kernels are compiled by default (x86-64)" grep -q '"kernels":{[^}]*"status":"compiled"' hull.err
  check "hull stats: the engine's setup is timed apart" grep -q '"setup_seconds":' hull.err
  check "dense stats: no prefill counts" sh -c '! grep -q "\"prefill\"" demo.err'
  check "hull stats: no prefill counts when the prompt was stepped" sh -c '! grep -q "\"prefill\"" hull.err'
  C2W_NO_JIT=1 "$c2w" run demo.c2w --engine=hull --stats < /dev/null > /dev/null 2> nojit.err
  check "hull stats: C2W_NO_JIT disables the kernels" grep -q '"kernels":{[^}]*"status":"disabled"' nojit.err
  C2W_JIT_AFTER=soon "$c2w" run demo.c2w --engine=hull < /dev/null > /dev/null 2> jit.err; status=$?
  check "a bad C2W_JIT_AFTER is a user error" [ $status = 1 ]
  "$c2w" run demo.c2w --engine=hull --stats < /dev/null > /dev/null 2> sums.err
  check "hull stats: a short run defers the shared sums" grep -q '"shared_sums":"deferred"' sums.err
  C2W_SHARE_SUMS_AFTER=0 "$c2w" run demo.c2w --engine=hull --stats --trace sums.trace < /dev/null > /dev/null 2> sums.err
  check "hull stats: C2W_SHARE_SUMS_AFTER=0 factors them out at once" grep -q '"shared_sums":"factored"' sums.err
  check "... and the trace is the same" cmp -s demo.trace sums.trace
  C2W_SHARE_SUMS_AFTER=-3 "$c2w" run demo.c2w --engine=hull < /dev/null > /dev/null 2> sums.err; status=$?
  check "a bad C2W_SHARE_SUMS_AFTER is a user error" [ $status = 1 ]
  check "... that names the variable" grep -q "C2W_SHARE_SUMS_AFTER must be" sums.err
  "$c2w" inspect demo.c2w > inspect.out; status=$?
  check "inspect prints the model's shape" grep -q "vocabulary 8, d_model 17, layers 1, heads 0, FFN width 8" inspect.out
  "$c2w" run demo.c2w < /dev/null > /dev/null 2> ref.err; status=$?
  check "a model on the reference engine is a user error" [ $status = 1 ]
  head -c 200 demo.c2w > cut.c2w
  "$c2w" inspect cut.c2w 2> cut.err; status=$?
  check "a truncated model file is a user error" [ $status = 1 ]
  printf 'x' | "$c2w" run demo.c2w --engine=dense > /dev/null 2> vocab.err; status=$?
  check "input outside the model's vocabulary is a user error" [ $status = 1 ]
fi

echo "$failures failed"
[ $failures = 0 ]
