#!/usr/bin/env python3
"""Where a host's idle processor time sits: what was running (or nothing) while some processors were idle.

An intake run leaves a fifth of two processors idle even with every client's request in flight, so the idle
is waiting, and what runs meanwhile says on what. Record the whole machine during a run, then read it here:

  perf record -a -e sched:sched_switch -o sched.data -- sleep 3
  perf script -i sched.data -F pid,tid,cpu,time,event,trace > sched.txt
  python3 bench/profile/idle_breakdown.py sched.txt [pid-of-the-server]
  python3 bench/profile/idle_breakdown.py --self-test     # the split of a made-up trace whose answer is known (CI runs it)

It prints the idle share of the machine's capacity, split by the threads running on the other processors
at the time ("nothing": every processor idle), and, for the spells when every processor was idle, which
thread went to sleep last before and which ran first after.
"""
import collections
import re
import sys

SWITCH = re.compile(
    r'(\d+)/(\d+)\s+\[(\d+)\]\s+([\d.]+): sched:sched_switch: prev_comm=(.*?) prev_pid=(\d+) .*?'
    r'prev_state=(\S+) ==> next_comm=(.*?) next_pid=(\d+)')


def breakdown(lines, server_pid=None):
    """(processors, capacity in processor-seconds, idle split by what ran, all-idle spells by who slept last, by who ran first)."""
    process = {}  # thread id -> process id, from the events each thread was current for
    for line in lines:
        m = re.match(r'\s*(\d+)/(\d+)', line)
        if m:
            process[m[2]] = m[1]

    def label(comm, tid):
        owner = process.get(tid)
        if server_pid and owner == server_pid:
            return f'server: {comm}'
        return comm if not owner or owner == '0' else f'{comm} ({owner})'

    switches = []
    for line in lines:
        m = SWITCH.search(line)
        if m:
            switches.append((float(m[4]), int(m[3]), label(m[5], m[6]), label(m[8], m[9]), m[8].startswith('swapper')))
    if not switches:
        raise ValueError('no sched_switch events')
    switches.sort()
    cpus = sorted({s[1] for s in switches})
    running = {c: None for c in cpus}  # cpu -> label, None for idle, unknown until its first switch
    seen = set()
    idle_while = collections.Counter()
    before, after = collections.Counter(), collections.Counter()
    all_idle_since, last_to_sleep = None, None
    last = switches[0][0]
    for t, cpu, prev, nxt, to_idle in switches:
        span = t - last
        if len(seen) == len(cpus):
            idle = [c for c in cpus if running[c] is None]
            if idle:
                busy = sorted({running[c] for c in cpus if running[c] is not None})
                idle_while[' + '.join(busy) or 'nothing'] += span * len(idle)
        was_all_idle = len(seen) == len(cpus) and all(running[c] is None for c in cpus)
        running[cpu] = None if to_idle else nxt
        seen.add(cpu)
        now_all_idle = len(seen) == len(cpus) and all(running[c] is None for c in cpus)
        if now_all_idle and not was_all_idle:
            all_idle_since, last_to_sleep = t, prev
        if was_all_idle and not now_all_idle and all_idle_since is not None:
            before[last_to_sleep] += t - all_idle_since
            after[nxt] += t - all_idle_since
        last = t

    capacity = (switches[-1][0] - switches[0][0]) * len(cpus)
    return len(cpus), capacity, idle_while, before, after


def report(lines, server_pid=None):
    cpus, capacity, idle_while, before, after = breakdown(lines, server_pid)
    print(f'{cpus} processors, {capacity / cpus:.2f} s: idle {100 * sum(idle_while.values()) / capacity:.1f} % of capacity')
    for what, seconds in idle_while.most_common(12):
        print(f'  {100 * seconds / capacity:5.1f} %  idle while running: {what}')
    if before:
        print('every processor idle; last to sleep before it, and first to run after it (share of capacity):')
        for what, seconds in before.most_common(5):
            print(f'  {100 * seconds * cpus / capacity:5.1f} %  slept last: {what}')
        for what, seconds in after.most_common(5):
            print(f'  {100 * seconds * cpus / capacity:5.1f} %  ran first: {what}')


# Two processors over 2 s. CPU 0: the writer for 1 s, then idle 1 s. CPU 1: idle 1.5 s (a client thread slept), then
# the pool for 0.5 s. So: 1 s idle beside the writer, 0.5 s with both idle (1 processor-second), 0.5 s idle beside the pool.
SAMPLE = """\
 100/101  [000]   10.000000: sched:sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=host writer next_pid=101 next_prio=120
   7/7    [001]   10.000000: sched:sched_switch: prev_comm=client prev_pid=7 prev_prio=120 prev_state=S ==> next_comm=swapper/1 next_pid=0 next_prio=120
 100/101  [000]   11.000000: sched:sched_switch: prev_comm=host writer prev_pid=101 prev_prio=120 prev_state=S ==> next_comm=swapper/0 next_pid=0 next_prio=120
   0/0    [001]   11.500000: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=host pool next_pid=102 next_prio=120
 100/102  [001]   12.000000: sched:sched_switch: prev_comm=host pool prev_pid=102 prev_prio=120 prev_state=S ==> next_comm=swapper/1 next_pid=0 next_prio=120
   0/0    [000]   12.000000: sched:sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=host writer next_pid=101 next_prio=120
"""


def self_test():
    cpus, capacity, idle_while, before, after = breakdown(SAMPLE.splitlines(), '100')
    got = (cpus, round(capacity, 6), {k: round(v, 6) for k, v in idle_while.items()},
           {k: round(v, 6) for k, v in before.items()}, {k: round(v, 6) for k, v in after.items()})
    want = (2, 4.0, {'server: host writer': 1.0, 'nothing': 1.0, 'server: host pool': 0.5},
            {'server: host writer': 0.5}, {'server: host pool': 0.5})
    if got != want:
        sys.exit(f'idle_breakdown self-test failed:\n  got  {got}\n  want {want}')
    print('idle_breakdown self-test passed')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == '--self-test':
        self_test()
    else:
        report(open(sys.argv[1], encoding='utf-8', errors='replace').read().splitlines(), sys.argv[2] if len(sys.argv) > 2 else None)
