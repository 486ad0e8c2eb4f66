#!/usr/bin/env bash
# Bad and hostile inputs, tried the way a user meets them: each must get a clear error
# (the expected words on stderr), its documented exit code, no partial output file and
# no crash. Prints the table that README.md shows ("Bad input and what it gets").
#   hostile_inputs.sh C2W_BINARY [--markdown]
set -u
c2w=$(realpath "$1"); markdown=${2:-}
work=$(mktemp -d)
cleanup() { mountpoint -q "$work/tiny" 2> /dev/null && umount "$work/tiny"; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
export C2W_CACHE_DIR="$work/cache"
failed=0
rows=()

# check NAME EXPECTED_EXIT "WORDS ON STDERR" NO_FILE -- COMMAND...   (stdin: $stdin)
stdin=/dev/null
check() {
  local name=$1 want=$2 words=$3 nofile=$4; shift 5
  timeout 600 "$@" < "$stdin" > out.txt 2> err.txt
  local status=$? problems=""
  [ "$status" = "$want" ] || problems+=" exit $status (expected $want);"
  grep -qF -- "$words" err.txt out.txt || problems+=" missing '$words';"
  if [ "$nofile" != - ] && { [ -e "$nofile" ] || ls "$nofile".tmp.* > /dev/null 2>&1; }; then
    problems+=" left $nofile behind;"
  fi
  grep -qE "Segmentation|core dumped|terminate called|AddressSanitizer" err.txt && problems+=" crashed;"
  local message; message=$(grep -h -m1 -E "error|trap|limit|unknown|c2w:" err.txt out.txt | head -1 | cut -c1-110)
  [ -n "$message" ] || message=$(head -1 err.txt | cut -c1-110)
  if [ -n "$problems" ]; then echo "FAIL $name:$problems"; sed 's/^/    /' err.txt | head -5; failed=1; fi
  rows+=("| $name | exit $status | ${message//|/\\|} |")
}

cat > hello.c <<'C'
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
C
cat > runaway.c <<'C'
int main(void) { volatile int x = 0; for (;;) x++; }
C
cat > oom.c <<'C'
#include <stdlib.h>
int main(void) { char *volatile p = malloc(64u << 20); p[1000] = 1; return p[1000]; }
C
cat > deep.c <<'C'
int f(int n) { volatile int pad[64]; pad[0] = n; return n ? f(n - 1) + pad[0] : 0; }
int main(void) { return f(1 << 20) & 1; }
C
cat > hard.c <<'C'
#include <stdio.h>
int main(void) {
  unsigned a = 0, b = 0;
  for (int i = 0; i < 8; i++) { int c = getchar(); if (c < 0) return 0; a = a * 2654435761u + (unsigned)c; b ^= a * a; }
  if (b * 2246822519u == 0x12345678u) puts("found");
  return 0;
}
C
"$c2w" compile hello.c -o hello.c2w 2> /dev/null || { echo "cannot compile hello.c"; exit 1; }
size=$(stat -c %s hello.c2w)

head -c $((size / 2)) hello.c2w > truncated.c2w
check "model file truncated to half" 1 "error" - -- "$c2w" run truncated.c2w --engine=hull
cp hello.c2w corrupt.c2w; printf 'XXXX' | dd of=corrupt.c2w bs=1 seek=20 conv=notrunc 2> /dev/null
check "model file with a corrupt header" 1 "error" - -- "$c2w" run corrupt.c2w --engine=hull
python3 - hello.c2w version.c2w <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
i = data.find(b'\\"version\\":2')
data[i:i + 13] = b'\\"version\\":9'
open(sys.argv[2], "wb").write(data)
PY
check "model file of another format version" 1 "version" - -- "$c2w" run version.c2w --engine=hull
head -c 5000 /dev/urandom > random.c2w
check "random bytes named .c2w" 1 "error" - -- "$c2w" run random.c2w --engine=dense
check "a model given to the reference engine" 1 "is a compiled model" - -- "$c2w" run hello.c2w
head -c $((34 * 1024 * 1024)) /dev/zero > huge.in; stdin=huge.in
check "input beyond the model's exact range (34 MB)" 1 "exact only up to" - -- "$c2w" run hello.c2w --engine=hull
stdin=/dev/null
check "runaway program, --max-steps (reference)" 124 "step limit" - -- "$c2w" run runaway.c --max-steps 100000
check "runaway program, --max-steps (hull)" 124 "token limit" - -- "$c2w" run runaway.c --engine=hull --max-steps 100000
check "program that runs out of memory" 134 "out of bounds" - -- "$c2w" run oom.c
check "unbounded recursion" 134 "stack overflow" - -- "$c2w" run deep.c
check "unbounded recursion (hull)" 134 "trap" - -- "$c2w" run deep.c --engine=hull
check "solver timeout of 1 ms" 0 "unknown" - -- "$c2w" symex hard.c --solver-timeout 1 --max-seconds 20 --input-bytes 8
check "input file that does not exist" 1 "cannot read" - -- "$c2w" run missing.c2w.isa
mkdir adir.c
check "input that is a directory" 1 "error" - -- "$c2w" run adir.c
check "output in a missing directory" 1 "cannot" no/such/dir/out.c2w -- "$c2w" compile hello.c -o no/such/dir/out.c2w
if mkdir -p tiny && mount -t tmpfs -o size=64k tmpfs tiny 2> /dev/null; then
  check "disk full (64 KiB tmpfs)" 1 "cannot write" tiny/hello.c2w -- "$c2w" compile hello.c -o tiny/hello.c2w
  check "disk full, the token trace" 1 "cannot write" tiny/trace.txt -- "$c2w" run runaway.c --trace tiny/trace.txt --max-steps 1000000
  umount tiny
else
  rows+=("| disk full (64 KiB tmpfs) | not tried | mounting a tmpfs needs root |")
fi
check "a bad number on the command line" 2 "max-steps" - -- "$c2w" run hello.c --max-steps=-5
check "an unknown engine" 1 "unknown engine" - -- "$c2w" run hello.c --engine=gpu

if [ "$markdown" = --markdown ] || [ $failed = 1 ]; then
  echo "| bad input | result | message |"
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
fi
[ $failed = 0 ] && echo "hostile inputs: all ${#rows[@]} cases give a clear error and leave nothing behind"
exit $failed
