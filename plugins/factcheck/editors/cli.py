"""``python -m factcheck``: check content without building the site."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from ..content.problems import build_fails, format_report, report_order
from ..content.validate import check_content
from ..settings import FactcheckSettings, SettingsInvalid, read_pelican_settings

__all__ = ["main", "read_pelican_settings", "run_check"]


def run_check(
    settings_file: str | os.PathLike = "pelicanconf.py",
    *,
    strict: bool | None = None,
    github: bool | None = None,
    since: str | None = None,
    verbose: bool | None = None,
    out=sys.stdout,
) -> int:
    """Check the settings, then all content, and print every problem; return the exit status."""
    started = time.perf_counter()
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    try:
        settings = FactcheckSettings.from_pelican(read_pelican_settings(settings_file))
    except SettingsInvalid as invalid:
        print(format_report(invalid.problems, github=github), file=out)
        print("check failed: fix the settings first; no content was checked", file=out)
        return 1
    site, problems = check_content(settings)
    if since:
        from ..content.history import check_rating_changes

        problems = report_order(problems + check_rating_changes(site, since))
    strict = settings.strict if strict is None else strict
    failed = build_fails(problems, strict=strict, allowed=settings.strict_allows)
    count = len(site.people) + len(site.claims) + len(site.explainers) + len(site.pages)
    if problems:
        print(format_report(problems, github=github, verbose=verbose), file=out)
    elapsed = (time.perf_counter() - started) * 1000
    verdict = "failed" if failed else "passed"
    print(
        f"check {verdict}: {count} pages and {len(site.sources)} sources in "
        f"{len(site.files)} files, {elapsed:.0f} ms",
        file=out,
    )
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m factcheck",
        description="Check the site's content and report every mistake as path:line:col: field: message.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate all content without building")
    check.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings file")
    check.add_argument("--strict", action="store_true", default=None, help="warnings fail too")
    check.add_argument(
        "--since",
        metavar="REF",
        help="also refuse rating changes without an update entry since REF",
    )
    check.add_argument(
        "--github",
        action="store_true",
        default=None,
        help="print GitHub annotations (default when GITHUB_ACTIONS=true)",
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=None,
        help="list every warning, not one line per kind",
    )
    check.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    args = parser.parse_args(argv)
    if not Path(args.settings).is_file():
        parser.error(f"settings file not found: {args.settings}")
    try:
        return run_check(
            args.settings,
            strict=args.strict,
            github=args.github,
            since=args.since,
            verbose=args.verbose,
        )
    except Exception as error:  # an internal error: one line, the traceback on request
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"internal error: {type(error).__name__}: {error} (run with --debug for details)",
                file=sys.stderr,
            )
        return 3
