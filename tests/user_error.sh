#!/usr/bin/env bash
# A user-error test: compiling PROGRAM.c must fail with exit status 1, print every
# `// EXPECT: text` line of the file on stderr, and leave no output file behind.
#   user_error.sh C2W_BINARY PROGRAM.c
set -u
c2w=$(realpath "$1"); source=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$source" "$work/"
name=$(basename "$source")
cd "$work"
"$c2w" compile "$name" -o out.isa > stdout.txt 2> stderr.txt
status=$?
failed=0
if [ $status != 1 ]; then echo "expected exit status 1, got $status"; failed=1; fi
if [ -e out.isa ] || ls out.isa.tmp.* > /dev/null 2>&1; then echo "an output file was left behind"; failed=1; fi
while IFS= read -r expect; do
  if ! grep -qF -- "$expect" stderr.txt; then echo "missing from stderr: $expect"; failed=1; fi
done < <(sed -n 's|^// EXPECT: ||p' "$name")
if [ $failed = 1 ]; then echo "--- stderr:"; cat stderr.txt; exit 1; fi
echo "ok: $(head -1 stderr.txt)"
