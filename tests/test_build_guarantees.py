"""Determinism and atomicity: same content, same bytes; a dead build changes nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conftest import tree

from factcheck.building.atomic import build


def build_in_subprocess(project, out: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(out), "-s", "pelicanconf.py"],
        cwd=project.root,
        env=env,
        check=True,
        capture_output=True,
    )


def test_two_builds_are_byte_identical_whatever_the_hash_seed_and_file_times(project, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    build_in_subprocess(project, first, "1")
    for number, path in enumerate(sorted((project.root / "content").rglob("*"))):
        stamp = 1_500_000_000 + number * 86_400 * 37  # scrambled, far from the first build's
        os.utime(path, (stamp, stamp))
    build_in_subprocess(project, second, "4242")
    assert tree(first) == tree(second)


def test_no_clock_time_leaks_into_pages(project, tmp_path):
    out = tmp_path / "out"
    build(project.settings_file, out)
    this_year = time.strftime("%Y")
    for name, content in tree(out).items():
        if name.endswith((".html", ".xml")):
            assert this_year.encode() not in content, name


KILLER = textwrap.dedent(
    """
    import sys
    from factcheck.building import atomic

    original = atomic.swap_in

    def stall_before_swap(new, output):
        print("staged", flush=True)
        import time
        time.sleep(60)
        original(new, output)

    atomic.swap_in = stall_before_swap
    atomic.build(sys.argv[1], sys.argv[2])
    """
)


def test_a_build_killed_before_its_swap_leaves_output_untouched(project, tmp_path):
    out = tmp_path / "output"
    build(project.settings_file, out)
    before = tree(out)
    project.write("content/pages/about.md", "Title: About\n\nChanged.\n", dedent=False)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(project.settings_file), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = iter(process.stdout.readline, "")
    assert "staged" in (line.strip() for line in lines)  # Pelican prints its summary first
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert tree(out) == before
    build(project.settings_file, out)  # the next build cleans up and succeeds
    assert "Changed." in (out / "about" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".output")) == [
        ".output.lock"
    ]


def test_a_swap_interrupted_between_its_renames_is_undone(project, tmp_path):
    out = tmp_path / "output"
    build(project.settings_file, out)
    before = tree(out)
    out.rename(tmp_path / ".output.previous")  # as if killed after the first rename
    build(project.settings_file, out)
    assert tree(out) == before
    assert not (tmp_path / ".output.previous").exists()
