#!/usr/bin/env bash
# Golden test of `c2w compile --emit=isa -O2`: the dump must equal NAME.isa beside
# NAME.c. Compiled at -O2 with the default layout; run from the golden folder so the
# file names in the dump are stable. To accept a changed dump after review:
#   UPDATE_GOLDEN=1 tests/golden.sh build/c2w tests/golden/NAME.c
set -u
c2w=$(realpath "$1"); source=$(realpath "$2")
dir=$(dirname "$source"); name=$(basename "$source" .c)
cd "$dir"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
if ! "$c2w" compile "$name.c" --emit=isa -o "$actual"; then echo "compile failed"; exit 1; fi
# Golden programs use no libc function, so the whole dump is theirs.
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$actual" "$name.isa"; echo "updated $name.isa"; exit 0; fi
if ! diff -u "$name.isa" "$actual"; then echo "golden dump of $name.c changed"; exit 1; fi
echo "ok: $name.isa"
