"""The benchmark's memory peak adds up every process alive at once, children of threads included."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from process_tree import PROC, TreePeak, descendants_and_self

pytestmark = pytest.mark.skipif(not PROC.is_dir(), reason="reads /proc")

MB = 2**20

# A parent that holds 60 MB and starts, from a thread as the background search
# refresh does, a child that holds 60 MB too; both stay alive for a moment.
PARENT = f"""
import subprocess, sys, threading
held = bytearray({60 * MB}); held[::4096] = b"x" * len(held[::4096])
child = "import time; held = bytearray({60 * MB}); held[::4096] = b'x' * len(held[::4096]); time.sleep(1.5)"
def start():
    subprocess.run([sys.executable, "-c", child], check=True)
worker = threading.Thread(target=start)
worker.start()
worker.join()
"""


def test_the_peak_is_the_sum_of_a_process_and_the_child_its_thread_started():
    process = subprocess.Popen([sys.executable, "-c", PARENT])
    with TreePeak(process.pid) as peak:
        process.wait()
    assert process.returncode == 0
    assert peak.most_processes == 2
    assert peak.peak_mb >= 120


def test_the_tree_lists_grandchildren():
    command = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'import time; time.sleep(3)'])"
    process = subprocess.Popen([sys.executable, "-c", command])
    try:
        deadline = time.monotonic() + 10
        while len(descendants_and_self(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(descendants_and_self(process.pid)) == 2
    finally:
        process.wait()
