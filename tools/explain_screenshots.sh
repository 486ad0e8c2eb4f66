#!/usr/bin/env bash
# Regenerates the screenshots of docs/tutorial.md (docs/img/explain_*.png) from the
# explorer pages of the examples, in headless Chromium, and prints every example's
# page size (the table in the tutorial). Steps are picked from each page's JSON by
# what they show (a line of main with two memory operands, a load), so the pictures
# follow the program if it changes. pngquant, when installed, makes the PNGs smaller.
#
#   tools/explain_screenshots.sh [build/c2w]
set -euo pipefail
cd "$(dirname "$0")/.."
c2w=${1:-build/c2w}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p docs/img
chromium_bin=$(command -v chromium || command -v chromium-browser)

# shot PAGE FRAGMENT WIDTHxHEIGHT NAME
shot() {
  "$chromium_bin" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
    --hide-scrollbars --window-size="$3" --screenshot="docs/img/$4.png" "file://$1#$2" > /dev/null 2>&1
  if command -v pngquant > /dev/null; then
    pngquant --force --skip-if-larger --output "docs/img/$4.png" 64 "docs/img/$4.png" || true
  fi
  echo "docs/img/$4.png: $(stat -c %s "docs/img/$4.png") bytes"
}

# pick JSON CONDITION: the index of the first shown step where the Python condition
# on `s` (the step) and `d` (the data) holds.
pick() {
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k, s in enumerate(d["steps"]):
    if eval(sys.argv[2]):
        print(k)
        break
else:
    sys.exit("no step matches " + sys.argv[2])
PY
}

for name in hello collatz life; do
  "$c2w" explain "examples/$name.c" -o "$work/$name.html" 2> /dev/null
  "$c2w" explain "examples/$name.c" --json -o "$work/$name.json" 2> /dev/null
done
in_main_ab='d["pc_line"][s["pc"]] > 0 and "a" in d["reads"][s["pc"]] and "b" in d["reads"][s["pc"]]'
hello_step=$(pick "$work/hello.json" '"a" in d["reads"][s["pc"]] and "b" in d["reads"][s["pc"]]')
collatz_step=$(pick "$work/collatz.json" "$in_main_ab")
# A load that hits: load0's winning key is (2A, -A^2) with A the address asked,
# Q = q_x (a miss finds the nearest address written and falls back to the data image).
read -r load load_head < <(python3 - "$work/life.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
heads = d["hull_heads"]
i = [h["name"] for h in heads].index("load0")
keys = heads[heads[i]["same_keys_as"]]["keys"] if heads[i]["same_keys_as"] >= 0 else heads[i]["keys"]
for k, s in enumerate(d["steps"]):
    w = s["winner_keys"][i]
    load = d["pc_line"][s["pc"]] > 0 and "m" in d["reads"][s["pc"]]
    if load and w >= 0 and keys[w][0] == 2 * s["queries"][i][0]:
        print(k, i)
        break
else:
    sys.exit("no load hits in life's shown steps")
PY
)

shot "$work/hello.html" "step=$hello_step" 1500x1150 explain_overview
shot "$work/collatz.html" "step=$collatz_step&focus=source,isa,heads" 1300x1150 explain_collatz_sync
shot "$work/life.html" "step=$load&focus=heads,stream" 1300x760 explain_load
shot "$work/life.html" "step=$load&focus=hull&head=$load_head" 900x1000 explain_hull
shot "$work/collatz.html" "step=$collatz_step&focus=residual,model" 1100x980 explain_residual

[ "${2:-}" = --no-sizes ] && exit 0
echo "page sizes with the defaults (bytes):"
for source in examples/*.c; do
  name=$(basename "$source" .c)
  input=/dev/null
  [ -f "examples/$name.in" ] && input="examples/$name.in"
  "$c2w" explain "$source" --input "$input" -o "$work/page.html" 2> /dev/null
  echo "  $name $(stat -c %s "$work/page.html")"
done
