#!/bin/bash
# Context switches during a bench window, by server thread and kind (docs/benchmarks.md, stop 38).
# Usage, beside a bench run writing <log>:
#   src/Bench/tools/ctx-switches.sh <log> "<log line just before the window>" <seconds to wait after it> <seconds to measure>
# e.g. ctx-switches.sh run.log "S0-relay(S3.*machine busy" 12 10   (S3 on PostgreSQL: its warm-up is 10 s, its window 15 s)
#      ctx-switches.sh run.log "S0-relay(S1): machine busy" 12 10   (S1 in memory)
# Reads /proc twice, <seconds to measure> apart: each thread of the newest MatchChat.Web.dll process (by its name,
# voluntary and involuntary switches), every postgres process, the machine's context switches and rescheduling
# interrupts. Threads or processes that start or end in between are listed as "(new)" or left out.
log=$1; pat=$2; delay=$3; secs=$4
while ! grep -q "$pat" "$log" 2>/dev/null; do sleep 0.5; done
sleep "$delay"
srv=$(pgrep -n -f MatchChat.Web.dll)
snap() {
  grep -H . /proc/$srv/task/*/comm 2>/dev/null
  grep -H ctxt_switches /proc/$srv/task/*/status 2>/dev/null
  for p in $(pgrep -x postgres); do grep -H ctxt_switches /proc/$p/status 2>/dev/null; done
  grep -H "^ctxt" /proc/stat
  grep -H "RES:" /proc/interrupts
}
a=$(mktemp); b=$(mktemp)
snap > "$a"; sleep "$secs"; snap > "$b"
python3 - "$a" "$b" <<'PY'
import re, sys, collections
def read(f):
    comm = {}; cnt = collections.Counter()
    lines = open(f).read().splitlines()
    for l in lines:
        m = re.match(r'/proc/(\d+)/task/(\d+)/comm:(.*)', l)
        if m: comm[m.group(2)] = m.group(3).strip()
    for l in lines:
        m = re.match(r'/proc/(\d+)/task/(\d+)/status:(\w+):\s+(\d+)', l)
        if m: cnt[(comm.get(m.group(2), '?'), m.group(3), m.group(2))] += int(m.group(4)); continue
        m = re.match(r'/proc/(\d+)/status:(\w+):\s+(\d+)', l)
        if m: cnt[('postgres', m.group(2), m.group(1))] += int(m.group(3)); continue
        m = re.match(r'/proc/stat:ctxt (\d+)', l)
        if m: cnt[('machine', 'context switches', '0')] = int(m.group(1)); continue
        m = re.match(r'/proc/interrupts:\s*RES:((?:\s+\d+)+)', l)
        if m: cnt[('machine', 'rescheduling interrupts', '0')] = sum(int(x) for x in m.group(1).split())
    return cnt
a = read(sys.argv[1]); b = read(sys.argv[2])
total = collections.Counter()
for k, v in b.items():
    if k in a: total[(k[0], k[1])] += v - a[k]
    else: total[(k[0], k[1] + ' (new)')] += v
for k in sorted(total, key=lambda k: -total[k]):
    if total[k]: print(f"{k[0]:24s} {k[1]:36s} {total[k]:9d}")
PY
rm -f "$a" "$b"
