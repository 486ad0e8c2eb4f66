#!/usr/bin/env bash
# Differential test of one C program: c2w's stdout and exit code must equal those of
# a native 32-bit build (gcc -m32 -O0, glibc), run under qemu-i386 because this
# kernel cannot execute 32-bit binaries. stdin comes from NAME.in beside NAME.c. A
# program in several files names the others in a `LINK: a.c b.c` line of NAME.c.
#   differential.sh C2W_BINARY PROGRAM.c [extra c2w run flags...]
set -u
c2w=$1; source=$2; shift 2
name=$(basename "$source" .c)
input="${source%.c}.in"
[ -f "$input" ] || input=/dev/null
more=()
for f in $(sed -n 's/^ *LINK: \([^*]*\).*/\1/p' "$source"); do more+=("$(dirname "$source")/$f"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! gcc -m32 -O0 -std=gnu11 -w -o "$work/native" "$source" "${more[@]}" 2> "$work/gcc.err"; then
  echo "native build failed:"; cat "$work/gcc.err"; exit 1
fi
# Only descriptors 0-2 are open, as in c2w's machine: a descriptor the test runner
# leaks (CI does) must not make the native run differ.
qemu-i386 -L / "$work/native" < "$input" > "$work/native.out" 2> "$work/native.err" \
  3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
native_status=$?
"$c2w" run "$source" "${more[@]}" "$@" < "$input" > "$work/c2w.out" 2> "$work/c2w.err"
c2w_status=$?

failed=0
if ! cmp -s "$work/native.out" "$work/c2w.out"; then
  echo "$name: stdout differs (native vs c2w):"
  diff -a "$work/native.out" "$work/c2w.out" | cat -v | head -20
  failed=1
fi
if [ "$native_status" != "$c2w_status" ]; then
  echo "$name: exit code differs: native $native_status, c2w $c2w_status"
  failed=1
fi
if [ $failed = 1 ]; then
  echo "native stderr:"; head -20 "$work/native.err"
  echo "c2w stderr:"; head -40 "$work/c2w.err"
  exit 1
fi
echo "$name: ok ($(wc -c < "$work/c2w.out") bytes, exit $c2w_status)"
