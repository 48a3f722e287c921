"""Atomic builds: Pelican writes into a fresh folder that replaces output/ only on success.

A failed, interrupted or concurrent build never leaves a broken or mixed
``output/``: each build writes into ``.output.tmp-<pid>`` beside it, under an
exclusive lock, and the finished tree is swapped in with two renames. If a
build dies between the two renames, the next one puts the previous tree back
before starting.

An incremental rebuild changes a few hundred files of a tree of tens of
thousands, where copying the tree cost more than writing them: it writes them
into a folder of its own beside ``output/`` and renames them all into place
once every one is written (:class:`StagedFiles`), keeping a journal so that an
interruption leaves ``output/`` either as it was or as it was meant to be.
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


def _staged_folders(output: Path) -> list[Path]:
    return sorted(output.parent.glob(f".{output.name}.staged-*"))


JOURNAL_COMMITTED = "committed"


class StagedFiles:
    """New versions of some files of output/, written into a folder beside it and moved in together.

    A rebuild writes into :attr:`folder` (``.output.staged-<pid>``), which
    nothing serves. commit() writes the journal beside output/ (the folder's
    name, then a commit line, flushed to disk), moves every file into
    output/, then removes the folder and the journal. Until the commit line is
    on disk the files are not published: recover() removes a staging folder
    left behind; after it, recover() finishes the moves. Used under
    build_lock().
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.folder = output.parent / f".{output.name}.staged-{os.getpid()}"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)

    def commit(self) -> None:
        with _journal(self.output).open("w", encoding="utf-8") as journal:
            journal.write(f"{self.folder.name}\n{JOURNAL_COMMITTED}\n")
            journal.flush()
            os.fsync(journal.fileno())
        _finish_journal(self.output)

    def abandon(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _finish_journal(output: Path) -> None:
    """Move a committed journal's files into place, then forget the journal and its folder."""
    journal = _journal(output)
    if not journal.exists():
        return
    lines = journal.read_text(encoding="utf-8").splitlines()
    folder = output.parent / lines[0] if lines else None
    if folder is not None and lines[-1] == JOURNAL_COMMITTED and folder.is_dir():
        _move_files(folder, output)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    journal.unlink()


def _move_files(folder: Path, output: Path) -> None:
    """Rename every file under `folder` to the same place under `output`."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            target = output / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)


def recover(output: Path) -> None:
    """Finish or undo what an interrupted build or rebuild left half done."""
    previous = _previous(output)
    if previous.exists():
        if output.exists():
            shutil.rmtree(previous)
        else:
            previous.rename(output)
    _finish_journal(output)
    # A rebuild killed before its commit: nothing of it was published.
    for folder in _staged_folders(output):
        shutil.rmtree(folder, ignore_errors=True)


def swap_in(new: Path, output: Path) -> None:
    """Put `new` in place of `output` and remove the previous tree."""
    previous = _previous(output)
    if output.exists():
        output.rename(previous)
    new.rename(output)
    if previous.exists():
        shutil.rmtree(previous)


class StrictModeFailed(RuntimeError):
    """Pelican itself (or a library it runs) logged a warning in a strict build."""


class _LoggedWarnings(logging.Handler):
    """Every warning and error logged while it is attached, by any logger."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_pelican(
    settings_file: str | os.PathLike, output: Path, overrides: dict[str, Any] | None, strict: bool
) -> None:
    """Run Pelican in this process (no second interpreter start: about a second saved).

    In strict mode a warning logged by Pelican itself fails the build too,
    once Pelican has finished: the tree it wrote is then never swapped in.
    """
    from pelican import Pelican
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    if not logging.getLogger().handlers:
        init_logging(level=logging.WARNING)
    settings = read_settings(
        str(settings_file),
        override={
            "OUTPUT_PATH": str(output),
            # This build stages and swaps the tree itself: the plugin's staging
            # for Pelican's own command (building/pelican_staging.py) stands
            # aside. Settings are all Pelican passes from its caller to plugins.
            "FACTCHECK_STAGED": True,
            # Pelican does not say which file it read: located settings errors need it.
            "FACTCHECK_SETTINGS_FILE": str(Path(settings_file).resolve()),
            **({"FACTCHECK_STRICT": True} if strict else {}),
            **(overrides or {}),
        },
    )
    logged = _LoggedWarnings()
    root = logging.getLogger()  # Pelican's loggers, and every other, report to it
    root.addHandler(logged)
    try:
        Pelican(settings).run()
    finally:
        root.removeHandler(logged)
    if settings.get("FACTCHECK_STRICT") and logged.messages:
        count = len(logged.messages)
        raise StrictModeFailed(
            f"strict mode: {count} warning{'s' if count > 1 else ''} while building, "
            f"the first: {logged.messages[0]}"
        )


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
