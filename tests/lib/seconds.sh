# Sourced by test scripts. seconds CMD...: runs a command; sets status (its exit code)
# and elapsed (its wall time in seconds, to the millisecond).
seconds() {
  local start=${EPOCHREALTIME/./}
  "$@" && status=0 || status=$?
  local us=$((${EPOCHREALTIME/./} - start))
  elapsed=$((us / 1000000)).$(printf %03d $((us / 1000 % 1000)))
}
