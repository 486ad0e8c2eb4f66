#!/usr/bin/env bash
# Differential test of one C program: c2w's stdout and exit code must equal those of
# a native 32-bit build (gcc -m32 -O0, glibc), run under qemu-i386 because this
# kernel cannot execute 32-bit binaries. stdin comes from NAME.in beside NAME.c. A
# program in several files names the others in a `LINK: a.c b.c` line of NAME.c.
#   differential.sh C2W_BINARY PROGRAM.c [extra c2w run flags...]
set -u
# shellcheck source=tests/compare_outputs.sh
source "$(dirname "$0")/compare_outputs.sh"
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

compare_outputs "$name" "c2w" "$work" "$native_status" "$c2w_status"
echo "$name: ok ($(wc -c < "$work/c2w.out") bytes, exit $c2w_status)"
