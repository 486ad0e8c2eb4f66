#!/usr/bin/env bash
# Writes tools/c2w_run_order.txt: the functions a short c2w-run executes, in the order
# it first runs them, for the linker to lay out first (lld's --symbol-ordering-file;
# CMakeLists.txt). Why: a static c2w-run's text is ~2 MB, and the kernel maps a text
# page together with its neighbours (fault-around, 64 KiB at a time), so code a run
# touches in many scattered places makes nearly all of it resident; packed together,
# it is a few hundred KiB (peak RSS: README, "Side by side"). The list changes no
# behaviour: a stale or missing entry only costs memory.
#
# How: callgrind lists every function of short runs of specialised models on the hull
# engine (with --stats, stdin and --input FILE: the common runs, the side-by-side
# harness's: sum.c, 272 tokens) and then of the rarer ones (hello.c's 2,718 tokens,
# past the 1,500 at which the shared sums are factored out; --trace FILE; --version), whose own functions are listed after
# every function of the common runs: interleaved, they spread a common run's code
# over more 64 KiB windows. Only these runs: the
# universal model's, dense and reference runs' own functions, listed after them, made
# a hull run's resident text ~120 KiB larger. Then, linked with that list, the runs are
# recorded under `perf record -e page-faults`, and every function whose code still
# faults outside the list (what valgrind's simulated CPU does not pick: glibc's
# string-function variants for this CPU, start-up code) is added: a common run's
# before every other function (it runs at every start), a rare run's at the end,
# until none is.
#   tools/order_c2w_run.sh            (from the repository root, after building c2w and c2w-run)
# Needs valgrind and perf (tools/setup.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
c2w=build/c2w lean=build/c2w-run order=tools/c2w_run_order.txt
for tool in valgrind perf nm readelf; do
  command -v $tool > /dev/null || { echo "order_c2w_run.sh: needs $tool" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The runs: name and arguments (the input file in $work).
cat > "$work/sum.c" << 'PROGRAM'
#include <stdio.h>
int main(void) {
  int c, sum = 0;
  while ((c = getchar()) != EOF) sum += c;
  printf("sum %d\n", sum);
  return 0;
}
PROGRAM
printf '12 34\n' > "$work/input"
"$c2w" compile examples/hello.c -o "$work/hello.c2w" 2> /dev/null
"$c2w" compile examples/fibonacci.c -o "$work/fibonacci.c2w" 2> /dev/null
"$c2w" compile "$work/sum.c" -o "$work/sum.c2w" 2> /dev/null
common=(
  "$work/sum.c2w --engine hull --stats"
  "$work/sum.c2w --engine hull --input $work/input"
)
rare=(
  "$work/hello.c2w --engine hull --stats"
  "$work/fibonacci.c2w --engine=hull --trace $work/trace"
  "--version"
)

# 1. Every function the runs execute, the common runs' first, in the order first seen
# (mangled names).
: > "$work/names"
i=0
for run in "${common[@]}" "${rare[@]}"; do
  # shellcheck disable=SC2086
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/cg.$i" "$lean" $run \
    < "$work/input" > /dev/null 2>&1 || true
  sed -n 's/^c\{0,1\}fn=([0-9]*) \(.*\)$/\1/p' "$work/cg.$i" >> "$work/names"
  i=$((i + 1))
done
# Less the names that several of glibc's local functions share (read_int,
# printf_positional, ... in each of its printf and scanf objects): lld moves every
# section defining a listed name, so one of them executed would bring the others'
# objects (vfscanf's 35 KiB, ...) in among the run's code. (C++ names shared by
# functions of several files, in anonymous namespaces, stay: each in its own section.)
nm "$lean" | awk 'NF == 3 && $2 ~ /^[tTwWi]$/ && $3 !~ /^_Z/ {print $3, $1}' | sort -u |
  awk '{count[$1]++} END {for (name in count) if (count[name] > 1) print name}' > "$work/shared"
awk 'NR == FNR {shared[$1] = 1; next} !/^0x/ && !($0 in shared) && !seen[$0]++' "$work/shared" "$work/names" > "$order"
echo "order_c2w_run.sh: callgrind: $(wc -l < "$order") functions ($(wc -l < "$work/shared") names shared by several functions left out)"

# 2. Linked with the list, what still faults outside it, until nothing new does.
for round in 1 2 3 4 5 6; do
  cmake --build build --target c2w-run > /dev/null
  # (.text only: glibc's __libc_freeres_fn and the like are sections of their own, which
  # the list cannot move)
  read -r text_start text_size < <(readelf -SW "$lean" | sed -n 's/.* \.text  *PROGBITS  *\([0-9a-f]*\) [0-9a-f]* \([0-9a-f]*\) .*/\1 \2/p')
  nm -n "$lean" | awk 'NF == 3 && $2 ~ /^[tTwWi]$/' > "$work/symbols"
  found=0
  for kind in common rare; do
    : > "$work/faulted"
    runs=("${common[@]}")
    [ $kind = common ] || runs=("${rare[@]}")
    for run in "${runs[@]}"; do
      # shellcheck disable=SC2086
      perf record -q -o "$work/faults.data" -e page-faults -c 1 -d "$lean" $run < "$work/input" > /dev/null 2>&1 || true
      perf script -i "$work/faults.data" -F addr 2> /dev/null >> "$work/faulted"
    done
    # The function holding each faulting address of the text segment.
    python3 - "$text_start" "$text_size" "$work/symbols" "$work/faulted" "$order" > "$work/new" << 'PYTHON'
import bisect, sys
start, size = int(sys.argv[1], 16), int(sys.argv[2], 16)
symbols = [(int(line.split()[0], 16), line.split()[2]) for line in open(sys.argv[3])]
addresses = [a for a, _ in symbols]
listed = set(line.strip() for line in open(sys.argv[5]))
named = {}
for a, name in symbols:
    named.setdefault(name, set()).add(a)
listed |= {name for name, at in named.items() if len(at) > 1 and not name.startswith("_Z")}  # (see above)
new = []
for line in open(sys.argv[4]):
    try:
        ip = int(line.split()[0], 16)
    except (ValueError, IndexError):
        continue
    i = bisect.bisect_right(addresses, ip) - 1
    if start <= ip < start + size and i >= 0 and symbols[i][1] not in listed and symbols[i][1] not in new:
        new.append(symbols[i][1])
print("\n".join(new))
PYTHON
    sed -i '/^$/d' "$work/new"
    echo "order_c2w_run.sh: round $round: $(wc -l < "$work/new") functions of the $kind runs faulted outside the list"
    found=$((found + $(wc -l < "$work/new")))
    if [ $kind = common ]; then
      cat "$work/new" "$order" > "$work/order" && cp "$work/order" "$order"
    else
      cat "$work/new" >> "$order"
    fi
  done
  [ $found -gt 0 ] || break
done
cmake --build build --target c2w-run > /dev/null
echo "order_c2w_run.sh: wrote $order ($(wc -l < "$order") functions)"
