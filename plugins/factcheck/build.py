"""Atomic builds: Pelican writes into a fresh folder that replaces output/ only on success.

A failed, interrupted or concurrent build never leaves a broken or mixed
``output/``: each build writes into ``.output.tmp-<pid>`` beside it, under an
exclusive lock, and the finished tree is swapped in with two renames. If a
build dies between the two renames, the next one puts the previous tree back
before starting.
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


def recover(output: Path) -> None:
    """Undo a swap that was interrupted between its two renames."""
    previous = _previous(output)
    if previous.exists():
        if output.exists():
            shutil.rmtree(previous)
        else:
            previous.rename(output)


def swap_in(new: Path, output: Path, *, remove_previous: bool = True) -> Path | None:
    """Put `new` in place of `output`; the previous tree is removed, or returned to the caller."""
    previous = _previous(output)
    if output.exists():
        output.rename(previous)
    new.rename(output)
    if not previous.exists():
        return None
    if remove_previous:
        shutil.rmtree(previous)
        return None
    retired = previous.with_name(f"{previous.name}-{os.getpid()}-{time.monotonic_ns()}")
    previous.rename(retired)  # out of recover()'s way: it is complete and no longer needed
    return retired


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
        str(settings_file), override={"OUTPUT_PATH": str(output), **(overrides or {})}
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
        # Holding the lock, any staging folder left here is from a build that died,
        # and any retired tree is one a rebuild did not finish removing.
        for stale in [
            *output.parent.glob(f".{output.name}.tmp-*"),
            *output.parent.glob(f".{output.name}.previous-*"),
        ]:
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
