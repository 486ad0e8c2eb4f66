#!/usr/bin/env bash
# Symbolic-execution tests, driven by the header lines of each program:
#   symex.sh C2W bug FILE      // BUG: kind and // LINE: n — symex must find that bug,
#                              with an input that replays on `c2w run` (exit 134);
#                              // INPUT-BYTES: n sets --input-bytes (default 8).
#   symex.sh C2W correct FILE  // BUG: none — no finding within the bounds.
#   symex.sh C2W equiv A_a.c   // EQUIV: yes|no — `c2w equiv A_a.c A_b.c` agrees.
#   symex.sh C2W target FILE   // REACH: line and // WANT: text — --reach and
#                              --want-output each find an input that replays.
# A file with a `// KNOWN LIMIT:` line is skipped (exit 77): a case the engine is
# known not to solve within a test's time, measured by bench/bench_symex instead.
set -u
c2w=$(realpath "$1"); mode=$2; file=$(realpath "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
header() { sed -n "s|^// $1: ||p" "$file" | head -1; }
if [ -n "$(header 'KNOWN LIMIT')" ]; then echo "skipped: $(header 'KNOWN LIMIT')"; exit 77; fi

case $mode in
  bug)
    kind=$(header BUG); line=$(header LINE)
    [ "$kind" = assert ] && kind=assertion
    bytes=$(header INPUT-BYTES); bytes=${bytes:-8}
    "$c2w" symex "$file" --input-bytes "$bytes" --max-seconds 60 --stop-at-first -o "$work/out" > "$work/report.txt" 2> /dev/null
    status=$?
    cat "$work/report.txt"
    [ $status = 1 ] || { echo "expected exit 1 (findings), got $status"; exit 1; }
    python3 - "$work/out/report.json" "$kind" "$line" <<'PY' || exit 1
import json, sys
report, kind, line = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
for f in report["findings"]:
    if f["kind"] == kind and f["location"].split(":")[1] == line and f["replayed"]:
        sys.exit(0)
print(f"no replayed {kind} finding at line {line}")
sys.exit(1)
PY
    "$c2w" run "$file" < "$work/out/1.in" > /dev/null 2>&1
    replay=$?
    [ $replay = 134 ] || { echo "replaying 1.in with c2w run: expected exit 134, got $replay"; exit 1; }
    ;;
  correct)
    "$c2w" symex "$file" --input-bytes 4 --max-seconds 20 > "$work/report.txt" 2> /dev/null
    status=$?
    cat "$work/report.txt"
    [ $status = 0 ] || { echo "expected no finding (exit 0), got $status"; exit 1; }
    ;;
  equiv)
    expected=$(header EQUIV)
    second=${file%_a.c}_b.c
    "$c2w" equiv "$file" "$second" --input-bytes 4 --max-seconds 60 > "$work/report.txt" 2> /dev/null
    status=$?
    cat "$work/report.txt"
    if [ "$expected" = yes ]; then want=0; else want=1; fi
    [ $status = $want ] || { echo "expected exit $want (EQUIV: $expected), got $status"; exit 1; }
    if [ $want = 1 ]; then grep -q "replay: confirmed" "$work/report.txt" || { echo "difference not confirmed"; exit 1; }; fi
    ;;
  target)
    line=$(header REACH); want=$(header WANT)
    "$c2w" symex "$file" --reach "$(basename "$file"):$line" --stop-at-first -o "$work/reach" > "$work/reach.txt" 2> /dev/null
    status=$?
    cat "$work/reach.txt"
    [ $status = 1 ] || { echo "--reach: expected exit 1, got $status"; exit 1; }
    grep -q '"kind": "reach"' "$work/reach/report.json" || { echo "--reach: no reach finding"; exit 1; }
    grep -q '"replayed": true' "$work/reach/report.json" || { echo "--reach: not replayed"; exit 1; }
    "$c2w" symex "$file" --want-output "$want" --stop-at-first -o "$work/want" > "$work/want.txt" 2> /dev/null
    status=$?
    cat "$work/want.txt"
    [ $status = 1 ] || { echo "--want-output: expected exit 1, got $status"; exit 1; }
    "$c2w" run "$file" < "$work/want/1.in" | grep -qF "$want" || { echo "--want-output: 1.in does not print '$want'"; exit 1; }
    ;;
  *) echo "unknown mode $mode"; exit 2 ;;
esac
