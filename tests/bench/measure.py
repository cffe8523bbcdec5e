#!/usr/bin/env python3
"""Run a command once, its output thrown away, and print one line:

    WALL_SECONDS PEAK_RSS_KIB EXIT_STATUS CPU_SECONDS

    python3 measure.py [--gnu-time] COMMAND [ARG...]

Wall time is taken here with a monotonic clock.  The peak resident set
comes from GNU time (--gnu-time: /usr/bin/time -f %M), which forks a
process of a megabyte or so before it runs COMMAND; without it, from
getrusage(RUSAGE_CHILDREN) of this process, which has exactly one child
but counts the interpreter's own pages, copied into the child before
exec, as a floor of some ten megabytes.  CPU time is user plus system
time of the command and everything it ran (GNU time too, which adds a
millisecond): divided by the wall time it says how many processors the
command kept busy, which is what bounds a speed-up from threads on a
machine that others share.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time


def run(cmd):
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        status = subprocess.call(cmd, stdout=null)
        return time.perf_counter() - start, status


def with_gnu_time(cmd):
    with tempfile.NamedTemporaryFile("r") as report:
        wall, status = run(["/usr/bin/time", "-f", "%M", "-o", report.name] + cmd)
        # A failed command adds a "Command exited ..." line before ours.
        peak = int(report.read().split()[-1])
    return wall, peak, status


def with_getrusage(cmd):
    wall, status = run(cmd)
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, status


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    args = sys.argv[1:]
    gnu = bool(args) and args[0] == "--gnu-time"
    cmd = args[1:] if gnu else args
    if not cmd:
        sys.exit("usage: measure.py [--gnu-time] COMMAND [ARG...]")
    # Children's times survive exec: a launcher that ran programs before
    # it became this interpreter (a version manager's shim) left its own
    # in the count, so only what the command adds is reported.
    before = cpu_seconds()
    wall, peak, status = (with_gnu_time if gnu else with_getrusage)(cmd)
    print("%.6f %d %d %.3f" % (wall, peak, status, cpu_seconds() - before))


if __name__ == "__main__":
    main()
