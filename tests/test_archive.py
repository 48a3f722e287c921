"""invoke archive against a local Wayback Machine that speaks its documented protocols.

The fake archive answers the availability API
(``/wayback/available?url=&timestamp=``) and Save Page Now 2 (``POST /save``,
``GET /save/status/<job_id>``) as the Internet Archive documents them, with a
behaviour per page: an existing capture, a capture saved at once, one pending
before it succeeds, a rate limit (429 with Retry-After), a failed job, and a
server that does not answer in time. No test waits for real: the archiver's
waits are recorded instead.
"""

from __future__ import annotations

import io
import json
import threading

import pytest
from conftest import SETTINGS, Project
from local_server import LocalServer, Request, local_server

from factcheck.editors.archive import STATE_FILE, run_archive
from factcheck.editors.capture_insertion import insert_capture
from factcheck.editors.wayback import ArchiveError, Capture, Politeness
from factcheck.settings import FactcheckSettings

SOURCES = """\
# Sources of March 2025, one per entry.
found-2025-03-01:
  title: >-
    A report found in the archive,
    folded over two lines
  publisher: Found News  # the wire service
  url: https://found.example/report
  date: 2025-03-01
  accessed: 2025-03-20
  type: news

saved-2025-03-02:
  # An editor's note stays where it is.
  title: Saved at once
  publisher: Saved
  url: https://saved.example/page
  date: 2025-03-02
  language: es

pending-2025-03-03:
  title: Pending twice, then saved
  publisher: Pending
  url: https://pending.example/
  date: 2025-03-03
"""

MORE_SOURCES = """\
limited-2025-03-04:
  title: Rate limited first
  publisher: Limited
  url: https://limited.example/
  date: 2025-03-04

broken-2025-03-05:
  title: Save Page Now fails
  publisher: Broken
  url: https://broken.example/
  date: 2025-03-05
  type: other

slow-2025-03-06:
  title: The archive does not answer in time
  publisher: Slow
  url: https://slow.example/
  date: 2025-03-06

kept-2025-03-07:
  title: Already archived
  publisher: Kept
  url: https://kept.example/
  date: 2025-03-07
  archive_url: https://web.archive.org/web/20250307000000/https://kept.example/
  archived: 2025-03-07

paper-2025-03-08:
  title: Printed only
  publisher: Paper
  date: 2025-03-08
  offline: true
  citation: The printed edition, page 3

inline-2025-03-09: {title: Inline, publisher: Inline, url: https://inline.example/, date: 2025-03-09}
"""

# What no test waits for: the archiver's sleeps are recorded, not slept.
FAST = Politeness(
    jobs=2, min_interval=0.0, timeout=0.3, retries=2, backoff=1.5, poll_interval=5.0, poll_limit=60
)


class FakeWayback:
    """The Internet Archive's availability API and Save Page Now 2, per page."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.captures = {  # url -> timestamp of an existing capture
            "https://found.example/report": "20250302101010",
            "https://saved.example/page": "20250101000000",  # before the source: no use
        }
        self.pending_polls = {"https://pending.example/": 2}
        self.rate_limited = {"https://limited.example/"}
        self.jobs: dict[str, str] = {}

    def answer(self, request: Request, server: LocalServer):
        if request.path == "/wayback/available":
            url = request.query["url"]
            stamp = self.captures.get(url)
            snapshots = {}
            if stamp:
                snapshots = {
                    "closest": {
                        "status": "200",
                        "available": True,
                        "url": f"http://web.archive.org/web/{stamp}/{url}",
                        "timestamp": stamp,
                    }
                }
            return _json(200, {"url": url, "archived_snapshots": snapshots})
        if request.path == "/save" and request.method == "POST":
            url = request.form["url"]
            if url == "https://slow.example/":
                server.hang()
                return _json(502, {})
            with self.lock:
                if url in self.rate_limited:
                    self.rate_limited.discard(url)
                    return 429, {"Retry-After": "7"}, "Too Many Requests"
                job_id = f"spn2-{len(self.jobs) + 1:04d}"
                self.jobs[job_id] = url
            return _json(200, {"url": url, "job_id": job_id})
        if request.path.startswith("/save/status/"):
            job_id = request.path.rsplit("/", 1)[1]
            url = self.jobs[job_id]
            with self.lock:
                left = self.pending_polls.get(url, 0)
                self.pending_polls[url] = left - 1
            if left > 0:
                return _json(200, {"status": "pending", "job_id": job_id, "resources": []})
            if url == "https://broken.example/":
                return _json(
                    200,
                    {
                        "status": "error",
                        "status_ext": "error:not-found",
                        "job_id": job_id,
                        "message": "The server cannot find the requested URL.",
                    },
                )
            return _json(
                200,
                {
                    "status": "success",
                    "job_id": job_id,
                    "original_url": url,
                    "timestamp": "20251201083000",
                    "duration_sec": 6.2,
                },
            )
        return 404, {}, "not found"


def _json(status: int, body: dict):
    return status, {"Content-Type": "application/json"}, json.dumps(body)


def make_project(tmp_path, endpoint: str) -> Project:
    project = Project(tmp_path / "site")
    project.write("pelicanconf.py", SETTINGS + f"FACTCHECK_ARCHIVE_ENDPOINT = {endpoint!r}\n")
    project.write("content/sources/2025-03.yaml", SOURCES)
    project.write("content/sources/more.yaml", MORE_SOURCES)
    return project


def inserted(text: str, after: str, url: str, day: str, indent: str = "  ") -> str:
    """`text` with the two lines the archiver adds, after the line `after`."""
    lines = text.splitlines(keepends=True)
    at = lines.index(after + "\n") + 1
    added = [f"{indent}archive_url: {url}\n", f"{indent}archived: {day}\n"]
    return "".join(lines[:at] + added + lines[at:])


def run(project: Project, waits: list[float] | None = None, **options) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = run_archive(
        project.settings(),
        politeness=options.pop("politeness", FAST),
        sleep=(waits if waits is not None else []).append,
        out=out,
        progress=io.StringIO(),
        **options,
    )
    return status, out.getvalue().splitlines()


def test_each_protocol_answer_ends_in_the_yaml_or_the_report(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_ARCHIVE_ENDPOINT", raising=False)
    wayback = FakeWayback()
    with local_server(wayback.answer) as server:
        project = make_project(tmp_path, server.url)
        waits: list[float] = []
        status, report = run(project, waits)
        requests = list(server.requests)
    web = server.url + "/web"
    expected = inserted(
        SOURCES,
        "  accessed: 2025-03-20",
        "https://web.archive.org/web/20250302101010/https://found.example/report",
        "2025-03-02",
    )
    expected = inserted(
        expected,
        "  date: 2025-03-02",
        f"{web}/20251201083000/https://saved.example/page",
        "2025-12-01",
    )
    expected = inserted(
        expected,
        "  date: 2025-03-03",
        f"{web}/20251201083000/https://pending.example/",
        "2025-12-01",
    )
    assert project.read("content/sources/2025-03.yaml") == expected
    expected_more = inserted(
        MORE_SOURCES,
        "  date: 2025-03-04",
        f"{web}/20251201083000/https://limited.example/",
        "2025-12-01",
    )
    assert project.read("content/sources/more.yaml") == expected_more
    assert report == [
        "content/sources/2025-03.yaml:2:1: found-2025-03-01: found a capture of 2025-03-02: "
        "https://web.archive.org/web/20250302101010/https://found.example/report",
        f"content/sources/2025-03.yaml:14:1: saved-2025-03-02: archived on 2025-12-01: "
        f"{web}/20251201083000/https://saved.example/page",
        f"content/sources/2025-03.yaml:24:1: pending-2025-03-03: archived on 2025-12-01: "
        f"{web}/20251201083000/https://pending.example/",
        f"content/sources/more.yaml:1:1: limited-2025-03-04: archived on 2025-12-01: "
        f"{web}/20251201083000/https://limited.example/",
        "content/sources/more.yaml:9:1: broken-2025-03-05: failed: Save Page Now failed: "
        "error:not-found (The server cannot find the requested URL.)",
        "content/sources/more.yaml:16:1: slow-2025-03-06: failed: no answer within 0.3 s "
        "(3 attempts)",
        # A source written as {...} on one line cannot take new lines: nothing is asked.
        "content/sources/more.yaml:37:1: inline-2025-03-09: failed: the source is not "
        "written as indented fields: add archive_url by hand",
        "archive: 3 archived, 1 found, 2 skipped, 3 failed",
    ]
    assert status == 1
    # The 429's Retry-After was honoured; the time-outs were retried with backoff;
    # the pending job was polled at the poll interval.
    assert sorted(waits) == [1.5, 3.0, 5.0, 5.0, 7.0]
    saves = [r for r in requests if r.path == "/save"]
    assert all(r.headers["Accept"] == "application/json" for r in saves)
    assert all("Authorization" not in r.headers for r in requests)
    assert not [r for r in requests if "inline" in r.query.get("url", r.form.get("url", ""))]
    # The job that failed is not kept for a next run; nothing else is pending.
    assert not (project.root / STATE_FILE).exists()


def test_the_desks_keys_go_to_save_page_now_only(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_ARCHIVE_ACCESS_KEY", "key")
    monkeypatch.setenv("FACTCHECK_ARCHIVE_SECRET_KEY", "secret")
    wayback = FakeWayback()
    with local_server(wayback.answer) as server:
        project = make_project(tmp_path, server.url)
        status, report = run(project, only="saved-2025-03-02")
    assert status == 0
    assert report[-1] == "archive: 1 archived, 0 found, 0 skipped, 0 failed"
    authorized = [(r.path, r.headers.get("Authorization")) for r in server.requests]
    assert authorized == [
        ("/wayback/available", None),
        ("/save", "LOW key:secret"),
        ("/save/status/spn2-0001", "LOW key:secret"),
    ]


def test_an_interrupted_run_resumes_without_asking_twice(tmp_path):
    wayback = FakeWayback()
    wayback.pending_polls["https://saved.example/page"] = 1

    def interrupt_while_polling(seconds: float) -> None:
        raise KeyboardInterrupt  # as Ctrl-C during the first wait

    with local_server(wayback.answer) as server:
        project = make_project(tmp_path, server.url)
        # Two sources, one at a time: the interruption falls after the first.
        project.write("content/sources/2025-03.yaml", SOURCES.split("\npending-")[0])
        project.write("content/sources/more.yaml", "")
        one_at_a_time = Politeness(jobs=1, min_interval=0.0, timeout=0.3, retries=0)
        out = io.StringIO()
        status = run_archive(
            project.settings(),
            politeness=one_at_a_time,
            sleep=interrupt_while_polling,
            out=out,
            progress=io.StringIO(),
        )
        assert status == 130
        assert out.getvalue().splitlines() == [
            "archive: interrupted after 1 of 2 sources; run it again to resume"
        ]
        state = json.loads((project.root / STATE_FILE).read_text())
        assert state == {
            "saved-2025-03-02": {"job_id": "spn2-0001", "url": "https://saved.example/page"}
        }
        first_run = len(server.requests)
        status, report = run(project, politeness=one_at_a_time)
        second_run = server.requests[first_run:]
    asked = [(r.method, r.path, r.query.get("url") or r.form.get("url")) for r in second_run]
    # The capture already found is in the file, the started job is polled, not restarted.
    assert asked == [("GET", "/save/status/spn2-0001", None)]
    assert report[0].startswith("content/sources/2025-03.yaml:14:1: saved-2025-03-02: archived")
    assert report[-1] == "archive: 1 archived, 0 found, 1 skipped, 0 failed"
    assert not (project.root / STATE_FILE).exists()
    assert project.read("content/sources/2025-03.yaml").count("archive_url:") == 2


def test_a_job_still_pending_is_kept_for_the_next_run(tmp_path):
    wayback = FakeWayback()
    wayback.pending_polls["https://saved.example/page"] = 100
    with local_server(wayback.answer) as server:
        project = make_project(tmp_path, server.url)
        patient = Politeness(min_interval=0.0, timeout=0.3, poll_interval=5.0, poll_limit=10.0)
        status, report = run(project, only="saved-2025-03-02", politeness=patient)
    assert report == [
        "content/sources/2025-03.yaml:12:1: saved-2025-03-02: failed: the capture is still "
        "pending after 10 s: run again to resume",
        "archive: 0 archived, 0 found, 0 skipped, 1 failed",
    ]
    assert status == 1
    assert json.loads((project.root / STATE_FILE).read_text()) == {
        "saved-2025-03-02": {"job_id": "spn2-0001", "url": "https://saved.example/page"}
    }
    assert project.read("content/sources/2025-03.yaml") == SOURCES


def test_a_dry_run_asks_and_writes_nothing(tmp_path):
    with local_server(FakeWayback().answer) as server:
        project = make_project(tmp_path, server.url)
        status, report = run(project, dry_run=True)
        assert server.requests == []
    assert status == 0
    assert report == [
        "content/sources/2025-03.yaml:2:1: found-2025-03-01: would look for a capture of "
        "https://found.example/report",
        "content/sources/2025-03.yaml:12:1: saved-2025-03-02: would look for a capture of "
        "https://saved.example/page",
        "content/sources/2025-03.yaml:20:1: pending-2025-03-03: would look for a capture of "
        "https://pending.example/",
        "content/sources/more.yaml:1:1: limited-2025-03-04: would look for a capture of "
        "https://limited.example/",
        "content/sources/more.yaml:7:1: broken-2025-03-05: would look for a capture of "
        "https://broken.example/",
        "content/sources/more.yaml:14:1: slow-2025-03-06: would look for a capture of "
        "https://slow.example/",
        "content/sources/more.yaml:35:1: inline-2025-03-09: would look for a capture of "
        "https://inline.example/",
        "archive (dry run): 7 to look for, 2 skipped",
    ]
    assert project.read("content/sources/2025-03.yaml") == SOURCES


def test_only_names_a_known_source(tmp_path):
    project = make_project(tmp_path, "http://127.0.0.1:9")
    status, report = run(project, only="found-2025-03-1")
    assert (status, report) == (
        2,
        ["archive: unknown source 'found-2025-03-1' (did you mean 'found-2025-03-01'?)"],
    )


def test_the_environment_overrides_the_endpoint_setting(tmp_path, monkeypatch):
    project = make_project(tmp_path, "https://archive.example")
    monkeypatch.delenv("FACTCHECK_ARCHIVE_ENDPOINT", raising=False)
    assert project.settings().archive_endpoint == "https://archive.example"
    monkeypatch.setenv("FACTCHECK_ARCHIVE_ENDPOINT", "http://127.0.0.1:9")
    assert project.settings().archive_endpoint == "http://127.0.0.1:9"
    monkeypatch.delenv("FACTCHECK_ARCHIVE_ENDPOINT")
    default = FactcheckSettings.from_pelican({"PATH": str(tmp_path)})
    assert default.archive_endpoint == "https://web.archive.org"


def test_a_progress_bar_is_drawn_on_a_terminal(tmp_path):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with local_server(FakeWayback().answer) as server:
        project = make_project(tmp_path, server.url)
        terminal = Terminal()
        run_archive(
            project.settings(),
            only="found-2025-03-01",
            politeness=FAST,
            sleep=[].append,
            out=io.StringIO(),
            progress=terminal,
        )
    assert terminal.getvalue() == (f"\rarchive [{'.' * 30}] 0/1\rarchive [{'#' * 30}] 1/1\n")


CAPTURE = Capture("https://web.archive.org/web/20250301000000/https://x.example/", "2025-03-01")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # after url when there is no date field later in the file
            "x:\n  date: 2025-03-01\n  url: https://x.example/\n  type: news\n",
            "x:\n  date: 2025-03-01\n  url: https://x.example/\n"
            f"  archive_url: {CAPTURE.url}\n  archived: 2025-03-01\n  type: news\n",
        ),
        (  # a url folded onto its own line, then a blank line and a comment
            "x:\n    date: 2025-03-01\n    url: >-\n      https://x.example/\n\n    # note\n"
            "    type: news\n",
            "x:\n    date: 2025-03-01\n    url: >-\n      https://x.example/\n"
            f"    archive_url: {CAPTURE.url}\n    archived: 2025-03-01\n\n    # note\n"
            "    type: news\n",
        ),
        (  # no newline at the end of the file; a comment on the line stays on it
            "x:\n  url: https://x.example/  # the original\n  date: 2025-03-01",
            "x:\n  url: https://x.example/  # the original\n  date: 2025-03-01\n"
            f"  archive_url: {CAPTURE.url}\n  archived: 2025-03-01\n",
        ),
        (  # Windows line endings stay
            "x:\r\n  url: https://x.example/\r\n  date: 2025-03-01\r\ny:\r\n  url: u\r\n",
            "x:\r\n  url: https://x.example/\r\n  date: 2025-03-01\r\n"
            f"  archive_url: {CAPTURE.url}\r\n  archived: 2025-03-01\r\ny:\r\n  url: u\r\n",
        ),
    ],
    ids=["after-url", "folded-and-blank", "no-final-newline", "crlf"],
)
def test_the_two_lines_go_beside_the_address_and_dates(before, after):
    assert insert_capture(before, "x", CAPTURE) == after


def test_a_capture_that_would_not_read_back_is_refused():
    odd = Capture("https://web.archive.org/web/1/https://x.example/ #not-a-comment", "2025-03-01")
    with pytest.raises(ArchiveError, match="would not read back as written"):
        insert_capture("x:\n  url: https://x.example/\n", "x", odd)
