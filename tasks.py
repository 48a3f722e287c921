"""Tasks for editors and developers: `uv run invoke --list` shows them all."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from factcheck.building import atomic  # noqa: E402

SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
OUTPUT = ROOT / "output"
WATCHED = ("content", "theme", "pelicanconf.py", "publishconf.py")


def _build(
    settings: Path, *, strict: bool = False, output: Path = OUTPUT, debug: bool = False
) -> None:
    from factcheck.outputs.search import index_search

    if debug:
        os.environ["FACTCHECK_DEBUG"] = "1"
    try:
        seconds = atomic.build(settings, output, strict=strict, after=index_search)
    except SystemExit:
        raise
    except Exception as error:  # one line for editors; the traceback on request
        if debug:
            raise
        sys.exit(f"error: {type(error).__name__}: {error} (run with --debug for details)")
    pages = sum(1 for _ in output.rglob("*.html"))
    print(f"built {pages} pages into {output.relative_to(ROOT)}/ in {seconds:.1f} s")


@task(help={"strict": "fail on warnings too", "debug": "show full tracebacks of internal errors"})
def build(c, strict=False, debug=False):
    """Check the content, build the site into output/ and index it for search (atomically)."""
    _build(SETTINGS, strict=strict, debug=debug)


@task(
    help={
        "strict": "warnings fail the check",
        "since": "also refuse rating changes without an update entry since this git ref",
        "verbose": "list every warning, not one line per kind",
    }
)
def check(c, strict=False, since=None, verbose=False):
    """Check all content and report every mistake, without building."""
    from factcheck.editors.cli import run_check

    status = run_check(SETTINGS, strict=strict or None, since=since, verbose=verbose or None)
    if status:
        sys.exit(status)


@task
def clean(c):
    """Remove output/ and leftovers of interrupted builds."""
    for path in [OUTPUT, *ROOT.glob(".output.*")]:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


@task(
    help={
        "port": "port on 127.0.0.1 (default 8000)",
        "verbose": "list every warning, not one line per kind",
    }
)
def serve(c, port=8000, verbose=False):
    """Build, serve on http://127.0.0.1:8000 and rebuild when content, theme or settings change."""
    if verbose:
        os.environ["FACTCHECK_VERBOSE"] = "1"
    try:
        _serve(int(port))
    except KeyboardInterrupt:  # Ctrl-C before serving started: no traceback
        print("stopped")


def _serve(port: int) -> None:
    from factcheck.building.preview import run_preview
    from factcheck.outputs.search import index_search, refresh_search_index

    run_preview(
        SETTINGS,
        OUTPUT,
        port,
        [ROOT / name for name in WATCHED],
        root=ROOT,
        after=index_search,
        refresh=refresh_search_index,
    )


@task(help={"debug": "show full tracebacks of internal errors"})
def publish(c, debug=False):
    """Build for publishing with publishconf.py: absolute URLs, feeds, warnings fail."""
    _build(PUBLISH_SETTINGS, strict=True, debug=debug)


@task(help={"message": "commit message for the gh-pages branch"})
def gh_pages(c, message="Publish the site"):
    """Publish output/ to the gh-pages branch with ghp-import (without GitHub Actions)."""
    publish(c)
    c.run(f'ghp-import --no-jekyll --push --force --message "{message}" {OUTPUT}')


def _scaffold(kind: str, slug: str) -> None:
    from factcheck.editors.scaffold import ScaffoldError, scaffold

    try:
        path = scaffold(kind, slug, ROOT / "content")
    except ScaffoldError as error:
        sys.exit(f"error: {error}")
    print(f"created {path.relative_to(ROOT)}: fill in every TODO, then run `uv run invoke check`")


@task(help={"slug": "file name without .yaml: lower-case letters, digits, hyphens"})
def new_person(c, slug):
    """Create content/people/SLUG.yaml with every field to fill in."""
    _scaffold("person", slug)


@task(help={"slug": "file name without .yaml: lower-case letters, digits, hyphens"})
def new_claim(c, slug):
    """Create content/claims/SLUG.yaml with every field to fill in."""
    _scaffold("claim", slug)


@task(help={"slug": "the new source's id, also the file name"})
def new_source(c, slug):
    """Create content/sources/SLUG.yaml holding one source to fill in."""
    _scaffold("source", slug)


@task(help={"slug": "file name without .md: lower-case letters, digits, hyphens"})
def new_explainer(c, slug):
    """Create content/explainers/SLUG.md with its header to fill in."""
    _scaffold("explainer", slug)


@task(help={"args": "extra arguments for pytest, e.g. '-k claims -x'"})
def test(c, args=""):
    """Run the whole test suite (the browser tests need Chromium)."""
    c.run(f"{sys.executable} -m pytest {args}", pty=os.isatty(1))


@task
def golden(c):
    """Regenerate the golden fixture's expected output after an intended change; review the diff."""
    _run_script(c, "tests/golden.py", "")


@task
def translations(c):
    """Extract the theme's interface strings and merge them into each language's catalogue."""
    from factcheck.views.i18n import update_catalogues

    settings = _settings()
    languages = [lang for lang in settings.languages if lang != settings.default_lang]
    missing = update_catalogues(ROOT / "theme", languages)
    for lang, ids in missing.items():
        print(
            f"{lang}: {len(ids)} strings to translate in theme/translations/{lang}/LC_MESSAGES/messages.po"
        )


def _settings():
    """The site's settings, read and checked as a build reads them."""
    from factcheck.settings import FactcheckSettings, read_pelican_settings

    return FactcheckSettings.from_pelican(read_pelican_settings(SETTINGS))


def _run_script(c, script: str, args: str) -> None:
    c.run(f"{sys.executable} {ROOT / script} {args}", pty=os.isatty(1))


@task(
    help={
        "quick": "a small site (20 people, 200 claims), as CI runs it: under a minute",
        "runs": "builds of each site (default 3)",
        "edits": "one-claim edits timed in the edit loop (default 3)",
        "judge_by": "wall (default) or cpu: which time judges the goals",
        "require_goals": "exit with status 1 when a goal is not met (CI does not ask it)",
        "people": "people in the synthetic site",
        "claims": "claims in the synthetic site",
        "sources": "sources in the synthetic site",
        "explainers": "explainers in the synthetic site",
    }
)
def bench(
    c,
    quick=False,
    runs=3,
    edits=3,
    judge_by="wall",
    require_goals=False,
    people=0,
    claims=0,
    sources=0,
    explainers=0,
):
    """Benchmark against plain Pelican: build per source document, edit until servable and
    until searchable, peak memory of all processes at once; print each goal's verdict."""
    args = [f"--runs {runs}", f"--edits {edits}", f"--judge-by {judge_by}"]
    args += ["--quick"] if quick else []
    args += ["--require-goals"] if require_goals else []
    for name, value in (
        ("people", people),
        ("claims", claims),
        ("sources", sources),
        ("explainers", explainers),
    ):
        if value:
            args.append(f"--{name} {value}")
    _run_script(c, "tests/bench/run.py", " ".join(args))


@task
def fuzz(c):
    """Fuzz the loader, the validator and invoke serve's rebuilds for much longer than the tests."""
    env = {"HYPOTHESIS_PROFILE": "long"}
    tests = "tests/test_fuzz.py tests/test_edit_sequences.py"
    c.run(f"{sys.executable} -m pytest {tests} -q", env=env, pty=os.isatty(1))


@task(help={"out": "folder for the PNG files (default screenshots/)"})
def screenshots(c, out="screenshots"):
    """Build the site and take screenshots of every page type at 375 and 1280 px."""
    _run_script(c, "tests/browser/screenshots.py", out)


@task(help={"out": "folder for the JSON reports (default .audit/)"})
def audit(c, out=".audit"):
    """Run Lighthouse 12 on home, a person and a claim page; fail below 0.95 in any category."""
    _run_script(c, "tests/browser/audit.py", out)


@task(
    help={
        "only": "archive this source id only",
        "dry_run": "list the sources that would be archived; ask and write nothing",
        "jobs": "requests in flight at once (default 3)",
    }
)
def archive(c, only=None, dry_run=False, jobs=3):
    """Ask the Wayback Machine for a copy of every source without archive_url; write it in."""
    from factcheck.editors.archive import Politeness, run_archive

    settings = _settings()
    status = run_archive(
        settings, only=only, dry_run=dry_run, politeness=Politeness(jobs=int(jobs))
    )
    if status:
        sys.exit(status)


@task(
    help={
        "jobs": "pages fetched at once (default 8)",
        "timeout": "seconds to wait for each page (default 15)",
        "github": "also print GitHub annotations (default when GITHUB_ACTIONS=true)",
    }
)
def check_links(c, jobs=8, timeout=15, github=False):
    """Fetch every source's url and archive_url; report dead, moved and retitled pages."""
    from factcheck.editors.linkcheck import run_check_links

    settings = _settings()
    status = run_check_links(
        settings, jobs=int(jobs), timeout=float(timeout), github=github or None
    )
    if status:
        sys.exit(status)


@task(
    help={
        "since": "the git revision to compare with, such as origin/main",
        "out": "append the summary to this file (the workflow gives $GITHUB_STEP_SUMMARY)",
    }
)
def summary(c, since, out=None):
    """Write in Markdown what a change does for readers: new claims, ratings, pages, warnings."""
    from factcheck.editors.change_summary import SummaryError, summarize_changes

    settings = _settings()
    try:
        text = summarize_changes(settings, since)
    except SummaryError as error:
        sys.exit(f"error: --since: {error}")
    if out:
        with open(out, "a", encoding="utf-8") as summary_file:
            summary_file.write(text)
    else:
        print(text, end="")


@task
def schemas(c):
    """Write JSON Schemas of the YAML content files into schemas/, for help while typing."""
    from factcheck.editors.json_schemas import write_schemas

    settings = _settings()
    for path in write_schemas(settings, ROOT / "schemas"):
        print(f"wrote {path.relative_to(ROOT)}")
