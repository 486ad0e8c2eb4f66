#!/usr/bin/env bash
# `cmake --install` gives a package that another project finds with find_package(c2w)
# and runs models with, without Clang, LLVM or Z3: installs the build into a temporary
# prefix, builds tests/interop/consumer against it, checks that the program links no
# LLVM, Clang or Z3 library, and that it reproduces `c2w run --trace` on both engines.
#   find_package.sh BUILD_DIR C2W
set -euo pipefail
build=$1 c2w=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" --component library > "$work/install.log"
generator=(); command -v ninja > /dev/null && generator=(-G Ninja)
cmake -S "$root/tests/interop/consumer" -B "$work/consumer" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
cmake --build "$work/consumer" > "$work/build.log" || { cat "$work/build.log"; exit 1; }
consumer=$work/consumer/run_model
if ldd "$consumer" | grep -Ei 'llvm|clang|z3'; then echo "FAIL: the consumer links the libraries above"; exit 1; fi

"$c2w" compile "$root/tests/interop/crc32_stdin.c" -o "$work/crc32.c2w"
input=$root/tests/interop/crc32_stdin.in
"$c2w" run "$work/crc32.c2w" --engine=dense --trace "$work/c2w.trace" < "$input" > "$work/c2w.out"
failures=0
for engine in dense hull; do
  status=0
  "$consumer" "$work/crc32.c2w" $engine "$work/$engine.trace" < "$input" > "$work/$engine.out" || status=$?
  if [ $status = 0 ] && cmp "$work/c2w.trace" "$work/$engine.trace" && cmp "$work/c2w.out" "$work/$engine.out"; then
    echo "consumer on $engine: the same trace and output as c2w run ($(wc -l < "$work/$engine.trace") tokens)"
  else
    echo "FAIL: the consumer on $engine (exit $status)"; failures=$((failures + 1))
  fi
done
[ $failures = 0 ]
