#!/usr/bin/env bash
# Runs every `build/...` command in README.md's sh code blocks from the repository
# root: the README must stay true. (tools/test.sh runs tools/demo.sh itself.)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
failures=0
while IFS= read -r line; do
  command=${line%%#*}
  echo "+ $command"
  if ! bash -c "$command" < /dev/null > /dev/null 2>&1; then echo "FAILED: $command"; failures=$((failures + 1)); fi
done < <(awk '/^```sh/ { inside = 1; next } /^```/ { inside = 0 } inside && /^build\//' README.md)
echo "$failures failed"
[ $failures = 0 ]
