#!/usr/bin/env python3
"""Per 100 ms of an open-loop window: what ran on the machine, next to that window's p99 and the load client's lateness.

Usage: perf script -i s2.perf.data -F comm,pid,tid,time,ip,sym,dso | perf-timeline.py <window start> <timeline.tsv> <server pid>
<window start> is the "window start ... s on the monotonic clock" of the bench's timeline line; the perf data must be
recorded with -k CLOCK_MONOTONIC (perf-window.sh does). Columns are perf samples (at 199 Hz on two cores a 100 ms
window holds about 40): the server's background GC thread, its crisis model thread, its thread-pool workers, its other
threads, the load client (every other process whose threads carry .NET names), idle, and everything else.
"""
import collections
import re
import sys

start, timeline, server = float(sys.argv[1]), sys.argv[2], sys.argv[3]
counts = collections.defaultdict(collections.Counter)
header = re.compile(r'\s*(.+?)\s+(\d+)/(\d+)\s+([\d.]+):')
for line in sys.stdin:
    if not line.strip() or line[0].isspace():
        continue
    m = header.match(line)
    if not m:
        continue
    comm, pid, t = m.group(1), m.group(2), float(m.group(4))
    offset = t - start
    if offset < 0:
        continue
    if pid == server:
        group = {'.NET BGC': 'bgc', 'MatchChat model': 'model', '.NET TP Worker': 'workers'}.get(comm, 'server other')
    elif pid == '0':
        group = 'idle'
    elif comm.startswith('.NET'):
        group = 'load client'
    else:
        group = 'other'
    counts[int(offset * 10)][group] += 1

columns = ['bgc', 'model', 'workers', 'server other', 'load client', 'idle', 'other']
print('t_s\tp99_ms\tsend_late_p99_ms\t' + '\t'.join(c.replace(' ', '_') for c in columns))
with open(timeline) as f:
    next(f)
    for row in f:
        cells = row.rstrip('\n').split('\t')
        bucket = int(round(float(cells[0]) * 10))
        late = cells[5] if len(cells) > 5 else 'nan'
        print(f"{cells[0]}\t{cells[3]}\t{late}\t" + '\t'.join(str(counts[bucket][c]) for c in columns))
