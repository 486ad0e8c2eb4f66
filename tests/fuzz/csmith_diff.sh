#!/usr/bin/env bash
# Differential fuzzing with csmith: random C programs compiled with gcc -m32 (run under
# qemu-i386) and with c2w; the checksum each prints must be the same on c2w's reference
# engine and on its hull engine (the transformer compiled from the program).
#   csmith_diff.sh C2W_BINARY COUNT [FIRST_SEED] [--engines reference,hull] [--keep DIR]
# Seeds FIRST_SEED .. FIRST_SEED+COUNT-1 (default: derived from the current git commit,
# so each commit tries other programs and any run can be repeated). A program that
# does not finish natively within 10 s is skipped. A mismatch is saved to DIR
# (default /tmp/c2w-csmith-mismatches) with the seed in its name; exit 1 if any.
set -u
here=$(cd "$(dirname "$0")" && pwd)
c2w=$(realpath "$1"); count=$2; shift 2
seed=""
if [ $# -gt 0 ] && [[ $1 != --* ]]; then seed=$1; shift; fi
engines="reference,hull"; keep=/tmp/c2w-csmith-mismatches
while [ $# -gt 0 ]; do
  case $1 in
    --engines) engines=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
if [ -z "$seed" ]; then
  commit=$(git -C "$here" rev-parse --short=7 HEAD 2>/dev/null || echo 1)
  seed=$(( (16#${commit:-1} % 1000000) * 100 + 1 ))
fi
command -v csmith > /dev/null || { echo "csmith is not installed (apt-get install csmith)"; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export C2W_CACHE_DIR="$work/cache"
# Programs that stay small and quick: a few functions, shallow nesting, no packed
# structs (a layout c2w and gcc may not agree on is not what this test is about).
options="--no-packed-struct --max-funcs 4 --max-block-depth 3 --max-expr-complexity 6"
ok=0; skipped=0; failed=0
for ((i = 0; i < count; i++)); do
  s=$((seed + i))
  (cd "$work" && csmith --seed "$s" $options > p.c 2> /dev/null) || { echo "seed $s: csmith failed"; failed=$((failed + 1)); continue; }
  if ! gcc -m32 -O0 -w -I "$here/csmith" -o "$work/native" "$work/p.c" 2> "$work/gcc.err"; then
    echo "seed $s: skipped (gcc does not build it)"; skipped=$((skipped + 1)); continue
  fi
  timeout 10 qemu-i386 -L / "$work/native" > "$work/native.out" 2> /dev/null
  status=$?
  if [ $status != 0 ]; then echo "seed $s: skipped (native run: exit $status)"; skipped=$((skipped + 1)); continue; fi
  bad=""
  for engine in ${engines//,/ }; do
    # killed after 300 s: exit 137, told apart from c2w's own step limit (124)
    timeout -s KILL 300 "$c2w" run "$work/p.c" -w -I "$here/csmith" --engine "$engine" > "$work/$engine.out" 2> "$work/$engine.err"
    status=$?
    if [ $status = 137 ]; then
      bad="$bad $engine(no answer in 300 s)"
    elif [ $status != 0 ] || ! cmp -s "$work/native.out" "$work/$engine.out"; then
      bad="$bad $engine(exit $status, $(head -c 80 "$work/$engine.out" | tr -d '\n'))"
    fi
  done
  if [ -n "$bad" ]; then
    mkdir -p "$keep"; cp "$work/p.c" "$keep/csmith-$s.c"
    echo "seed $s: MISMATCH: native $(cat "$work/native.out" | tr -d '\n');$bad (saved $keep/csmith-$s.c)"
    failed=$((failed + 1))
  else
    echo "seed $s: ok ($(cat "$work/native.out" | tr -d '\n'))"; ok=$((ok + 1))
  fi
done
echo "csmith: $ok agree, $failed differ, $skipped skipped (seeds $seed..$((seed + count - 1)), engines $engines)"
[ $failed = 0 ]
