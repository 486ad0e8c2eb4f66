#!/usr/bin/env bash
# Pipeline files: every example under examples/pipelines runs and its checks hold
# (exit 0); a pipeline whose check fails (tests/pipelines/fails_*) exits 1; every
# malformed file (tests/pipelines/bad_*) is a located error (exit 2) that writes no
# report. Each `# EXPECT:` line of a tests/pipelines file must appear on stderr.
# `--check` (read and check, run nothing) accepts every example and fails_* file and
# gives every bad_* file the same located error.
#   pipelines.sh C2W_BINARY
set -u
c2w=$(realpath "$1"); root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export C2W_CACHE_DIR="$work/cache"
failed=0
for f in "$root"/examples/pipelines/*/*.yaml; do
  rel=${f#$root/examples/pipelines/}
  want=0
  "$c2w" pipeline "$f" -q --json "$work/report.json" > "$work/out.txt" 2> "$work/err.txt"
  status=$?
  if [ $status != $want ]; then
    echo "FAIL $rel: exit $status, expected $want"; cat "$work/out.txt" "$work/err.txt" | head -20; failed=1
  elif ! python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['stages']" "$work/report.json"; then
    echo "FAIL $rel: no JSON report"; failed=1
  else
    echo "ok $rel (exit $status): $(grep -E '^  total' "$work/out.txt" | tr -s ' ')"
  fi
  rm -f "$work/report.json"
  if ! "$c2w" pipeline --check "$f" > "$work/out.txt" 2>&1 || ! grep -q "well-formed" "$work/out.txt"; then
    echo "FAIL --check $rel"; cat "$work/out.txt"; failed=1
  fi
done
for f in "$root"/tests/pipelines/bad_* "$root"/tests/pipelines/fails_*; do
  name=$(basename "$f")
  want=2; [[ $name == fails_* ]] && want=1
  (cd "$(dirname "$f")" && "$c2w" pipeline "$name" -q --json "$work/report.json") > "$work/out.txt" 2> "$work/err.txt"
  status=$?
  problems=""
  [ $status = $want ] || problems+=" exit $status (expected $want);"
  [ $want = 2 ] && [ -e "$work/report.json" ] && problems+=" a report was written;"
  while IFS= read -r expect; do
    grep -qF -- "$expect" "$work/err.txt" || problems+=" missing '$expect';"
  done < <(sed -n 's|^# EXPECT: ||p' "$f")
  if [ -n "$problems" ]; then echo "FAIL $name:$problems"; cat "$work/err.txt"; failed=1
  else echo "ok $name: $(head -1 "$work/err.txt")"; fi
  # --check: a bad file fails the same way, a failing check is not run (exit 0)
  check_want=0; [ $want = 2 ] && check_want=2
  (cd "$(dirname "$f")" && "$c2w" pipeline --check "$name") > "$work/out.txt" 2> "$work/check_err.txt"
  status=$?
  if [ $status != $check_want ] || { [ $want = 2 ] && ! cmp -s "$work/err.txt" "$work/check_err.txt"; }; then
    echo "FAIL --check $name: exit $status (expected $check_want)"; cat "$work/check_err.txt"; failed=1
  fi
done
exit $failed
