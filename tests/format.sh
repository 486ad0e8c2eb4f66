#!/usr/bin/env bash
# The C++ of the tree is laid out as .clang-format says (clang-format 14): prints the
# files that are not and exits 1. The C inputs (libc/, examples/, test programs) keep
# their own layout: goldens and diagnostics name their lines.
#   tests/format.sh [--fix]
set -u
cd "$(dirname "$0")/.."
command -v clang-format > /dev/null || { echo "format.sh: clang-format is not installed"; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.h' | grep -vE '^(libc|examples|tests/(programs|symex|errors|golden|pipelines)|tests/fuzz/csmith)/')
if [ "${1:-}" = --fix ]; then clang-format -i "${files[@]}"; exit 0; fi
bad=0
for f in "${files[@]}"; do
  if ! clang-format --dry-run -Werror "$f" > /dev/null 2>&1; then echo "not formatted: $f (tests/format.sh --fix)"; bad=1; fi
done
[ $bad = 0 ] && echo "format.sh: ${#files[@]} files formatted as .clang-format says"
exit $bad
