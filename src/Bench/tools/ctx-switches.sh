#!/bin/bash
# Context switches during a bench window (docs/benchmarks.md, stop 38). Usage, beside a bench run writing <log>:
#   src/Bench/tools/ctx-switches.sh <log> "<log line just before the window>" <seconds to wait after it> <seconds to measure>
# e.g. ctx-switches.sh run.log "S0-relay(S3.*machine busy" 12 10  (S3 on PostgreSQL), ... "S0-relay(S1): machine busy" 12 10 (S1).
# Sums the context switches (voluntary and involuntary) of the server's threads (MatchChat.Web.dll) and of the postgres processes, and reads
# rescheduling and function-call interrupts and the machine's context switches from /proc, 10 s apart.
log=$1; pat=$2; delay=$3; secs=$4
while ! grep -q "$pat" $log 2>/dev/null; do sleep 0.5; done
sleep $delay
snap() {
  srv=$(pgrep -n -f MatchChat.Web.dll)
  s=0; for f in /proc/$srv/task/*/status; do v=$(awk '/voluntary_ctxt_switches/ {t+=$2} END {print t}' $f 2>/dev/null); s=$((s+${v:-0})); done
  p=0; for pid in $(pgrep -x postgres); do v=$(awk '/voluntary_ctxt_switches/ {t+=$2} END {print t}' /proc/$pid/status 2>/dev/null); p=$((p+${v:-0})); done
  res=$(awk '/RES:/ {print $2+$3}' /proc/interrupts); cal=$(awk '/CAL:/ {print $2+$3}' /proc/interrupts)
  cs=$(awk '/^ctxt/ {print $2}' /proc/stat)
  echo "$s $p $res $cal $cs"
}
a=($(snap)); sleep $secs; b=($(snap))
echo "over ${secs}s: server ctxsw $((b[0]-a[0])), postgres ctxsw $((b[1]-a[1])), RES IPIs $((b[2]-a[2])), CAL IPIs $((b[3]-a[3])), machine ctxsw $((b[4]-a[4]))"
