#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what is missing, builds, runs
# every test (unit tests, differential tests against gcc -m32, user-error tests,
# golden dumps) on 2 cores, the libFuzzer targets for a fixed time, and the README's
# main command.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
ctest --test-dir build --parallel 2 --output-on-failure --timeout 300
# libFuzzer: every parser of untrusted input under ASan/UBSan for a fixed time
# (C2W_FUZZ_SECONDS a target, default 15; 0 skips), with a fixed seed.
if [ "${C2W_FUZZ_SECONDS:-15}" != 0 ]; then
  C2W_FUZZ_SEED=${C2W_FUZZ_SEED:-1} tests/fuzz/run_fuzzers.sh "${C2W_FUZZ_SECONDS:-15}"
fi
# The README's main command must keep working.
tools/demo.sh > /dev/null
echo "tools/demo.sh: ok"
