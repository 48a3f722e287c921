"""`invoke serve` ends in one line that says what to do, never a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from factcheck.content.problems import Problem, Severity, format_report, report_changes

REPO = Path(__file__).resolve().parents[1]


def test_a_busy_port_ends_serve_in_one_line_before_building():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stdout == ""  # nothing was built
    assert result.stderr.splitlines() == [
        f"error: port {port} is busy (another invoke serve may be running): stop it, "
        f"or run uv run invoke serve --port {port + 1}"
    ]


def warning(path: str, line: int) -> Problem:
    return Problem(
        path,
        line,
        3,
        "x.archive_url",
        "no archived copy: add archive_url",
        Severity.WARNING,
        "no-archive",
    )


ERROR = Problem(
    "content/claims/a.yaml", 5, 9, "rating", "unknown rating 'flase' (did you mean 'false'?)"
)


def test_repeated_warnings_are_one_line_per_kind_unless_verbose():
    problems = [warning("content/sources/a.yaml", n) for n in (2, 9, 20)] + [ERROR]
    assert format_report(problems, verbose=False).splitlines() == [
        ERROR.format(),
        "3 warnings 'no-archive': no archived copy: add archive_url (first at "
        "content/sources/a.yaml:2:3; --verbose lists them all)",
        "1 error, 3 warnings",
    ]
    assert len(format_report(problems, verbose=True).splitlines()) == 5


def test_a_single_warning_of_its_kind_is_shown_in_full():
    only = warning("content/sources/a.yaml", 2)
    assert format_report([only], verbose=False).splitlines() == [
        only.format(),
        "0 errors, 1 warning",
    ]


def test_a_failed_rebuild_prints_only_what_changed():
    first = format_report([ERROR, warning("content/sources/a.yaml", 2)], verbose=False)
    text, shown = report_changes([], first)
    assert text == first
    second_error = Problem("content/claims/b.yaml", 1, 1, "claim", "must not be empty")
    again = format_report(
        [ERROR, second_error, warning("content/sources/a.yaml", 2)], verbose=False
    )
    text, shown = report_changes(shown, again)
    assert text.splitlines() == [second_error.format(), "2 errors, 1 warning (2 shown before)"]
    fixed = format_report([second_error, warning("content/sources/a.yaml", 2)], verbose=False)
    text, _ = report_changes(shown, fixed)
    assert text.splitlines() == ["1 error, 1 warning (2 shown before, 1 fixed)"]


def test_the_preview_server_adds_its_script_and_allows_it_only_in_what_it_sends():
    from factcheck.building.preview import with_preview_script

    page = (
        b'<html><head><meta http-equiv="Content-Security-Policy" '
        b"content=\"default-src 'none'; style-src 'self'\"></head><body></body></html>"
    )
    assert with_preview_script(page) == (
        b'<html><head><meta http-equiv="Content-Security-Policy" '
        b"content=\"default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'\">"
        b'<script src="/__preview/reload.js" defer></script>\n</head><body></body></html>'
    )


def test_a_failed_build_gives_the_preview_each_error_with_the_lines_around_it(tmp_path):
    from factcheck.building.preview import PreviewState

    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.yaml").write_text("one\ntwo\nthree\nfour\nfive\nsix\n", encoding="utf-8")
    state = PreviewState(tmp_path)
    state.failed([Problem("content/a.yaml", 4, 1, "x", "wrong"), warning("content/a.yaml", 1)])
    assert state.wait_after(0, timeout=0) == {
        "generation": 1,
        "errors": [
            {
                "text": "content/a.yaml:4:1: x: wrong",
                "line": 4,
                "lines": [[2, "two"], [3, "three"], [4, "four"], [5, "five"], [6, "six"]],
            }
        ],
    }
    state.succeeded()
    assert state.wait_after(1, timeout=0) == {"generation": 2, "errors": []}
