# Sourced by the differential tests (differential.sh, multiword.sh): compares the
# native run with c2w's and reports, then exits 1 on a difference.
#   compare_outputs NAME WHAT WORK NATIVE_STATUS C2W_STATUS
# WHAT names the c2w side in messages ("c2w", "c2w, hull engine"); WORK holds
# native.out, native.err, c2w.out and c2w.err.
compare_outputs() {
  local name=$1 what=$2 work=$3 native_status=$4 c2w_status=$5 failed=0
  if ! cmp -s "$work/native.out" "$work/c2w.out"; then
    echo "$name: stdout differs (native vs $what):"
    diff -a "$work/native.out" "$work/c2w.out" | cat -v | head -20
    failed=1
  fi
  if [ "$native_status" != "$c2w_status" ]; then
    echo "$name: exit code differs: native $native_status, c2w $c2w_status"
    failed=1
  fi
  if [ $failed = 1 ]; then
    echo "native stderr:"; head -20 "$work/native.err"
    echo "c2w stderr:"; head -40 "$work/c2w.err"
    exit 1
  fi
}
