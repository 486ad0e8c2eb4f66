#!/usr/bin/env bash
# The README's table of `c2w verify` obligations: for the universal model and the
# specialised models of a few examples, how many obligations are proved / refuted /
# unknown (per family), the wall time of the whole verification (op proofs and the
# per-format bisection included), the largest position count proved exact in each
# float format and the first quantity not shown exact in float64 at max_positions.
# Writes the markdown table to stdout (and the JSON reports to bench/results/verify/).
#   bench/verify_table.sh [C2W_BINARY] [EXAMPLE.c ...]   (default: hello crc32 collatz fibonacci)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
c2w=$(realpath "${1:-$root/build/c2w}")
shift || true
examples=("$@")
[ ${#examples[@]} = 0 ] && examples=(examples/hello.c examples/crc32.c examples/collatz.c examples/fibonacci.c)
out="$root/bench/results/verify"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # run NAME MODEL [verify args...]: the JSON report and the wall time
  local name=$1 model=$2
  shift 2
  local start end
  start=$(date +%s.%N)
  "$c2w" verify "$model" --json "$out/$name.json" "$@" > "$work/$name.txt" 2>&1
  local status=$?
  end=$(date +%s.%N)
  if [ $status -gt 1 ]; then
    echo "verify failed on $name (exit $status):" >&2
    tail -3 "$work/$name.txt" >&2
    exit 1
  fi
  python3 - "$out/$name.json" "$name" "$start" "$end" << 'EOF'
import json, sys
report, name = json.load(open(sys.argv[1])), sys.argv[2]
wall = float(sys.argv[4]) - float(sys.argv[3])
def count(family, status):
    return sum(1 for o in report["obligations"] if o["family"] == family and o["status"] == status)
families = []
for family in ["model", "exact", "margin", "head", "rom", "op", "trap"]:
    total = sum(1 for o in report["obligations"] if o["family"] == family)
    if total:
        families.append(f"{family} {count(family, 'proved')}/{total}")
exact = report["exact_positions"]
first = report["first_unproved_quantity"].get("float64", "") or "none"
print(f"| {name} | {len(report['obligations'])} | {report['proved']} | {report['refuted']} | "
      f"{report['unknown']} | {', '.join(families)} | {wall:.0f} s | "
      + " | ".join(f"{exact.get(f, 0):,}" for f in ["bfloat16", "float16", "float32", "float64"])
      + f" | {first} |")
EOF
}

echo "| model | obligations | proved | refuted | unknown | proved per family | wall | bfloat16 | float16 | float32 | float64 exact below | first quantity not shown in float64 at max_positions |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
"$c2w" compile --universal -o "$work/universal.c2w" 2> /dev/null || { echo "compile --universal failed" >&2; exit 1; }
run universal "$work/universal.c2w" --timeout 120
for example in "${examples[@]}"; do
  name=$(basename "$example" .c)
  "$c2w" compile "$root/$example" -o "$work/$name.c2w" 2> /dev/null || { echo "compile $example failed" >&2; exit 1; }
  input=/dev/null
  [ -f "$root/${example%.c}.in" ] && input="$root/${example%.c}.in"
  run "$name.c" "$work/$name.c2w" --program "$root/$example" --input "$input"
done
