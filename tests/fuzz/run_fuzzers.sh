#!/usr/bin/env bash
# Runs every libFuzzer target under AddressSanitizer and UndefinedBehaviorSanitizer for
# a fixed time. Builds them first in build-fuzz/ with clang-14 (-DC2W_FUZZ=ON), seeds
# each corpus from the project's own files (golden assembly, compiled programs, a
# model, the C test programs), and fails if any target crashes; a crash input is kept
# in build-fuzz/crashes/<target>/ — add it to tests/fuzz/regressions/<target>/ once
# fixed, so that the normal build replays it for ever.
#   tests/fuzz/run_fuzzers.sh [SECONDS_PER_TARGET] [TARGET...]     (default 30 s, all)
# C2W_FUZZ_SEED=N fixes libFuzzer's random seed (tools/test.sh sets it, so that CI's
# short run tries the same inputs on the same code); unset, every run differs.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(isa_binary isa_text model_file model_config c_frontend pipeline_file)
root=$(pwd)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DC2W_FUZZ=ON \
      -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 > /dev/null
cmake --build build-fuzz --parallel 2 --target $(printf 'fuzz_%s ' "${targets[@]}") > build-fuzz/build.log 2>&1 ||
  { tail -30 build-fuzz/build.log; exit 1; }

corpus=build-fuzz/corpus; rm -rf "$corpus"; mkdir -p "$corpus"
seed() {  # seed TARGET FILE...
  mkdir -p "$corpus/$1"; local t=$1; shift
  for f in "$@"; do cp "$f" "$corpus/$t/$(basename "$f")"; done
}
seed isa_text tests/golden/*.isa
seed pipeline_file examples/pipelines/*/*.yaml tests/pipelines/*
seed c_frontend tests/programs/arith_*.c tests/errors/*.c tests/fuzz/regressions/c_frontend/*
if [ -x build/c2w ]; then
  for p in add_two loop_sum switch_and_select; do build/c2w compile tests/golden/$p.c --emit=bin -o "$corpus/$p.bin"; done
  seed isa_binary "$corpus"/*.bin
fi
if [ -x build/tests/make_demo_model ]; then
  build/tests/make_demo_model "$corpus/demo.c2w"
  seed model_file "$corpus/demo.c2w"
  python3 - "$corpus/demo.c2w" > "$corpus/config.json" <<'PY'
import json, struct, sys
data = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", data[:8])[0]
print(json.dumps(json.loads(json.loads(data[8:8 + n])["__metadata__"]["c2w"])["config"]))
PY
  printf '%s' '{"compiler":"c2w-weights-4","mode":"specialised","machine":{"instructions":3},"functions":[{"name":"main","entry":1}],"heads":[["step"]],"listing":["halt #0"],"reads":[""]}' > "$corpus/config2.json"
  seed model_config "$corpus/config.json" "$corpus/config2.json"
fi

status=0
for t in "${targets[@]}"; do
  mkdir -p "$corpus/$t" "build-fuzz/crashes/$t"
  echo "fuzz_$t: ${seconds} s"
  if ! build-fuzz/fuzz_$t "$corpus/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 ${C2W_FUZZ_SEED:+-seed=$C2W_FUZZ_SEED} \
       -artifact_prefix="build-fuzz/crashes/$t/" -print_final_stats=1 > "build-fuzz/$t.log" 2>&1; then
    echo "fuzz_$t: CRASH (see build-fuzz/$t.log; inputs in build-fuzz/crashes/$t/)"; tail -20 "build-fuzz/$t.log"; status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/$t.log" | tr '\n' ' '; echo
  fi
done
exit $status
