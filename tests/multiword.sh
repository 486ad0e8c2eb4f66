#!/usr/bin/env bash
# Differential test of a program using integers wider than 64 bits (_BitInt), which
# neither gcc 12 nor gcc -m32 has: the reference is a native x86-64 build by clang-14,
# whose _BitInt arithmetic is the same on every target. c2w's stdout and exit code
# must equal the native ones.
#   multiword.sh C2W_BINARY PROGRAM.c ENGINE [-D NAME=VALUE ...]
# The -D definitions go to both compilers; on a transformer engine (dense, hull) also
# those of the program's `TRANSFORMER RUN: -D ...` line (a shorter run).
set -u
# shellcheck source=tests/compare_outputs.sh
source "$(dirname "$0")/compare_outputs.sh"
c2w=$1; source=$2; engine=$3; shift 3
name=$(basename "$source" .c)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$engine" != reference ]; then
  # shellcheck disable=SC2046
  set -- "$@" $(sed -n 's|.*TRANSFORMER RUN: \(-D[^*]*\).*|\1|p' "$source")
fi
clang=$(command -v clang-14 || command -v clang) || { echo "clang-14 not found (tools/setup.sh installs it)"; exit 1; }

if ! "$clang" -O1 -w -o "$work/native" "$source" "$@" 2> "$work/clang.err"; then
  echo "native build failed:"; cat "$work/clang.err"; exit 1
fi
"$work/native" > "$work/native.out" 2> "$work/native.err" < /dev/null
native_status=$?
"$c2w" run -w --engine "$engine" "$source" "$@" > "$work/c2w.out" 2> "$work/c2w.err" < /dev/null
c2w_status=$?

compare_outputs "$name" "c2w, $engine engine" "$work" "$native_status" "$c2w_status"
echo "$name: ok on the $engine engine ($(wc -l < "$work/c2w.out") lines, exit $c2w_status)"
