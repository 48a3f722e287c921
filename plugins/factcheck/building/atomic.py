"""Atomic builds: Pelican writes into a fresh folder that replaces output/ only on success.

A failed, interrupted or concurrent build never leaves a broken or mixed
``output/``: each build writes into ``.output.tmp-<pid>`` beside it, under an
exclusive lock, and the finished tree is swapped in with two renames. If a
build dies between the two renames, the next one puts the previous tree back
before starting.

An incremental rebuild changes a few hundred files of a tree of tens of
thousands, where copying the tree cost more than writing them: it writes each
file beside its final name and renames them all into place once every one is
written (:class:`StagedFiles`), keeping a journal so that an interruption
leaves ``output/`` either as it was or as it was meant to be.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def build_lock(output: Path, wait: bool = True) -> Iterator[None]:
    """One build at a time per output folder (an advisory lock beside it)."""
    lock_path = output.parent / f".{output.name}.lock"
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise RuntimeError(f"another build of {output} is running") from None
            print(f"another build of {output} is running; waiting for it", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _previous(output: Path) -> Path:
    return output.parent / f".{output.name}.previous"


def _journal(output: Path) -> Path:
    return output.parent / f".{output.name}.journal"


JOURNAL_COMMITTED = "committed"


class StagedFiles:
    """New versions of files in output/, written beside them and renamed into place together.

    The journal beside output/ names the suffix of the staged files, then each
    file as it is staged, then a commit line once all are written. Until that
    line, recover() deletes the staged files; after it, recover() finishes the
    renames. Used under build_lock().
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.suffix = f".staged-{os.getpid()}"
        # Line-buffered: a process killed mid-rebuild has listed every file it
        # staged, so recover() can delete them before they are ever published.
        self._journal = _journal(output).open("w", encoding="utf-8", buffering=1)
        self._journal.write(f"{self.suffix}\n")

    def stage(self, final: str | os.PathLike) -> str:
        """The path to write the new content of `final` (a path in output/) to."""
        self._journal.write(f"{os.path.relpath(final, self.output)}\n")
        return f"{final}{self.suffix}"

    def commit(self) -> None:
        self._journal.write(f"{JOURNAL_COMMITTED}\n")
        self._journal.flush()
        os.fsync(self._journal.fileno())
        self._journal.close()
        _finish_journal(self.output)

    def abandon(self) -> None:
        self._journal.close()
        _finish_journal(self.output)


def _finish_journal(output: Path) -> None:
    """Rename a committed journal's files into place, or delete an uncommitted one's."""
    journal = _journal(output)
    if not journal.exists():
        return
    suffix, *names = journal.read_text(encoding="utf-8").splitlines()
    committed = bool(names) and names[-1] == JOURNAL_COMMITTED
    for name in dict.fromkeys(names[:-1] if committed else names):
        staged = output / f"{name}{suffix}"
        if not staged.exists():
            continue  # renamed before an interruption, or never written
        if committed:
            os.replace(staged, output / name)
        else:
            staged.unlink()
    journal.unlink()


def recover(output: Path) -> None:
    """Finish or undo what an interrupted build or rebuild left half done."""
    previous = _previous(output)
    if previous.exists():
        if output.exists():
            shutil.rmtree(previous)
        else:
            previous.rename(output)
    _finish_journal(output)


def swap_in(new: Path, output: Path) -> None:
    """Put `new` in place of `output` and remove the previous tree."""
    previous = _previous(output)
    if output.exists():
        output.rename(previous)
    new.rename(output)
    if previous.exists():
        shutil.rmtree(previous)


def run_pelican(
    settings_file: str | os.PathLike, output: Path, overrides: dict[str, Any] | None, strict: bool
) -> None:
    """Run Pelican in this process (no second interpreter start: about a second saved)."""
    from pelican import Pelican
    from pelican.log import FatalLogger
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    if not logging.getLogger().handlers:
        init_logging(level=logging.WARNING)
    settings = read_settings(
        str(settings_file),
        # This build stages and swaps the tree itself (factcheck.building.pelican_staging).
        override={"OUTPUT_PATH": str(output), "FACTCHECK_STAGED": True, **(overrides or {})},
    )
    strict = strict or bool(settings.get("FACTCHECK_STRICT"))
    settings["FACTCHECK_STRICT"] = strict
    previous_level = FatalLogger.fatal_lvl
    if strict:  # a warning from Pelican itself fails the build too
        FatalLogger.fatal_lvl = logging.WARNING
    try:
        Pelican(settings).run()
    finally:
        FatalLogger.fatal_lvl = previous_level


def build(
    settings_file: str | os.PathLike = "pelicanconf.py",
    output: str | os.PathLike = "output",
    *,
    overrides: dict[str, Any] | None = None,
    strict: bool = False,
    after=None,
) -> float:
    """Build the site into `output` atomically; return the seconds it took.

    `after(folder)` runs on the finished tree before it is swapped in (for
    example the search indexer), so its failure also leaves output/ as it was.
    """
    started = time.perf_counter()
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(output):
        recover(output)
        # Holding the lock, any staging folder left here is from a build that died.
        for stale in output.parent.glob(f".{output.name}.tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        staging = output.parent / f".{output.name}.tmp-{os.getpid()}"
        try:
            run_pelican(settings_file, staging, overrides, strict)
            if after is not None:
                after(staging)
            swap_in(staging, output)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
    return time.perf_counter() - started
