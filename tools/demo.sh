#!/usr/bin/env bash
# The main job: compile a C example into the c2w machine and run it, printing the
# program's output and the run's statistics.
#   tools/demo.sh [examples/NAME.c]     (default: examples/sudoku.c)
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh > /dev/null
program=${1:-examples/sudoku.c}
input="${program%.c}.in"
[ -f "$input" ] || input=/dev/null
build/c2w run "$program" --stats < "$input"
