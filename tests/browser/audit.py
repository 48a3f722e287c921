"""Lighthouse audits of the home page, a person and a claim: every category must score 0.95.

    uv run python tests/browser/audit.py OUTPUT_DIR [--site BUILT_SITE_DIR] [PAGE_PATH ...]

Without --site the example site is built into a temporary folder first, with
SITEURL set to the local address it is then served at, so that canonical and
alternate-language links are absolute as on the published site; without page
paths the home page, a person and the first claim are audited.
Each report is kept as OUTPUT_DIR/<page>.json. Lighthouse takes about 12 s a
page, so `invoke audit` runs this, not the test suite.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__:  # imported as tests.browser.audit
    from .chromium_launch import CHROMIUM_PATH, chromium_missing_reason
    from .site_build import build_example_site
    from .site_pages import PAGE_TYPES_BY_NAME
    from .site_server import free_port, serve_site
else:  # run as a script: its folder is on sys.path
    from chromium_launch import CHROMIUM_PATH, chromium_missing_reason
    from site_build import build_example_site
    from site_pages import PAGE_TYPES_BY_NAME
    from site_server import free_port, serve_site

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET_SCORE = 0.95
AUDITED_PAGE_TYPES = ("home", "person", "claim")
LIGHTHOUSE_TIMEOUT_SECONDS = 180


class AuditFailed(RuntimeError):
    """A category scored below the target; ``scores`` holds every score measured."""

    def __init__(self, message: str, scores: dict[str, dict[str, float | None]]) -> None:
        super().__init__(message)
        self.scores = scores


def default_pages(site_dir: Path) -> list[str]:
    """URL paths of the home page, a person and the first claim of the built site."""
    return [PAGE_TYPES_BY_NAME[name].url_path(site_dir) for name in AUDITED_PAGE_TYPES]


def run_lighthouse(
    site_dir: Path, pages: list[str] | None, out_dir: Path, *, port: int = 0
) -> dict[str, dict[str, float | None]]:
    """Audit each page path of the served site; print and return {page: {category: score}}.

    ``port`` serves the site where its SITEURL says it is (0: any free port).
    Raises AuditFailed, after printing every score, when any category is
    below TARGET_SCORE (or Lighthouse could not score it).
    """
    reason = chromium_missing_reason()
    if reason:
        raise RuntimeError(reason)
    pages = default_pages(site_dir) if pages is None else pages
    out_dir.mkdir(parents=True, exist_ok=True)
    scores: dict[str, dict[str, float | None]] = {}
    with serve_site(site_dir, port) as site_url:
        for page in pages:
            report_path = out_dir / f"{page.strip('/').replace('/', '--') or 'home'}.json"
            report = _lighthouse_report(site_url + page.lstrip("/"), report_path)
            scores["/" + page.lstrip("/")] = {
                category: report["categories"].get(category, {}).get("score")
                for category in CATEGORIES
            }
    print(format_scores(scores))
    shortfalls = [
        f"{page} {category}: {score}"
        for page, by_category in scores.items()
        for category, score in by_category.items()
        if score is None or score < TARGET_SCORE
    ]
    if shortfalls:
        raise AuditFailed(
            f"below the {TARGET_SCORE} target (reports in {out_dir}): " + "; ".join(shortfalls),
            scores,
        )
    return scores


def _lighthouse_report(url: str, report_path: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
        command = [
            "npx",
            "--yes",
            "lighthouse@12",
            url,
            "--output=json",
            f"--output-path={report_path}",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags=--headless --no-sandbox --disable-gpu --user-data-dir={profile}",
        ]
        result = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM_PATH)},
            capture_output=True,
            text=True,
            timeout=LIGHTHOUSE_TIMEOUT_SECONDS,
            check=False,
        )
    if result.returncode != 0 or not report_path.is_file():
        raise RuntimeError(
            f"Lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-4000:]}"
        )
    return json.loads(report_path.read_text(encoding="utf-8"))


def format_scores(scores: dict[str, dict[str, float | None]]) -> str:
    """A plain table: one page a row, one category a column."""
    width = max([len("page"), *(len(page) for page in scores)])
    lines = [f"{'page':<{width}}  " + "  ".join(f"{name:>14}" for name in CATEGORIES)]
    for page, by_category in scores.items():
        cells = [
            f"{'-' if score is None else f'{score:.2f}':>14}" for score in by_category.values()
        ]
        lines.append(f"{page:<{width}}  " + "  ".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder for the JSON reports")
    parser.add_argument("pages", nargs="*", help="URL paths such as people/someone/")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-site-") as scratch:
        port = 0
        site_dir = arguments.site
        if site_dir is None:
            port = free_port()
            site_dir = build_example_site(Path(scratch), site_url=f"http://127.0.0.1:{port}")
        try:
            run_lighthouse(site_dir, arguments.pages or None, arguments.out_dir, port=port)
        except AuditFailed as failure:
            print(f"audit failed: {failure}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
