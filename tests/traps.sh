#!/usr/bin/env bash
# A trap test: PROGRAM.c (stdin from PROGRAM.in) must stop with a trap, exit status
# 134, the `// TRAP: text` lines of the file on stderr, on the reference interpreter
# and on the hull engine (where the model emits the trap token). check_weights then
# compares the whole token trace of both transformer engines with the reference's.
# A native build of these programs crashes (SIGSEGV), so they are not differential.
#   traps.sh C2W_BINARY CHECK_WEIGHTS_BINARY PROGRAM.c
set -u
c2w=$1; check_weights=$2; source=$3
input="${source%.c}.in"
[ -f "$input" ] || input=/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export C2W_CACHE_DIR="$work/cache"
failed=0
for engine in reference hull; do
  bad=0
  "$c2w" run "$source" --engine=$engine < "$input" > "$work/out.txt" 2> "$work/err.txt"
  status=$?
  if [ $status != 134 ]; then echo "$engine: expected exit status 134, got $status"; bad=1; fi
  if [ $engine = reference ]; then
    while IFS= read -r expect; do
      if ! grep -qF -- "$expect" "$work/err.txt"; then echo "$engine: missing from stderr: $expect"; bad=1; fi
    done < <(sed -n 's|^// TRAP: ||p' "$source")
  else
    grep -qF "<trap:" "$work/err.txt" || { echo "$engine: no trap token reported"; bad=1; }
  fi
  if [ $bad = 1 ]; then echo "--- $engine stderr:"; cat "$work/err.txt"; failed=1; fi
done
"$check_weights" "$source" --engine both --dense-tokens 100000 --max-tokens 100000 --input "$input" | tail -2 || failed=1
exit $failed
