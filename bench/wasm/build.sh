#!/usr/bin/env bash
# Builds every example (or the ones named) as a wasm32 WASI module with the c2w
# libc, then the instruction-counting variant of each module.
#   bench/wasm/build.sh [NAME...]  ->  bench/wasm/out/NAME.wasm, NAME.counted.wasm, NAME.segments.json
#                                      and the same under bench/wasm/out/c2wpipe/
# Same source, same libc source, -O2, whole-program like c2w, which links the
# libc's LLVM IR into the program before optimising it. Two pipelines:
#   out/          clang -flto + wasm-ld's LTO at -O2 (the main numbers)
#   out/c2wpipe/  c2w's own recipe: unoptimised IR per file (-O2 -disable-llvm-passes),
#                 llvm-link, internalize all but the entry and memcpy/memmove/memset,
#                 opt default<O2> + globaldce with the vectorisers off, then llc -O2.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/wasm"
OUT="$HERE/out"
OBJ="$OUT/obj"
PIPE="$OUT/c2wpipe"
CLANG=${CLANG:-clang-14}
WASMLD=${WASMLD:-wasm-ld-14}
LLVMLINK=${LLVMLINK:-llvm-link-14}
OPT=${OPT:-opt-14}
LLC=${LLC:-llc-14}
mkdir -p "$OBJ" "$PIPE/bc"
# c2w's frontend flags (compiler/frontend_clang.cpp): -std=gnu11 -O2 -fno-builtin, the
# libc headers only, -D__c2w__=1; c2w turns LLVM's loop and SLP vectorisers off.
BASEFLAGS=(--target=wasm32 -O2 -std=gnu11 -ffreestanding -fno-builtin -nostdlib -nostdinc
           -isystem "$ROOT/libc/include" -D__c2w__=1)
CFLAGS=("${BASEFLAGS[@]}" -flto -fno-vectorize -fno-slp-vectorize)
# 9 MiB of memory: the program sees c2w's 8 MiB (heap end at 8 MiB, 1 MiB stack);
# the last MiB holds the instruction counters of the counting build.
MEMFLAGS=(--entry=_start -z stack-size=1048576 --initial-memory=9437184 --max-memory=9437184)
LDFLAGS=(--lto-O2 "${MEMFLAGS[@]}" -mllvm -vectorize-loops=false -mllvm -vectorize-slp=false)
IRFLAGS=("${BASEFLAGS[@]}" -Xclang -disable-llvm-passes -emit-llvm)

libc_objs=()
libc_bcs=()
for src in "$ROOT"/libc/src/*.c "$HERE/c2w_builtins_wasm.c"; do
  obj="$OBJ/$(basename "${src%.c}").o"
  "$CLANG" "${CFLAGS[@]}" -c "$src" -o "$obj"
  libc_objs+=("$obj")
  "$CLANG" "${IRFLAGS[@]}" -c "$src" -o "$PIPE/bc/$(basename "${src%.c}").bc"
  libc_bcs+=("$PIPE/bc/$(basename "${src%.c}").bc")
done

names=("$@")
[ ${#names[@]} -eq 0 ] && names=(hello fibonacci factorial collatz sieve crc32 nqueens quicksort life hungarian sudoku brainfuck)
for n in "${names[@]}"; do
  "$CLANG" "${CFLAGS[@]}" -c "$ROOT/examples/$n.c" -o "$OBJ/$n.o"
  "$WASMLD" "${LDFLAGS[@]}" "$OBJ/$n.o" "${libc_objs[@]}" -o "$OUT/$n.wasm"
  python3 "$HERE/instrument.py" "$OUT/$n.wasm" "$OUT/$n.counted.wasm" "$OUT/$n.segments.json"
  "$CLANG" "${IRFLAGS[@]}" -c "$ROOT/examples/$n.c" -o "$PIPE/bc/$n.bc"
  "$LLVMLINK" "$PIPE/bc/$n.bc" "${libc_bcs[@]}" -o "$PIPE/bc/$n.linked.bc"
  "$OPT" -passes='internalize,default<O2>,globaldce' -internalize-public-api-list=_start,memcpy,memmove,memset \
         -vectorize-loops=false -vectorize-slp=false "$PIPE/bc/$n.linked.bc" -o "$PIPE/bc/$n.opt.bc"
  "$LLC" -O2 -filetype=obj "$PIPE/bc/$n.opt.bc" -o "$PIPE/bc/$n.o"
  "$WASMLD" "${MEMFLAGS[@]}" "$PIPE/bc/$n.o" -o "$PIPE/$n.wasm"
  python3 "$HERE/instrument.py" "$PIPE/$n.wasm" "$PIPE/$n.counted.wasm" "$PIPE/$n.segments.json"
  echo "built $n: $(stat -c %s "$OUT/$n.wasm") bytes (c2wpipe: $(stat -c %s "$PIPE/$n.wasm"))"
done
