"""How fast this (shared) host is right now, in two numbers printed as `<ms>\t<us>`:

- the milliseconds to hash 64 MiB with SHA-256 (one core's speed);
- the median round trip, in microseconds, of one byte between two processes through pipes
  (how long a sleeping thread takes to wake up: every SQLite statement is such a hand-off).

On the two-vCPU bench host a wake-up took 7-51 us from one quarter-hour to the next (`perf bench
sched pipe`, session 13) and the apply and track rows at 200 connections moved with it, so the
report's table of the machine's load carries both numbers for each phase.
"""

import hashlib
import os
import statistics
import time

data = bytes(64 << 20)
started = time.perf_counter()
hashlib.sha256(data).digest()
hash_ms = (time.perf_counter() - started) * 1000

to_child_r, to_child_w = os.pipe()
to_parent_r, to_parent_w = os.pipe()
if os.fork() == 0:
    os.close(to_child_w)  # or the child's own copy keeps the pipe open: no end of file
    while os.read(to_child_r, 1):
        os.write(to_parent_w, b"x")
    os._exit(0)
trips = []
for _ in range(2000):
    started = time.perf_counter()
    os.write(to_child_w, b"x")
    os.read(to_parent_r, 1)
    trips.append((time.perf_counter() - started) * 1e6)
os.close(to_child_w)
os.wait()
print(f"{hash_ms:.0f}\t{statistics.median(trips):.0f}")
