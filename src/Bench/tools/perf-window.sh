#!/bin/bash
# System-wide perf samples over a bench window, on the monotonic clock, to line up with a timeline
# (docs/benchmarks.md, stop 40). Usage, beside a bench run writing <log> (pipe it through grep --line-buffered, or the
# pattern shows up late):
#   src/Bench/tools/perf-window.sh <log> "<log line just before the window>" <occurrence> <seconds> <out.perf.data>
# e.g. perf-window.sh run.log "bare-S2: timeline" 2 17 s2.perf.data   (S2 in memory at 50 %: it starts right after the
#      second bare open-loop summary and lasts 15 s). Run the server with MCBENCH_SERVER_ENV="DOTNET_PerfMapEnabled=1"
#      so managed frames have names, and read it with src/Bench/tools/perf-timeline.py.
log=$1; pat=$2; nth=$3; secs=$4; out=$5
while [ "$(grep -c "$pat" "$log" 2>/dev/null)" -lt "$nth" ]; do sleep 0.2; done
perf record -a -F "${PERF_HZ:-199}" -g -k CLOCK_MONOTONIC -o "$out" -- sleep "$secs"
