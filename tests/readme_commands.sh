#!/usr/bin/env bash
# Runs every `build/...` command in README.md's sh code blocks from the repository
# root: the README must stay true. A command succeeds when it exits 0, or with N
# when its comment says "exits N". (tools/test.sh runs tools/demo.sh itself.)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
failures=0
while IFS= read -r line; do
  command=${line%%#*}
  expected=0
  [[ $line =~ \#.*exits\ ([0-9]+) ]] && expected=${BASH_REMATCH[1]}
  echo "+ $command"
  bash -c "$command" < /dev/null > /dev/null 2>&1
  status=$?
  if [ $status != $expected ]; then echo "FAILED (exit $status, expected $expected): $command"; failures=$((failures + 1)); fi
done < <(awk '/^```sh/ { inside = 1; next } /^```/ { inside = 0 } inside && /^build\//' README.md)
echo "$failures failed"
[ $failures = 0 ]
