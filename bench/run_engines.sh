#!/usr/bin/env bash
# Runs the engine benchmark and plots its curves. Builds nothing: build first with
#   cd build && ninja bench_engines
#
#   bench/run_engines.sh [--separate-rss] [bench_engines options] [program.c ...]
#
# e.g. bench/run_engines.sh --max-tokens 20000 --dense-tokens 5000 sieve collatz
#
# All arguments but --separate-rss go to build/bench_engines (see the top of
# bench/bench_engines.cpp): it prints the table and writes bench/results/engines.json
# and bench/results/engines_curve.dat (or the --json / --curve files). Then the
# curves are drawn into bench/results/engines.png (the --curve file with .png).
#
# --separate-rss: afterwards runs each program once per engine in a process of its
# own (bench_engines --only P --engine E), so that each engine's peak RSS is measured
# with nothing else having run in that process; the JSON of each goes to
# bench/results/rss/P.E.json. This doubles the running time.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin=build/bench_engines
if [[ ! -x $bin ]]; then
  echo "run_engines.sh: $bin is missing; build it: cd build && ninja bench_engines" >&2
  exit 1
fi

separate_rss=0
args=()
for a in "$@"; do
  if [[ $a == --separate-rss ]]; then separate_rss=1; else args+=("$a"); fi
done

# Where the curves go: bench_engines' default unless --curve is given.
curve=bench/results/engines_curve.dat
for ((i = 0; i + 1 < ${#args[@]}; ++i)); do
  if [[ ${args[i]} == --curve ]]; then curve=${args[i + 1]}; fi
done

"$bin" "${args[@]}"

if ((separate_rss)); then
  mkdir -p bench/results/rss
  echo
  echo "Peak RSS, one process per engine (the RSS column; the engine not run shows -):"
  for program in $("$bin" --list "${args[@]}"); do
    for engine in hull dense; do
      # Later options win: this process runs one engine and writes no curve.
      "$bin" "${args[@]}" --only "$program" --engine "$engine" \
        --json "bench/results/rss/$program.$engine.json" --curve /dev/null 2>/dev/null |
        grep "^$program " | sed "s/^/$engine: /"
    done
  done
fi

if command -v gnuplot >/dev/null; then
  if [[ -s $curve ]]; then
    png=${curve%.dat}.png
    [[ $curve == bench/results/engines_curve.dat ]] && png=bench/results/engines.png
    gnuplot -e "datafile='$curve'; outfile='$png'" bench/plot_engines.gp
    echo "plotted $png"
  else
    echo "no curve file $curve to plot (a run with --only or --engine writes one only with --curve)"
  fi
else
  echo "gnuplot is not installed: apt-get install -y gnuplot-nox, then: gnuplot bench/plot_engines.gp"
fi
