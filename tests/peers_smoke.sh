#!/usr/bin/env bash
# What of the peer benchmark runs without the peer: bench/peers/peer_main.c gives a
# program written against transformer-vm's runtime (compute(input), print_str, ...)
# its meaning on c2w, on the reference and the hull engine; run_peers.py refuses a
# missing peer and a work folder inside the repository; bench_batch runs one model on
# several inputs on 1 and 2 threads and finds the same outputs.
#   peers_smoke.sh C2W BENCH_BATCH
set -u
c2w=$1
bench_batch=$2
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check "description" command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

define="PEER_PROGRAM=\"$root/tests/peers/greet.c\""
printf '41 Ada' | "$c2w" run "$root/bench/peers/peer_main.c" -D "$define" > "$work/ref.out"; status=$?
check "the harness runs a peer-style program (reference)" [ $status = 0 ]
check "its output is the program's" [ "$(cat "$work/ref.out")" = "Hi Ada 44 -41!" ]
"$c2w" compile "$root/bench/peers/peer_main.c" -D "$define" -o "$work/greet.c2w" 2> /dev/null
printf '41 Ada' | "$c2w" run "$work/greet.c2w" --engine hull --stats > "$work/hull.out" 2> "$work/hull.err"
check "the same on the hull engine" cmp -s "$work/ref.out" "$work/hull.out"

python3 "$root/bench/peers/run_peers.py" --peer "$work/missing" --work "$work/w" 2> "$work/missing.err"; status=$?
check "run_peers.py: a missing peer exits 1" [ $status = 1 ]
check "run_peers.py: ... and says so" grep -q "does not exist" "$work/missing.err"
python3 "$root/bench/peers/run_peers.py" --peer "$work" --work "$root/build/peer-work" 2> "$work/inside.err"; status=$?
check "run_peers.py: a work folder inside the repository exits 1" [ $status = 1 ]
check "run_peers.py: ... and says why" grep -q "inside the repository" "$work/inside.err"
check "run_peers.py: ... and made nothing there" [ ! -e "$root/build/peer-work" ]

mkdir "$work/inputs"
printf '1 Bo' > "$work/inputs/a"
printf '250 Cyrus' > "$work/inputs/b"
printf '7 ' > "$work/inputs/c"
"$bench_batch" "$work/greet.c2w" --inputs "$work/inputs" --threads 2 --rounds 1 --repeat 2 \
  --json "$work/batch.json" > "$work/batch.out"; status=$?
cat "$work/batch.out"
check "bench_batch: 1 and 2 threads agree" [ $status = 0 ]
check "bench_batch: the JSON has the speed-up" python3 -c "
import json
d = json.load(open('$work/batch.json'))
assert d['runs'] == 6 and d['threads'] == 2 and d['speedup']['median'] > 0, d
"
"$bench_batch" "$work/greet.c2w" --inputs "$work/none" > /dev/null 2> "$work/none.err"; status=$?
check "bench_batch: a missing input folder exits 1" [ $status = 1 ]
echo "$failures failed"
[ $failures = 0 ]
