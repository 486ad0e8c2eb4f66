#!/usr/bin/env bash
# The explorer page in a real browser (headless Chromium), checked as a person would:
# it renders without a console message or a script error; pressing "next" moves the
# highlighted instruction and the attention arcs to the pc and the positions of the
# trace — taken from `c2w run --engine=hull --explain`, the fast hull engine's
# readable trace, a different code path from the page's recording; a long run is cut
# and sampled into a bounded page whose sampled steps still match that trace; a
# screenshot is saved. Also: --json, --emit=dot (rendered by Graphviz when present)
# and the errors of bad requests (no output file left behind).
#
#   tests/explain_page.sh C2W SOURCE_DIR WORK_DIR
set -euo pipefail
c2w=$1
src=$2
work=$3
rm -rf "$work" && mkdir -p "$work"
chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium_bin" ]; then
  echo "FAIL: chromium is not installed (tools/setup.sh installs it)"
  exit 1
fi
fail() { echo "FAIL: $*"; exit 1; }
chromium_flags=(--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile")

# Opens PAGE#FRAGMENT, writes the DOM after the scripts ran to OUT.dom and the
# browser's log to OUT.log.
browse() {
  local page=$1 fragment=$2 out=$3
  timeout 60 "$chromium_bin" "${chromium_flags[@]}" --enable-logging=stderr --v=0 \
    --dump-dom "file://$page#$fragment" > "$out.dom" 2> "$out.log" ||
    fail "chromium could not open $page#$fragment: $(tail -3 "$out.log")"
}

# page_data PAGE OUT: the JSON the page carries (its data script), written to OUT.
page_data() {
  python3 - "$1" "$2" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
opening = '<script id="c2w-data" type="application/json">'
start = page.index(opening) + len(opening)
data = page[start:page.index("</script>", start)].replace("<\\/", "</")
open(sys.argv[2], "w", encoding="utf-8").write(data)
PY
}

# check_step DOM LOG EXPLAIN_TEXT JSON EXPECTED_STEP: the DOM shows shown step
# EXPECTED_STEP, highlights the trace's pc for its instruction, and draws an arc for
# exactly the lookups the readable trace lists (memory, frame, input, fp heads).
check_step() {
  python3 - "$@" <<'PY'
import html, json, re, sys
dom_path, log_path, text_path, json_path, expected = sys.argv[1:6]
dom = open(dom_path, encoding="utf-8").read()
log = open(log_path, encoding="utf-8", errors="replace").read()
data = json.load(open(json_path))
def fail(message):
    print("FAIL:", message)
    sys.exit(1)
console = [l for l in log.splitlines() if ":CONSOLE" in l]
if console:
    fail("console messages:\n" + "\n".join(console))
body = re.search(r"<body([^>]*)>", dom).group(1)
attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', body))
if attrs.get("errors"):
    fail("script errors: " + html.unescape(attrs["errors"]))
if attrs.get("step") != expected:
    fail(f"the page shows step {attrs.get('step')}, expected {expected}")
step = data["steps"][int(expected)]
instruction = int(attrs["instruction"])
if instruction != step["index"]:
    fail(f"shown step {expected} is instruction {instruction}, the data says {step['index']}")
# The readable trace of the fast hull engine: "#k @pc ..." then "lookups: name=#pos:token ...".
entries, current = {}, None
for line in open(text_path, encoding="utf-8", errors="replace"):
    m = re.match(r"#(\d+) @(\d+) ", line)
    if m:
        current = int(m.group(1))
        entries[current] = {"pc": int(m.group(2)), "lookups": set()}
    elif line.strip().startswith("lookups:") and current is not None:
        entries[current]["lookups"] = {(n, int(p)) for n, p in re.findall(r"(\S+?)=#(\d+):", line)}
if instruction not in entries:
    fail(f"instruction {instruction} is not in the readable trace")
want = entries[instruction]
pcs = re.findall(r'<div data-pc="(\d+)" class="current">', dom)
if pcs != [str(want["pc"])]:
    fail(f"highlighted instruction {pcs}, the trace's pc at instruction {instruction} is {want['pc']}")
arcs = set()
for tag in re.findall(r"<path [^>]*class=\"arc\"[^>]*>", dom):
    a = dict(re.findall(r'data-([a-z]+)="([^"]*)"', tag))
    role = html.unescape(a["role"])
    if role.startswith("memory:") or role in ("frame", "input", "register:fp"):
        arcs.add((html.unescape(a["name"]), int(a["target"])))
if arcs != want["lookups"]:
    fail(f"instruction {instruction}: arcs {sorted(arcs)}, the trace's lookups {sorted(want['lookups'])}")
line = data["pc_line"][want["pc"]]
if line:
    lines = re.findall(r'<div data-line="(\d+)" class="current">', dom)
    if lines != [str(line)]:
        fail(f"highlighted source line {lines}, expected {line}")
print(f"ok: step {expected} = instruction {instruction}, pc {want['pc']}, {len(arcs)} arcs as in the trace")
PY
}

# ---- hello: every step recorded; step forward from the start ----
"$c2w" explain "$src/examples/hello.c" -o "$work/hello.html" 2> "$work/explain.err" ||
  fail "explain hello: $(cat "$work/explain.err")"
"$c2w" explain "$src/examples/hello.c" --json -o "$work/hello.json" 2>> "$work/explain.err"
page_data "$work/hello.html" "$work/hello.page.json"
python3 -c 'import json, sys; a, b = (json.load(open(p)) for p in sys.argv[1:]); a["run"].pop("seconds")
b["run"].pop("seconds"); assert a == b' "$work/hello.json" "$work/hello.page.json" ||
  fail "the page's data is not what --json writes"
"$c2w" run "$src/examples/hello.c" --engine=hull --explain > /dev/null 2> "$work/hello.explain"
python3 -c "import json, sys; r = json.load(open(sys.argv[1]))['run']; assert r['status'] == 'halted'" \
  "$work/hello.json" || fail "hello's recorded run did not halt"
# Open at step S, press "next" N times: the page must show step S + N.
for start_presses in 0:0 0:1 19:1 99:2; do
  start=${start_presses%:*}
  presses=${start_presses#*:}
  shown=$((start + presses))
  browse "$work/hello.html" "step=$start&next=$presses" "$work/hello.$start.$presses"
  check_step "$work/hello.$start.$presses.dom" "$work/hello.$start.$presses.log" "$work/hello.explain" \
    "$work/hello.json" "$shown" || exit 1
  pc=$(grep -o '<div data-pc="[0-9]*" class="current">' "$work/hello.$start.$presses.dom")
  if [ "$presses" != 0 ]; then
    [ "$pc" != "$previous_pc" ] || fail "pressing next did not move the highlighted instruction ($pc)"
  fi
  previous_pc=$pc
done

# ---- the dense KV cache records the same run: the same data but for the engine's name and the time ----
"$c2w" explain "$src/examples/hello.c" --engine=dense --json -o "$work/hello.dense.json" \
  2>> "$work/explain.err"
python3 - "$work/hello.json" "$work/hello.dense.json" <<'PY' || fail "the dense and hull recordings differ"
import json, sys
hull, dense = (json.load(open(p)) for p in sys.argv[1:3])
assert hull["engine"] == "hull" and dense["engine"] == "dense"
for d in (hull, dense):
    del d["engine"], d["run"]["seconds"]
assert hull == dense, [k for k in hull if hull[k] != dense[k]]
PY

# ---- a long run, cut and sampled: the page stays small, sampled steps still match ----
"$c2w" explain "$src/examples/collatz.c" --max-tokens 20000 --steps 40 -o "$work/collatz.html"
page_data "$work/collatz.html" "$work/collatz.json"
set +e
"$c2w" run "$src/examples/collatz.c" --engine=hull --max-steps 20000 --explain > /dev/null \
  2> "$work/collatz.explain"
[ $? = 124 ] || fail "collatz with --max-steps 20000 should stop at the budget (exit 124)"
set -e
size=$(stat -c %s "$work/collatz.html")
[ "$size" -lt 1500000 ] || fail "the cut collatz page is $size bytes"
python3 - "$work/collatz.json" <<'PY' || fail "collatz's sampled steps"
import json, sys
d = json.load(open(sys.argv[1]))
assert not d["run"]["complete"] and d["run"]["status"] == "token_limit", d["run"]
steps = [s["index"] for s in d["steps"]]
assert len(steps) == 40 and steps[:20] == list(range(20)), steps
assert steps[-1] == d["run"]["instructions_recorded"] - 1, (steps[-1], d["run"]["instructions_recorded"])
PY
for shown in 25 39; do
  browse "$work/collatz.html" "step=$shown" "$work/collatz.$shown"
  check_step "$work/collatz.$shown.dom" "$work/collatz.$shown.log" "$work/collatz.explain" \
    "$work/collatz.json" "$shown" || exit 1
done

# ---- a program reading its input: the getc steps' input lookups ----
bf_input="$src/examples/brainfuck.in"
"$c2w" explain "$src/examples/brainfuck.c" --input "$bf_input" --max-tokens 3000 -o "$work/bf.html"
page_data "$work/bf.html" "$work/bf.json"
set +e
"$c2w" run "$src/examples/brainfuck.c" --engine=hull --max-steps 3000 --explain < "$bf_input" > /dev/null \
  2> "$work/bf.explain"
set -e
getc=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
print(next(k for k, s in enumerate(d["steps"]) if "i" in d["reads"][s["pc"]]))' "$work/bf.json") ||
  fail "no getc step shown for brainfuck"
browse "$work/bf.html" "step=$getc" "$work/bf.$getc"
check_step "$work/bf.$getc.dom" "$work/bf.$getc.log" "$work/bf.explain" "$work/bf.json" "$getc" || exit 1
grep -q 'data-role="input"' "$work/bf.$getc.dom" || fail "the getc step draws no input arc"

# ---- a screenshot of a step with memory lookups ----
timeout 60 "$chromium_bin" "${chromium_flags[@]}" --hide-scrollbars --window-size=1600,1300 \
  --screenshot="$work/explain_hello.png" "file://$work/hello.html#step=20" > /dev/null 2>&1 ||
  fail "no screenshot"
[ "$(head -c 4 "$work/explain_hello.png" | tail -c 3)" = "PNG" ] || fail "the screenshot is not a PNG"
[ "$(stat -c %s "$work/explain_hello.png")" -gt 20000 ] || fail "the screenshot is nearly empty"
echo "ok: screenshot $work/explain_hello.png"

# ---- the circuit as Graphviz DOT ----
"$c2w" compile "$src/examples/hello.c" --emit=dot -o "$work/hello.dot"
head -2 "$work/hello.dot" | grep -q "^digraph c2w {" || fail "--emit=dot does not write a digraph"
grep -q "subgraph cluster_0" "$work/hello.dot" || fail "--emit=dot has no layer clusters"
if command -v dot > /dev/null; then
  dot -Tsvg "$work/hello.dot" -o "$work/hello.svg" || fail "Graphviz rejects the DOT output"
fi

# ---- bad requests: a located error, exit 1, nothing written ----
expect_error() {
  local what=$1 pattern=$2
  shift 2
  set +e
  "$@" > "$work/error.out" 2> "$work/error.err"
  local status=$?
  set -e
  [ $status = 1 ] || fail "$what: exit $status, expected 1"
  grep -q "$pattern" "$work/error.err" || fail "$what: no '$pattern' in: $(cat "$work/error.err")"
  [ ! -e "$work/bad.html" ] || fail "$what: left an output file"
}
"$c2w" compile "$src/examples/hello.c" -o "$work/hello.c2w" 2> /dev/null
expect_error "a model file" "not a model file" "$c2w" explain "$work/hello.c2w" -o "$work/bad.html"
expect_error "a missing input file" "missing.in" "$c2w" explain "$src/examples/hello.c" \
  --input "$work/missing.in" -o "$work/bad.html"
printf 'int main(void) { return x; }\n' > "$work/broken.c"
expect_error "a C error" "broken.c:1" "$c2w" explain "$work/broken.c" -o "$work/bad.html"
echo "ok: explain page"
