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
from factcheck.build import build
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
