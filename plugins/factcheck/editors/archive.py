"""``invoke archive``: an archived copy for every source, written into its YAML file.

For each source without ``archive_url`` the Wayback Machine is asked for a
capture made on or after the source's date, and for a new one when there is
none (:mod:`.wayback`). The capture's address and day are inserted as two
lines into the source's mapping, nothing else in the file changes
(:mod:`.capture_insertion`).

Sources are archived a few at a time. A state file remembers each Save Page
Now job as soon as it is started, so a run that is interrupted resumes
polling that job instead of asking for a second capture.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..content.loading import Site, load_site
from ..content.schema import did_you_mean
from ..settings import FactcheckSettings
from .capture_insertion import insert_capture
from .wayback import ArchiveError, Capture, Politeness, Unfinished, WaybackClient

__all__ = ["STATE_FILE", "ArchiveError", "Capture", "Politeness", "run_archive"]

ACCESS_KEY_VARIABLE = "FACTCHECK_ARCHIVE_ACCESS_KEY"
SECRET_KEY_VARIABLE = "FACTCHECK_ARCHIVE_SECRET_KEY"
STATE_FILE = ".archive-state.json"


class ArchiveState:
    """What an interrupted run leaves for the next: started jobs, captures not yet written.

    Saved (atomically) after every change, so that killing the run at any
    moment loses nothing that was asked for.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            self.entries: dict[str, dict[str, Any]] = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            self.entries = {}
        except ValueError:
            self.entries = {}  # a damaged file: start afresh rather than refuse to run

    def get(self, source_id: str, url: str) -> dict[str, Any]:
        with self._lock:
            entry = self.entries.get(source_id, {})
            return dict(entry) if entry.get("url") == url else {}

    def put(self, source_id: str, **entry: Any) -> None:
        with self._lock:
            self.entries[source_id] = entry
            self._save()

    def forget(self, source_id: str) -> None:
        with self._lock:
            if self.entries.pop(source_id, None) is not None:
                self._save()

    def _save(self) -> None:
        if not self.entries:
            self.path.unlink(missing_ok=True)
            return
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(self.entries, indent=1, sort_keys=True) + "\n", "utf-8")
        os.replace(temporary, self.path)


@dataclass(order=True)
class Outcome:
    """What happened to one source; `kind` is archived, found, failed or planned."""

    path: str
    line: int
    col: int
    source_id: str
    kind: str = field(compare=False)
    message: str = field(compare=False)

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.source_id}: {self.message}"


class Archiver:
    """Archives a site's sources: one worker per source, a lock per file."""

    def __init__(
        self,
        settings: FactcheckSettings,
        client: WaybackClient,
        state: ArchiveState,
        stop: threading.Event,
    ) -> None:
        self.settings = settings
        self.stop = stop
        self.client = client
        self.state = state
        self._file_locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()

    def archive(self, source) -> Outcome:
        """Find or make a capture of one source and write it into its file."""
        kind, capture = "found", None
        if self.stop.is_set():  # interrupted: start nothing new
            return self._outcome(source, "failed", "failed: interrupted")
        try:
            self._check_writable(source)  # before asking the archive for anything
            kept = self.state.get(source.id, source.url)
            if "capture" in kept:  # had before an interruption, not yet written
                kind, capture = kept["kind"], Capture(**kept["capture"])
            elif "job_id" in kept:
                kind, capture = "archived", self._wait(source, kept["job_id"])
            else:
                capture = self.client.find(source.url, source.date)
                if capture is None:
                    job_id = self.client.save(source.url)
                    self.state.put(source.id, url=source.url, job_id=job_id)
                    kind, capture = "archived", self._wait(source, job_id)
            self.state.put(source.id, url=source.url, kind=kind, capture=vars(capture))
            self._write(source, capture)
            self.state.forget(source.id)
        except ArchiveError as error:
            return self._outcome(source, "failed", f"failed: {error}")
        if kind == "found":
            message = f"found a capture of {capture.day}: {capture.url}"
        else:
            message = f"archived on {capture.day}: {capture.url}"
        return self._outcome(source, kind, message)

    def _wait(self, source, job_id: str) -> Capture:
        try:
            return self.client.wait_for(job_id)
        except Unfinished:
            raise
        except ArchiveError:
            self.state.forget(source.id)  # a clear failure: the next run starts afresh
            raise

    def _check_writable(self, source) -> None:
        rel = source.location.path
        text = (self.settings.project_root / rel).read_text(encoding="utf-8")
        insert_capture(text, source.id, Capture(source.url, "2000-01-01"), rel)

    def _write(self, source, capture: Capture) -> None:
        rel = source.location.path
        file = self.settings.project_root / rel
        with self._locks_lock:
            lock = self._file_locks.setdefault(rel, threading.Lock())
        with lock:  # re-read: another worker may have written this file meanwhile
            text = file.read_text(encoding="utf-8")
            new_text = insert_capture(text, source.id, capture, rel)
            temporary = file.with_name(f".{file.name}.archive.tmp")
            temporary.write_text(new_text, encoding="utf-8", newline="")
            os.chmod(temporary, file.stat().st_mode & 0o7777)
            os.replace(temporary, file)

    def _outcome(self, source, kind: str, message: str) -> Outcome:
        return Outcome(*_key(source), source.id, kind, message)


def run_archive(
    settings: FactcheckSettings,
    *,
    only: str | None = None,
    dry_run: bool = False,
    politeness: Politeness | None = None,
    sleep: Callable[[float], None] | None = None,
    out: IO[str] = sys.stdout,
    progress: IO[str] | None = None,
) -> int:
    """Archive every source that lacks a copy; print a report and a summary; the exit status."""
    site = load_site(settings, [], [])
    if only is not None and only not in site.sources:
        print(f"archive: unknown source {only!r}{did_you_mean(only, site.sources)}", file=out)
        return 2
    wanted = [site.sources[only]] if only is not None else _in_file_order(site)
    todo = [source for source in wanted if _lacks_a_copy(source)]
    skipped = len(wanted) - len(todo)
    if dry_run:
        return _print_plan(todo, skipped, out)
    archiver = _archiver(settings, politeness or Politeness(), sleep)
    show = _Progress(progress if progress is not None else sys.stderr, len(todo))
    outcomes = _archive_all(archiver, todo, show)
    if archiver.stop.is_set():
        print(
            f"archive: interrupted after {len(outcomes)} of {len(todo)} sources; "
            "run it again to resume",
            file=out,
        )
        return 130
    outcomes = _relocate(settings, outcomes)
    _print_report(outcomes, out)
    return _print_summary(outcomes, skipped, out)


def _in_file_order(site: Site) -> list:
    return sorted(site.sources.values(), key=lambda s: (s.location.path, s.location.line))


def _lacks_a_copy(source) -> bool:
    """A source the archive can be asked for: online, with an address and no copy yet."""
    return not source.offline and bool(source.url) and source.archive_url is None


def _print_summary(outcomes: list[Outcome], skipped: int, out: IO[str]) -> int:
    """The summary line; the exit status, 1 when any source failed."""
    counts = {kind: sum(o.kind == kind for o in outcomes) for kind in ("archived", "found")}
    failed = sum(o.kind == "failed" for o in outcomes)
    print(
        f"archive: {counts['archived']} archived, {counts['found']} found, "
        f"{skipped} skipped, {failed} failed",
        file=out,
    )
    return 1 if failed else 0


def _print_plan(todo: list, skipped: int, out: IO[str]) -> int:
    """What a run would ask the archive for; a dry run always succeeds."""
    planned = [
        Outcome(*_key(s), s.id, "planned", f"would look for a capture of {s.url}") for s in todo
    ]
    _print_report(planned, out)
    print(f"archive (dry run): {len(todo)} to look for, {skipped} skipped", file=out)
    return 0


def _archiver(
    settings: FactcheckSettings, politeness: Politeness, sleep: Callable[[float], None] | None
) -> Archiver:
    """An archiver whose waits end, and whose workers give up, once it is told to stop."""
    stop = threading.Event()

    def wait_unless_stopped(seconds: float) -> None:
        if stop.wait(seconds):
            raise Unfinished("interrupted")

    client = WaybackClient(
        settings.archive_endpoint,
        politeness,
        credentials=_credentials(),
        sleep=sleep or wait_unless_stopped,
    )
    state = ArchiveState(settings.project_root / STATE_FILE)
    return Archiver(settings, client, state, stop)


def _archive_all(archiver: Archiver, todo: list, show: _Progress) -> list[Outcome]:
    """The outcomes in the order of `todo`; only those finished when Ctrl-C stops the archiver."""
    outcomes: list[Outcome] = []
    executor = ThreadPoolExecutor(max_workers=max(1, archiver.client.politeness.jobs))
    try:
        for outcome in executor.map(archiver.archive, todo):
            outcomes.append(outcome)
            show.step()
    except KeyboardInterrupt:
        # Workers stop at their next wait; started jobs are in the state file.
        archiver.stop.set()
        executor.shutdown(wait=False, cancel_futures=True)
    else:
        executor.shutdown()
    show.done()
    return outcomes


def _key(source) -> tuple[str, int, int]:
    where = source.key_location
    return where.path, where.line, where.col


def _credentials() -> tuple[str, str] | None:
    access, secret = os.environ.get(ACCESS_KEY_VARIABLE), os.environ.get(SECRET_KEY_VARIABLE)
    return (access, secret) if access and secret else None


def _relocate(settings: FactcheckSettings, outcomes: Iterable[Outcome]) -> list[Outcome]:
    """The sources' places in their files as written now, after the insertions."""
    site: Site = load_site(settings, [], [])
    moved = []
    for outcome in outcomes:
        source = site.sources.get(outcome.source_id)
        if source is not None:
            outcome.path, outcome.line, outcome.col = _key(source)
        moved.append(outcome)
    return moved


def _print_report(outcomes: list[Outcome], out: IO[str]) -> None:
    for outcome in sorted(outcomes):
        print(outcome.format(), file=out)


class _Progress:
    """A one-line progress bar, drawn only on a terminal."""

    def __init__(self, stream: IO[str], total: int) -> None:
        self.stream = stream
        self.total = total
        self.count = 0
        self.shown = total > 0 and stream.isatty()
        self._draw()

    def step(self) -> None:
        self.count += 1
        self._draw()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        if self.shown:
            filled = 30 * self.count // self.total
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\rarchive [{bar}] {self.count}/{self.total}")
            self.stream.flush()
