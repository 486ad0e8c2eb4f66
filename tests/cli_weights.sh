#!/usr/bin/env bash
# End-to-end checks of the weight compiler's command line: a program compiled into
# weights runs like the reference (output, exit code, trace), dumps are
# deterministic, the universal model runs a program from its prompt, traps and token
# limits give the right exit codes, and bad requests fail cleanly.
#   cli_weights.sh C2W_BINARY
set -u
c2w=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export C2W_CACHE_DIR="$work/cache"
failures=0
check() {  # check "description" command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

cat > prog.c <<'C'
#include <stdio.h>
int main(void) {
  int c, n = 0;
  while ((c = getchar()) != EOF) n = n * 31 + c;
  printf("hash %d of %s\n", n % 1000, "input");
  return n & 7;
}
C
printf 'abc' > prog.in
"$c2w" run prog.c --trace ref.trace < prog.in > ref.out; ref_status=$?
"$c2w" compile prog.c -o prog.c2w 2> compile.err
check "compile -o prog.c2w writes a model" [ -s prog.c2w ]
check "compile reports the model's shape" grep -q "layers, d_model" compile.err
"$c2w" inspect prog.c2w > inspect.out
check "inspect prints the shape" grep -q "d_model .* layers .* heads .* non-zeros" inspect.out
for engine in dense hull; do
  "$c2w" run prog.c2w --engine=$engine --trace $engine.trace < prog.in > $engine.out; status=$?
  check "$engine: same output as the reference" cmp -s ref.out $engine.out
  check "$engine: same exit code as the reference ($ref_status)" [ $status = $ref_status ]
  check "$engine: same token trace as the reference" cmp -s ref.trace $engine.trace
done
# A prompt long enough to be prefilled in a chunk: --stats says what its positions computed.
printf 'a longer input, prefilled in a chunk' | "$c2w" run prog.c2w --engine=hull --stats > /dev/null 2> long.err
check "hull stats: what a prefilled prompt position computes" \
  grep -q '"prefill":{"heads":"[0-9]*/[0-9]*","linear_rows":"[0-9]*/[0-9]*","neurons":"[0-9]*/[0-9]*"}' long.err
"$c2w" run prog.c --engine=hull < prog.in > cached.out; status=$?
check "run prog.c --engine=hull compiles, caches and runs" [ $status = $ref_status ] && cmp -s ref.out cached.out
check "the model cache holds the model" [ "$(ls cache/*.c2w | wc -l)" = 1 ]
"$c2w" run prog.c --engine=hull < prog.in > cached2.out; status=$?
check "a cached model runs the same" [ $status = $ref_status ] && cmp -s ref.out cached2.out
echo garbage > "$(ls cache/*.c2w)"
"$c2w" run prog.c --engine=hull < prog.in > recompiled.out 2> recompiled.err; status=$?
check "a corrupt cached model is recompiled" [ $status = $ref_status ] && cmp -s ref.out recompiled.out
check "and the user is told" grep -q "recompiling" recompiled.err

cp prog.c other.c && echo '/* another program */' >> other.c
cp prog.c2w cache/mine.c2w  # a user's own model in the cache directory
first=$(ls cache/????????????????.c2w)
C2W_CACHE_MAX_MB=1 "$c2w" run other.c --engine=hull < prog.in > other.out; status=$?
check "a second program runs and is cached" [ $status = $ref_status ] && cmp -s ref.out other.out
check "the cache is trimmed to C2W_CACHE_MAX_MB: the older model goes" [ ! -e "$first" ]
check "and the new one stays" [ "$(ls cache/????????????????.c2w | wc -l)" = 1 ]
check "files the cache did not make are never trimmed" [ -s cache/mine.c2w ]
C2W_CACHE_MAX_MB=2G "$c2w" run prog.c --engine=hull < prog.in > /dev/null 2> badlimit.err
check "a malformed C2W_CACHE_MAX_MB is reported, not taken as 0" grep -q "not a number of megabytes" badlimit.err
check "and trims nothing under the default limit" [ "$(ls cache/????????????????.c2w | wc -l)" = 2 ]

"$c2w" run prog.c --engine=hull --explain < prog.in > /dev/null 2> explain.txt
check "--explain lists instructions with source lines" grep -q "prog.c:4" explain.txt
check "--explain shows lookups and emitted tokens" grep -q "lookups: fp=" explain.txt && grep -q "emits:" explain.txt

for form in graph layers; do
  "$c2w" compile prog.c --emit=$form -o a.$form && "$c2w" compile prog.c --emit=$form -o b.$form
  check "--emit=$form is deterministic" cmp -s a.$form b.$form
done
"$c2w" compile prog.c -o again.c2w 2> /dev/null
check "compiled weights are deterministic" cmp -s prog.c2w again.c2w

"$c2w" compile --universal -o universal.c2w 2> /dev/null
check "compile --universal writes a model" [ -s universal.c2w ]
"$c2w" run prog.c --model universal.c2w --engine=hull < prog.in > universal.out; status=$?
check "the universal model runs the program from its prompt" [ $status = $ref_status ] && cmp -s ref.out universal.out

printf 'int main(void) { volatile int z = 0; return 10 / z; }\n' > div0.c
"$c2w" run div0.c --engine=hull > /dev/null 2> div0.err; status=$?
check "a trap on the transformer exits 134" [ $status = 134 ]
check "the trap token is named" grep -q "<trap:div0>" div0.err
printf 'int main(void) { for (;;) {} }\n' > spin.c
"$c2w" run spin.c --engine=hull --max-steps 500 > /dev/null 2> spin.err; status=$?
check "the token limit exits 124" [ $status = 124 ]

"$c2w" run prog.c2w --engine=reference > /dev/null 2> err.txt; status=$?
check "a model on the reference engine is a user error" [ $status = 1 ] && grep -q "compiled model" err.txt
"$c2w" run prog.c --model prog.c2w --engine=hull > /dev/null 2> err.txt < /dev/null; status=$?
check "--model with a specialised model is a user error" [ $status = 1 ] && grep -q "not a universal model" err.txt
"$c2w" compile prog.c --universal -o x.c2w 2> err.txt; status=$?
check "--universal with an input is a user error" [ $status = 1 ] && [ ! -e x.c2w ]
"$c2w" compile prog.c --emit=weights 2> err.txt; status=$?
check "--emit=weights without -o is a user error" [ $status = 1 ]
head -c 1000 prog.c2w > truncated.c2w
for engine in hull dense; do  # the hull engine reads models sparse, the dense engine whole
  "$c2w" run truncated.c2w --engine=$engine > /dev/null 2> err.txt < /dev/null; status=$?
  check "a truncated model is a clean error ($engine)" [ $status = 1 ] && grep -q "truncated.c2w" err.txt
done
"$c2w" inspect truncated.c2w > /dev/null 2> err.txt; status=$?
check "inspect of a truncated model is a clean error" [ $status = 1 ] && grep -q "truncated.c2w" err.txt

echo "$failures failed"
[ $failures = 0 ]
