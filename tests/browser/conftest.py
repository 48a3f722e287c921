"""Fixtures of the browser suite: the built example site, its local server, and Chromium.

The site is built once per session into a temporary folder and served on
127.0.0.1; one Chromium serves every test, with one context per reader width
and colour scheme. Set FACTCHECK_BROWSER_SITE_DIR to check an already built
folder instead (for example ``tests/browser/fixtures/good``).
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .chromium_launch import chromium_launch_options, chromium_missing_reason
from .reader_browser import ReaderContexts
from .site_build import SiteBuildFailed, build_example_site
from .site_checks import html_validation_errors_by_site, vnu_missing_reason
from .site_server import serve_site

FIXTURES_DIR = Path(__file__).parent / "fixtures"
PREBUILT_SITE_VARIABLE = "FACTCHECK_BROWSER_SITE_DIR"
SUMMARY_LINES_KEY = pytest.StashKey[list[str]]()


def running_under_ci() -> bool:
    """CI sets CI=true; there a missing tool is a failure rather than a skip."""
    return os.environ.get("CI", "").lower() == "true"


def skip_unless_ci(reason: str) -> None:
    """Skip for a missing tool on a developer's machine; fail under CI, which must have it."""
    if running_under_ci():
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    """Launch Debian's Chromium: Playwright's downloaded browsers do not work here."""
    reason = chromium_missing_reason()
    if reason:
        skip_unless_ci(reason)
    return chromium_launch_options()


@pytest.fixture(scope="session")
def nu_html_checker() -> None:
    """Java and the vnu-jar package, which the validity checks need."""
    reason = vnu_missing_reason()
    if reason:
        skip_unless_ci(reason)


@pytest.fixture(scope="session")
def example_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built by Pelican with the project's settings."""
    prebuilt = os.environ.get(PREBUILT_SITE_VARIABLE)
    if prebuilt:
        return Path(prebuilt).resolve()
    try:
        return build_example_site(tmp_path_factory.mktemp("example-site"))
    except SiteBuildFailed as failure:
        pytest.fail(f"the example site did not build:\n{failure}", pytrace=False)


@pytest.fixture(scope="session")
def example_site_url(example_site_dir: Path) -> Iterator[str]:
    with serve_site(example_site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def example_site_contexts(browser: Browser, example_site_url: str) -> Iterator[ReaderContexts]:
    contexts = ReaderContexts(browser, example_site_url)
    yield contexts
    contexts.close()


@pytest.fixture(scope="session")
def bad_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-written bad fixture, plus a page and a stylesheet padded past the budgets.

    The padding is generated rather than committed: 60 kB of filler in the
    repository would say less than the two lines that write it.
    """
    site_dir = tmp_path_factory.mktemp("bad-site")
    for source in (FIXTURES_DIR / "bad").rglob("*"):
        target = site_dir / source.relative_to(FIXTURES_DIR / "bad")
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    oversized = site_dir / "oversized" / "index.html"
    oversized.parent.mkdir()
    filler = "<p>Filler that makes this page heavier than the budget allows.</p>\n" * 1000
    oversized.write_text(
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Bad fixture: a page over the weight budget</title>\n"
        '<link rel="stylesheet" href="heavy.css">\n</head>\n<body>\n'
        f"<main>\n{filler}</main>\n</body>\n</html>\n",
        encoding="utf-8",
    )
    heavy_css = "".join(
        f".padding-rule-{index} {{ margin: 0; padding: 0; }}\n" for index in range(800)
    )
    (site_dir / "oversized" / "heavy.css").write_text(heavy_css, encoding="utf-8")
    # Linked by no page: the budget must not count it.
    (site_dir / "oversized" / "unlinked.css").write_text(heavy_css, encoding="utf-8")
    return site_dir


@pytest.fixture(scope="session")
def bad_site_url(bad_site_dir: Path) -> Iterator[str]:
    with serve_site(bad_site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def bad_site_contexts(browser: Browser, bad_site_url: str) -> Iterator[ReaderContexts]:
    contexts = ReaderContexts(browser, bad_site_url)
    yield contexts
    contexts.close()


@pytest.fixture(scope="session")
def fixture_sites_validation(nu_html_checker, good_site_dir, bad_site_dir) -> dict[Path, list[str]]:
    """The Nu Html Checker's errors for the clean and the bad fixture, from one run."""
    return html_validation_errors_by_site([good_site_dir, bad_site_dir])


@pytest.fixture(scope="session")
def good_site_dir() -> Path:
    """A small hand-checked site that meets every check: proof the checks can pass."""
    return FIXTURES_DIR / "good"


@pytest.fixture(scope="session")
def good_site_url(good_site_dir: Path) -> Iterator[str]:
    with serve_site(good_site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def good_site_contexts(browser: Browser, good_site_url: str) -> Iterator[ReaderContexts]:
    contexts = ReaderContexts(browser, good_site_url)
    yield contexts
    contexts.close()


@pytest.fixture
def add_to_terminal_summary(pytestconfig: pytest.Config):
    """Lines shown at the end of every run (with or without -s), like the heaviest pages."""

    def add(line: str) -> None:
        pytestconfig.stash.setdefault(SUMMARY_LINES_KEY, []).append(line)

    return add


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = terminalreporter.config.stash.get(SUMMARY_LINES_KEY, [])
    if lines:
        terminalreporter.write_sep("-", "built site")
        for line in lines:
            terminalreporter.write_line(line)
