"""The Wayback Machine as ``invoke archive`` asks it: find a capture, or make one.

Two documented protocols, over the standard library:

1. the availability API (``GET /wayback/available?url=...&timestamp=...``)
   for a capture made on or after the source's date (an earlier one cannot
   hold the page as published);
2. Save Page Now 2 (``POST /save`` with ``Accept: application/json``, and
   ``Authorization: LOW key:secret`` when the desk has keys), then
   ``GET /save/status/<job_id>`` until the job succeeds or clearly fails.

Requests are polite: spaced out, retried with exponential backoff on
time-outs and server errors, and after the wait a 429's Retry-After asks for.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as Date

USER_AGENT = "factcheck-site-archiver/1 (+https://github.com/; a fact-check desk's bibliography)"
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


class Unfinished(ArchiveError):
    """A job still pending or interrupted: kept in the state file for the next run."""


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
                return self._saved_capture(answer)
            if status != "pending":
                raise ArchiveError(f"Save Page Now failed: {_save_error(answer)}")
            if waited >= self.politeness.poll_limit:
                raise Unfinished(
                    f"the capture is still pending after {waited:.0f} s: run again to resume"
                )
            self.sleep(self.politeness.poll_interval)
            waited += self.politeness.poll_interval

    def _saved_capture(self, answer: dict) -> Capture:
        day = _day(str(answer.get("timestamp", "")))
        original = answer.get("original_url")
        if day is None or not original:
            raise ArchiveError(f"Save Page Now answered success without a capture: {answer}")
        return Capture(f"{self.endpoint}/web/{answer['timestamp']}/{original}", day)

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
        except OSError as error:  # HTTPError and URLError are OSErrors too
            raise _failure(error, self.politeness.timeout) from error
        return _json_answer(body)

    def _take_turn(self) -> None:
        """Wait until min_interval has passed since the previous request started."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self.politeness.min_interval
        if start > now:
            self.sleep(start - now)


def _failure(error: OSError, timeout: float) -> Exception:
    """What a failed request means: worth another attempt (_Retry) or not (ArchiveError)."""
    if isinstance(error, urllib.error.HTTPError):
        if error.code == 429:
            return _Retry("rate limited (HTTP 429)", _retry_after(error.headers))
        if error.code >= 500:
            return _Retry(f"HTTP {error.code} from the archive")
        return ArchiveError(f"HTTP {error.code} from the archive: {error.reason}")
    if isinstance(error, TimeoutError) or (
        isinstance(error, urllib.error.URLError) and isinstance(error.reason, TimeoutError)
    ):
        return _Retry(f"no answer within {timeout:g} s")
    if isinstance(error, urllib.error.URLError):
        return _Retry(f"cannot reach the archive: {error.reason}")
    return _Retry(f"cannot reach the archive: {error}")  # a connection reset half-way


def _json_answer(body: bytes) -> dict:
    """The archive's answer as a JSON object; Save Page Now's "busy" is worth a retry."""
    try:
        answer = json.loads(body)
    except ValueError as error:
        raise ArchiveError("the archive's answer is not JSON") from error
    if not isinstance(answer, dict):
        raise ArchiveError("the archive's answer is not a JSON object")
    if answer.get("status_ext") in RETRIABLE_SAVE_ERRORS:
        raise _Retry(f"Save Page Now is busy: {_save_error(answer)}")
    return answer


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
