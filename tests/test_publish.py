"""`invoke publish` settings: absolute URLs from SITEURL, GitHub Pages files, warnings fail."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SITEURL = "https://example.github.io/site"
PUBLISH = """\
import sys
from factcheck.building.atomic import build
overrides = {"PATH": sys.argv[2]} if len(sys.argv) > 2 else None
build(sys.argv[3] if len(sys.argv) > 3 else "publishconf.py", sys.argv[1], strict=True, overrides=overrides)
"""


def publish(out: Path, content: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    """What `invoke publish` runs, into a chosen folder (a fresh interpreter, as in CI)."""
    args = [sys.executable, "-c", PUBLISH, str(out)] + ([str(content)] if content else [])
    return subprocess.run(
        args,
        cwd=REPO,
        env={**os.environ, "SITEURL": SITEURL, **env},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "output"
    result = publish(out, CNAME="checks.example.org")
    assert result.returncode == 0, result.stderr
    return out


def test_every_internal_link_is_absolute_under_siteurl(published):
    for page in published.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|src)="([^"#]+)"', html):
            assert not url.startswith("/"), (page, url)
            if not url.startswith("http"):
                raise AssertionError(f"relative URL {url!r} in {page}")
    assert f'<link rel="canonical" href="{SITEURL}/">' in (published / "index.html").read_text(
        encoding="utf-8"
    )


def test_github_pages_files_are_written(published):
    assert (published / ".nojekyll").read_text(encoding="utf-8") == ""
    assert (published / "CNAME").read_text(encoding="utf-8") == "checks.example.org\n"
    assert f"<loc>{SITEURL}/claims/</loc>" in (published / "sitemap.xml").read_text(
        encoding="utf-8"
    )


def test_a_warning_fails_the_publish_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    with (content / "sources" / "2025-05.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "uncited-2025-05-01:\n  title: Nobody cites this\n  publisher: P\n"
            "  url: https://example.org/x\n  date: 2025-05-01\n"
            "  archive_url: https://web.archive.org/web/2025/https://example.org/x\n"
        )
    out = tmp_path / "output"
    result = publish(out, content)
    assert result.returncode == 1
    assert "uncited-2025-05-01: warning: no page cites this source" in result.stderr
    assert not out.exists()


def invoke_publish(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", "publish"],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("siteurl", "line"),
    [
        (
            "",
            "error: cannot publish: SITEURL is missing: set it to the site's address, for "
            "example SITEURL=https://example.github.io/site uv run invoke publish",
        ),
        (
            "/site",
            "error: cannot publish: SITEURL '/site' is not an absolute http:// or https:// address",
        ),
    ],
    ids=["missing", "relative"],
)
def test_publishing_without_an_absolute_siteurl_fails_in_one_line(siteurl, line):
    result = invoke_publish(SITEURL=siteurl)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [line]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"SITEURL": SITEURL, "SITENAME": "Desk"}, None),
        (
            {"SITEURL": "ftp://example.github.io", "SITENAME": "Desk"},
            "SITEURL 'ftp://example.github.io' is not an absolute http:// or https:// address",
        ),
        (
            {"SITEURL": SITEURL, "SITENAME": "TODO: name the site"},
            "FACTCHECK_PUBLISHER name 'TODO: name the site' is missing or a placeholder: "
            "name the desk",
        ),
        (
            {
                "SITEURL": SITEURL,
                "FACTCHECK_PUBLISHER": {"name": "Desk", "url": "https://example.org/"},
            },
            "FACTCHECK_PUBLISHER url 'https://example.org/' is missing or a placeholder: "
            "give the desk's own http:// or https:// address",
        ),
        (
            {"SITEURL": SITEURL, "FACTCHECK_PUBLISHER": {"name": "Desk", "url": ""}},
            "FACTCHECK_PUBLISHER url '' is missing or a placeholder: "
            "give the desk's own http:// or https:// address",
        ),
    ],
    ids=["fine", "not-http", "todo-name", "example-org", "no-url"],
)
def test_a_placeholder_publisher_is_refused(settings, expected):
    from factcheck.content.publishing import publish_problem

    assert publish_problem(settings) == expected
