#!/usr/bin/env bash
# Model files of format version 2 (mostly-zero matrices stored sparse) against
# version 1 (every matrix dense), side by side: file size, load time, the engine's
# setup, wall time and peak RSS of `c2w-run MODEL --engine=hull --max-steps N` (a
# short run: what start-up costs), alternating the two files RUNS times; and the
# token traces of both (sha256), which must be equal. Version 1 files are made from
# version 2 by bench/model_v1.py.
#   bench/model_load.sh [RUNS] [MAX_STEPS]    (from the repository root, after building c2w and c2w-run)
set -euo pipefail
runs=${1:-5} steps=${2:-2000}
root=$(cd "$(dirname "$0")/.." && pwd)
c2w=$root/build/c2w lean=$root/build/c2w-run
work=${WORK:-/tmp/c2w-model-load}
mkdir -p "$work"
for p in hello collatz sudoku; do
  [ -e "$work/$p.c2w" ] || "$c2w" compile "$root/examples/$p.c" -o "$work/$p.c2w" 2> /dev/null
done
[ -e "$work/universal.c2w" ] || "$c2w" compile --universal -o "$work/universal.c2w" 2> /dev/null
"$c2w" compile "$root/examples/hello.c" --emit=bin -o "$work/hello.bin"
for m in hello collatz sudoku universal; do
  [ -e "$work/$m.v1.c2w" ] || /usr/bin/python3 "$root/bench/model_v1.py" "$work/$m.c2w" "$work/$m.v1.c2w"
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min), $(nproc) cores; $runs alternating runs, --max-steps $steps"
echo
echo "| model | version | file MB | load s | setup s | wall s | CPU s | peak RSS MB | trace sha256 (first 12) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for m in hello collatz sudoku universal; do
  declare -A load setup wall cpu rss trace
  for v in v1 v2; do load[$v]=""; setup[$v]=""; wall[$v]=""; cpu[$v]=""; rss[$v]=""; done
  for ((i = 0; i < runs; ++i)); do
    for v in v1 v2; do
      file=$work/$m.c2w; [ $v = v1 ] && file=$work/$m.v1.c2w
      args=("$file" --engine=hull); [ $m = universal ] && args=("$work/hello.bin" --model "$file" --engine=hull)
      /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$lean" "${args[@]}" --max-steps "$steps" --stats \
        --trace "$work/$m.$v.trace" < /dev/null > /dev/null 2> "$work/stats" || true
      stats=$(tail -1 "$work/stats")
      load[$v]+="$(echo "$stats" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["load_seconds"])') "
      setup[$v]+="$(echo "$stats" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["setup_seconds"])') "
      wall[$v]+="$(tail -1 "$work/time" | cut -d" " -f1) "
      rss[$v]+="$(tail -1 "$work/time" | cut -d" " -f2) "
      cpu[$v]+="$(tail -1 "$work/time" | awk '{ print $3 + $4 }') "
      trace[$v]=$(sha256sum < "$work/$m.$v.trace" | cut -c1-12)
    done
  done
  for v in v1 v2; do
    file=$work/$m.c2w; [ $v = v1 ] && file=$work/$m.v1.c2w
    size=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')
    printf '| %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %.1f | %s |\n' "$m" "${v#v}" "$size" \
      "$(tr ' ' '\n' <<< "${load[$v]}" | grep . | median)" "$(tr ' ' '\n' <<< "${setup[$v]}" | grep . | median)" \
      "$(tr ' ' '\n' <<< "${wall[$v]}" | grep . | median)" "$(tr ' ' '\n' <<< "${cpu[$v]}" | grep . | median)" \
      "$(tr ' ' '\n' <<< "${rss[$v]}" | grep . | median | awk '{ print $1 / 1024 }')" "${trace[$v]}"
  done
  [ "${trace[v1]}" = "${trace[v2]}" ] || { echo "TRACES DIFFER for $m"; exit 1; }
  unset load setup wall cpu rss trace
done
