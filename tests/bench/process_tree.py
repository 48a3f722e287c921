"""The peak memory of a process and all its descendants alive at once, sampled from /proc.

`invoke serve` keeps one process for a whole editing session and starts
Pagefind runs beside it; `invoke build` starts them from the build's own
process. The kernel's per-process peak (ru_maxrss) cannot add those up, so a
thread samples the resident size of every process in the tree every few
milliseconds and keeps the largest sum. A sample can miss a peak shorter than
the interval, so the benchmark reports the kernel's per-process peaks beside
it and judges the goal by the larger of the two.

Linux only (it reads /proc); elsewhere the sampled peak is 0.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
PROC = Path("/proc")
# Short enough to see a Pagefind run of a second or two many times over, long
# enough that sampling costs nothing noticeable on a shared two-core machine.
INTERVAL_S = 0.02


def descendants_and_self(pid: int) -> list[int]:
    """The process and every process below it, through each of its threads' children."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        # A child started from a thread (the background search refresh) is listed under that thread.
        try:
            threads = list((PROC / str(current) / "task").iterdir())
        except OSError:  # it has exited
            continue
        for thread in threads:
            try:
                pending.extend(int(child) for child in (thread / "children").read_text().split())
            except (OSError, ValueError):
                continue
    return found


def resident_bytes(pid: int) -> int:
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE_BYTES
    except (OSError, IndexError, ValueError):  # it has exited between listing and reading
        return 0


def tree_resident_bytes(pid: int) -> tuple[int, int]:
    """The resident size of the whole tree now, and how many processes it has."""
    pids = descendants_and_self(pid)
    return sum(resident_bytes(p) for p in pids), len(pids)


class TreePeak:
    """Samples a process tree in a thread until stopped: `with TreePeak(pid) as peak: ...`."""

    def __init__(self, pid: int, interval_s: float = INTERVAL_S) -> None:
        self.pid = pid
        self.interval_s = interval_s
        self.peak_bytes = 0
        self.most_processes = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / 2**20

    def _sample(self) -> None:
        if not PROC.is_dir():
            return
        while True:
            total, processes = tree_resident_bytes(self.pid)
            self.samples += 1
            if total > self.peak_bytes:
                self.peak_bytes = total
            self.most_processes = max(self.most_processes, processes)
            if self._stop.wait(self.interval_s):
                return

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
