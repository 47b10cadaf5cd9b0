"""Named points of an ingest run that a crash test can see and stop at (tests only).

The kill test (tests/integration/test_kill_resume.py) kills a real `eventlens ingest` with
SIGKILL and needs to know where each kill landed, and to land some inside the story-grouping
transaction, which takes well under a second on a small folder. With the environment variable
`EVENTLENS_PAUSE_POINTS` unset (always, outside that test) `pause_point` does nothing but
read it. Set, it is a comma-separated list of `NAME=SECONDS` (`*` matches every point):
each point passed is written to stderr as `eventlens pause-point NAME`, and a point listed
sleeps that long there.
"""

from __future__ import annotations

import os
import sys
import time

PAUSE_ENV = "EVENTLENS_PAUSE_POINTS"


def pause_point(name: str) -> None:
    """Announce `name` on stderr and sleep there if `EVENTLENS_PAUSE_POINTS` asks to."""
    spec = os.environ.get(PAUSE_ENV)
    if not spec:
        return
    sys.stderr.write(f"eventlens pause-point {name}\n")
    sys.stderr.flush()
    seconds = 0.0
    for item in spec.split(","):
        point, _, value = item.strip().partition("=")
        if point in (name, "*"):
            try:
                seconds = float(value or 0)
            except ValueError:
                seconds = 0.0
    if seconds > 0:
        time.sleep(seconds)
