#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what is missing, builds, runs
# every test (unit tests, differential tests against gcc -m32, user-error tests,
# golden dumps) on 2 cores, and runs the README's main command.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
ctest --test-dir build --parallel 2 --output-on-failure --timeout 300
# The README's main command must keep working.
tools/demo.sh > /dev/null
echo "tools/demo.sh: ok"
