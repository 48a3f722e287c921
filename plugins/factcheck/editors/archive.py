"""``invoke archive``: an archived copy for every source, written into its YAML file.

For each source without ``archive_url`` the Wayback Machine is asked, in this
order:

1. its availability API (``GET /wayback/available?url=...&timestamp=...``) for
   a capture made on or after the source's date (an earlier one cannot hold
   the page as published);
2. otherwise Save Page Now 2 (``POST /save`` with ``Accept: application/json``,
   and ``Authorization: LOW key:secret`` when FACTCHECK_ARCHIVE_ACCESS_KEY and
   FACTCHECK_ARCHIVE_SECRET_KEY are set), then ``GET /save/status/<job_id>``
   until the job succeeds or clearly fails.

The capture's address and day are inserted as two lines, ``archive_url:`` and
``archived:``, into the source's mapping; nothing else in the file changes, so
comments and layout stay as editors left them. The file is never re-dumped.

Requests are polite: a few at a time, spaced out, retried with exponential
backoff on time-outs and server errors, and after the wait a 429's
Retry-After asks for. A state file remembers each Save Page Now job as soon
as it is started, so a run that is interrupted resumes polling that job
instead of asking for a second capture.
"""

from __future__ import annotations

import email.utils
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import IO, Any

from ..content.loading import Site, load_site
from ..content.problems import Problem
from ..content.schema import did_you_mean
from ..content.yamlfile import MappingNode, ScalarNode, parse_yaml_text
from ..settings import FactcheckSettings

ACCESS_KEY_VARIABLE = "FACTCHECK_ARCHIVE_ACCESS_KEY"
SECRET_KEY_VARIABLE = "FACTCHECK_ARCHIVE_SECRET_KEY"
STATE_FILE = ".archive-state.json"
USER_AGENT = "factcheck-site-archiver/1 (+https://github.com/; a fact-check desk's bibliography)"
# Fields after which the two new lines go, the last one present in the file.
ANCHOR_FIELDS = ("url", "date", "accessed")
# Save Page Now's own errors that mean "later", not "never".
RETRIABLE_SAVE_ERRORS = frozenset(
    {
        "error:user-session-limit",
        "error:service-unavailable",
        "error:gateway-timeout",
        "error:too-many-requests",
    }
)


class ArchiveError(Exception):
    """A capture that could not be had; its text is shown in the report."""


class _Retry(Exception):
    """A failure worth another attempt, after `wait` seconds if the server said so."""

    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.wait = wait


@dataclass(frozen=True)
class Capture:
    url: str
    day: str  # YYYY-MM-DD


@dataclass(frozen=True)
class Politeness:
    """How hard the archive is pressed. The defaults suit the real Wayback Machine."""

    jobs: int = 3  # requests in flight at once
    min_interval: float = 1.0  # seconds between the starts of two requests
    timeout: float = 30.0  # seconds for one request
    retries: int = 4  # further attempts after a time-out, a 429 or a 5xx
    backoff: float = 2.0  # first wait between attempts, doubled each time
    max_wait: float = 600.0  # the longest Retry-After honoured
    poll_interval: float = 5.0  # seconds between two status requests
    poll_limit: float = 300.0  # after this, a pending job is left for the next run


class WaybackClient:
    """The availability API and Save Page Now 2, over the standard library."""

    def __init__(
        self,
        endpoint: str,
        politeness: Politeness = Politeness(),
        *,
        credentials: tuple[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.politeness = politeness
        self.credentials = credentials
        self.sleep = sleep
        self._lock = threading.Lock()
        self._next_start = 0.0

    def find(self, url: str, since) -> Capture | None:
        """An existing capture made on or after `since` (a date), or None."""
        timestamp = since.isoformat().replace("-", "")
        query = urllib.parse.urlencode({"url": url, "timestamp": timestamp})
        answer = self._request("GET", f"/wayback/available?{query}")
        closest = (answer.get("archived_snapshots") or {}).get("closest") or {}
        if not closest.get("available") or str(closest.get("status", "200")) != "200":
            return None
        day = _day(str(closest.get("timestamp", "")))
        if day is None or day < since.isoformat():
            return None
        return Capture(_https(closest["url"]), day)

    def save(self, url: str) -> str:
        """Start a capture; returns Save Page Now's job id."""
        answer = self._request("POST", "/save", {"url": url}, authorized=True)
        job_id = answer.get("job_id")
        if not job_id:
            raise ArchiveError(f"Save Page Now refused: {_save_error(answer)}")
        return job_id

    def wait_for(self, job_id: str) -> Capture:
        """Poll a capture job until it succeeds (its capture) or fails (ArchiveError)."""
        waited = 0.0
        while True:
            job = urllib.parse.quote(job_id, safe="")
            answer = self._request("GET", f"/save/status/{job}", authorized=True)
            status = answer.get("status")
            if status == "success":
                day = _day(str(answer.get("timestamp", "")))
                original = answer.get("original_url")
                if day is None or not original:
                    raise ArchiveError(
                        f"Save Page Now answered success without a capture: {answer}"
                    )
                return Capture(f"{self.endpoint}/web/{answer['timestamp']}/{original}", day)
            if status != "pending":
                raise ArchiveError(f"Save Page Now failed: {_save_error(answer)}")
            if waited >= self.politeness.poll_limit:
                raise Unfinished(
                    f"the capture is still pending after {waited:.0f} s: run again to resume"
                )
            self.sleep(self.politeness.poll_interval)
            waited += self.politeness.poll_interval

    def _request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        *,
        authorized: bool = False,
    ) -> dict:
        """One JSON request, spaced from the others and retried with backoff."""
        p = self.politeness
        last = ""
        for attempt in range(p.retries + 1):
            self._take_turn()
            try:
                return self._send(method, path, form, authorized)
            except _Retry as failure:
                last = str(failure)
                if attempt == p.retries:
                    break
                wait = failure.wait if failure.wait is not None else p.backoff * 2**attempt
                self.sleep(min(wait, p.max_wait))
        tries = p.retries + 1
        raise ArchiveError(f"{last} ({tries} attempt{'s' if tries > 1 else ''})")

    def _send(self, method: str, path: str, form: dict[str, str] | None, authorized: bool) -> dict:
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if authorized and self.credentials:  # the keys go only to Save Page Now
            headers["Authorization"] = f"LOW {self.credentials[0]}:{self.credentials[1]}"
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(
            self.endpoint + path, data=data, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=self.politeness.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            if error.code == 429:
                raise _Retry("rate limited (HTTP 429)", _retry_after(error.headers)) from error
            if error.code >= 500:
                raise _Retry(f"HTTP {error.code} from the archive") from error
            raise ArchiveError(f"HTTP {error.code} from the archive: {error.reason}") from error
        except TimeoutError as error:
            raise _Retry(f"no answer within {self.politeness.timeout:g} s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _Retry(f"no answer within {self.politeness.timeout:g} s") from error
            raise _Retry(f"cannot reach the archive: {error.reason}") from error
        except OSError as error:  # a connection reset half-way
            raise _Retry(f"cannot reach the archive: {error}") from error
        try:
            answer = json.loads(body)
        except ValueError as error:
            raise ArchiveError("the archive's answer is not JSON") from error
        if not isinstance(answer, dict):
            raise ArchiveError("the archive's answer is not a JSON object")
        if answer.get("status_ext") in RETRIABLE_SAVE_ERRORS:
            raise _Retry(f"Save Page Now is busy: {_save_error(answer)}")
        return answer

    def _take_turn(self) -> None:
        """Wait until min_interval has passed since the previous request started."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self.politeness.min_interval
        if start > now:
            self.sleep(start - now)


class Unfinished(ArchiveError):
    """A job still pending or interrupted: kept in the state file for the next run."""


def _retry_after(headers) -> float | None:
    value = (headers.get("Retry-After") or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _save_error(answer: dict) -> str:
    reason = answer.get("status_ext") or answer.get("status") or "no reason given"
    message = answer.get("message")
    return f"{reason} ({message})" if message else str(reason)


def _day(timestamp: str) -> str | None:
    """YYYY-MM-DD from a Wayback timestamp such as 20250316093000."""
    try:
        return Date(int(timestamp[:4]), int(timestamp[4:6]), int(timestamp[6:8])).isoformat()
    except ValueError:
        return None


def _https(url: str) -> str:
    """The availability API answers with http:// addresses of its own captures."""
    if url.startswith("http://web.archive.org/"):
        return "https://" + url.removeprefix("http://")
    return url


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


def insert_capture(text: str, source_id: str, capture: Capture, path: str = "") -> str:
    """The file's text with `archive_url` and `archived` added to one source.

    The two lines go right after the source's last line among url, date and
    accessed, indented like its other fields; every other line stays as it was.
    """
    problems: list[Problem] = []
    parsed = parse_yaml_text(text, path, problems, _NO_LIMITS)
    if parsed is None:
        raise ArchiveError(f"cannot read the file: {problems[0].message if problems else ''}")
    node = next((value for key, value in parsed.root.value if key.value == source_id), None)
    if not isinstance(node, MappingNode) or node.flow_style:
        raise ArchiveError("the source is not written as indented fields: add archive_url by hand")
    fields = {key.value: (key, value) for key, value in node.value if isinstance(key, ScalarNode)}
    if "archive_url" in fields or "archived" in fields:
        raise ArchiveError("the source already has archive_url or archived")
    anchors = [fields[name] for name in ANCHOR_FIELDS if name in fields]
    if not anchors:
        raise ArchiveError("the source has no url")
    key, value = max(anchors, key=lambda pair: pair[1].end_mark.index)
    lines = text.splitlines(keepends=True)
    last = value.end_mark.line if value.end_mark.column > 0 else value.end_mark.line - 1
    # A block scalar's end can lie past the blank and comment lines after it.
    while last > value.start_mark.line and lines[last].strip()[:1] in ("", "#"):
        last -= 1
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    indent = " " * key.start_mark.column
    added = [
        f"{indent}archive_url: {capture.url}{newline}",
        f"{indent}archived: {capture.day}{newline}",
    ]
    if not lines[last].endswith("\n"):
        lines[last] += newline
    result = "".join(lines[: last + 1] + added + lines[last + 1 :])
    _check_inserted(result, source_id, capture, path)
    return result


def _check_inserted(text: str, source_id: str, capture: Capture, path: str) -> None:
    """Read the new text back: the source must now hold exactly the capture."""
    problems: list[Problem] = []
    parsed = parse_yaml_text(text, path, problems, _NO_LIMITS)
    node = parsed and next((v for k, v in parsed.root.value if k.value == source_id), None)
    values = {k.value: v.value for k, v in node.value} if isinstance(node, MappingNode) else {}
    if (values.get("archive_url"), values.get("archived")) != (capture.url, capture.day):
        raise ArchiveError(f"writing {capture.url} would not read back as written: add it by hand")


class _Unlimited:
    max_file_bytes = max_line_chars = max_depth = max_list_items = sys.maxsize


_NO_LIMITS: Any = _Unlimited()


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
        where = source.key_location
        return Outcome(where.path, where.line, where.col, source.id, kind, message)


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
    wanted = sorted(site.sources.values(), key=lambda s: (s.location.path, s.location.line))
    if only is not None:
        if only not in site.sources:
            print(f"archive: unknown source {only!r}{did_you_mean(only, site.sources)}", file=out)
            return 2
        wanted = [site.sources[only]]
    todo = [s for s in wanted if not s.offline and s.url and s.archive_url is None]
    skipped = len(wanted) - len(todo)
    if dry_run:
        outcomes = [
            Outcome(*_key(s), s.id, "planned", f"would look for a capture of {s.url}") for s in todo
        ]
        _print_report(outcomes, out)
        print(f"archive (dry run): {len(todo)} to look for, {skipped} skipped", file=out)
        return 0
    politeness = politeness or Politeness()
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
    archiver = Archiver(settings, client, state, stop)
    show = _Progress(progress if progress is not None else sys.stderr, len(todo))
    outcomes: list[Outcome] = []
    executor = ThreadPoolExecutor(max_workers=max(1, politeness.jobs))
    try:
        for outcome in executor.map(archiver.archive, todo):
            outcomes.append(outcome)
            show.step()
    except KeyboardInterrupt:
        # Workers stop at their next wait; started jobs are in the state file.
        stop.set()
        executor.shutdown(wait=False, cancel_futures=True)
        show.done()
        print(
            f"archive: interrupted after {len(outcomes)} of {len(todo)} sources; "
            "run it again to resume",
            file=out,
        )
        return 130
    executor.shutdown()
    show.done()
    outcomes = _relocate(settings, outcomes)
    _print_report(outcomes, out)
    counts = {kind: sum(o.kind == kind for o in outcomes) for kind in ("archived", "found")}
    failed = sum(o.kind == "failed" for o in outcomes)
    print(
        f"archive: {counts['archived']} archived, {counts['found']} found, "
        f"{skipped} skipped, {failed} failed",
        file=out,
    )
    return 1 if failed else 0


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
