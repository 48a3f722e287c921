"""The history a page tells, checked against what can be verified.

A fact-check's dates are part of its honesty: readers, search engines and the
update log all take a page's publication and update dates at their word. Three
rules hold for every page, in ``invoke check`` and in every build:

- a page cites no source dated after its last dated change (publication or
  latest update): citing it *is* a change, and it needs an update entry;
- a page was not published before its file first entered the repository,
  unless it says where it first appeared (``first_published_at``);
- a translation is not dated before the original it translates last changed
  (``factcheck.content.translations`` and ``factcheck.content.validate``).

Dates in the future and updates before publication are refused where they
are read (``factcheck.content.schema.Date``, ``factcheck.content.models``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..settings import FactcheckSettings
from .dates import PartialDate, earliest_day
from .gitcommand import GitFailed, git
from .loading import Site
from .markdown_header import parse_markdown_document
from .models import Claim, Explainer, Page, Person
from .problems import Problem
from .schema import Reference
from .yamlfile import read_text, read_yaml_file


@dataclass(frozen=True, slots=True)
class DatedPage:
    """What the rules need to know of one content file that has a publication date."""

    path: str  # as problems name it, e.g. content/claims/x.yaml
    published_field: str  # "published", "date" or "translated"
    published: PartialDate | None
    last_change: PartialDate | None
    first_published_at: str | None


def check_chronology(site: Site, references: Iterable[Reference], problems: list[Problem]) -> None:
    pages = {page.path: page for page in dated_pages(site)}
    check_sources_precede_changes(site, pages, references, problems)
    first_commits = first_commit_days(site.settings.content_dir)
    if first_commits:
        check_published_after_first_commit(site, pages, first_commits, problems)


def dated_pages(site: Site) -> Iterable[DatedPage]:
    sheets: list[Person | Claim] = [*site.people.values(), *site.claims.values()]
    for item in sheets:
        yield DatedPage(
            item.location.path,
            "published",
            item.published,
            max([item.published, *(u.date for u in item.updates)]),
            item.first_published_at,
        )
    documents: list[Explainer | Page] = [*site.explainers.values(), *site.pages.values()]
    for document in documents:
        changes = [document.date, document.modified, *(u.date for u in document.updates)]
        yield DatedPage(
            document.location.path,
            "date",
            document.date,
            max(filter(None, changes), default=None),
            document.first_published_at,
        )
    for translation in site.sheet_translations:
        translated = translation.model.translated
        yield DatedPage(translation.path, "translated", translated, translated, None)
    for document in site.translations:
        yield DatedPage(
            document.location.path,
            "date",
            document.date,
            max(filter(None, [document.date, document.modified]), default=None),
            None,
        )


def check_sources_precede_changes(
    site: Site,
    pages: dict[str, DatedPage],
    references: Iterable[Reference],
    problems: list[Problem],
) -> None:
    """A source dated after the page's last dated change: one problem per page and source."""
    reported: set[tuple[str, str]] = set()
    for ref in sorted(references, key=lambda r: (r.path, r.line, r.col)):
        if ref.kind != "source" or (ref.path, ref.key) in reported:
            continue
        page = pages.get(ref.path)
        source = site.sources.get(ref.key)
        if page is None or source is None or page.last_change is None:
            continue
        if source.date > page.last_change:
            reported.add((ref.path, ref.key))
            problems.append(
                Problem(
                    ref.path,
                    ref.line,
                    ref.col,
                    ref.field,
                    f"source {ref.key!r} is dated {source.date}, after this page's last dated "
                    f"change ({page.last_change}): add an update entry dated {source.date} "
                    "or later that says what it added",
                )
            )


def check_published_after_first_commit(
    site: Site,
    pages: dict[str, DatedPage],
    first_commits: dict[str, PartialDate],
    problems: list[Problem],
) -> None:
    prefix = site.settings.relative(site.settings.content_dir) + "/"
    for path, page in sorted(pages.items()):
        committed = first_commits.get(path.removeprefix(prefix))
        if committed is None or page.published is None or page.first_published_at:
            continue
        if page.published < committed:
            line, col = field_position(site.settings, path, prefix, page.published_field)
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    page.published_field,
                    f"{page.published} is before {committed}, the day this file was first "
                    "committed: give the day the page really went out"
                    + (
                        ""
                        if page.published_field == "translated"
                        else ", or say where it first appeared with first_published_at"
                    ),
                )
            )


def field_position(
    settings: FactcheckSettings, path: str, prefix: str, name: str
) -> tuple[int, int]:
    """Line and column of a top-level field's value, read again from the file.

    Models keep only each item's own position; re-reading one small file costs
    a fraction of a millisecond, and only files with a problem pay for it.
    """
    file = settings.content_dir / path.removeprefix(prefix)
    if file.suffix == ".md":
        text = read_text(file, path, [], settings.limits)
        header = parse_markdown_document(text, path, []).header if text is not None else None
    else:
        yaml_file = read_yaml_file(file, path, [], settings.limits)
        header = yaml_file.root if yaml_file else None
    for key, value in header.value if header is not None else ():
        if getattr(key, "value", None) == name:
            return value.start_mark.line + 1, value.start_mark.column + 1
    return 1, 1


def first_commit_days(content_dir: Path) -> dict[str, PartialDate]:
    """For each file under `content_dir`, the day git first recorded it there.

    Keys are paths relative to `content_dir`. A file moved or renamed keeps the
    day of its first version (git's rename detection). The day is taken where
    it is earliest on Earth, so an editor in any time zone is never refused
    for the difference.

    In a shallow clone (GitHub's checkout makes one by default) the oldest
    commit present seems to add every file it holds; files first seen there
    are left out, so the rule only judges what the clone really knows. No git,
    or a folder outside a repository, gives an empty answer: the rule is
    skipped, as it cannot be checked.
    """
    state = _git(content_dir, "rev-parse", "--is-shallow-repository", "HEAD")
    if state is None:
        return {}
    key = (content_dir, state)
    if key not in _FIRST_COMMIT_DAYS:  # invoke serve checks on every save; history moves less
        _FIRST_COMMIT_DAYS.clear()
        _FIRST_COMMIT_DAYS[key] = _read_first_commit_days(content_dir, state.split()[0] == "true")
    return _FIRST_COMMIT_DAYS[key]


_FIRST_COMMIT_DAYS: dict[tuple[Path, str], dict[str, PartialDate]] = {}


def _read_first_commit_days(content_dir: Path, shallow: bool) -> dict[str, PartialDate]:
    boundary = _shallow_boundary(content_dir) if shallow else set()
    if boundary is None:
        return {}
    log = _git(
        content_dir,
        "-c",
        "core.quotePath=false",
        "log",
        "--reverse",
        "--find-renames",
        "--diff-filter=AR",
        "--relative",
        "--name-status",
        "--format=\x01%H %at",
        "--",
        ".",
    )
    if log is None:
        return {}
    first_seen = _FirstSeen(boundary)
    for line in log.splitlines():
        first_seen.read(line)
    return first_seen.days


def _shallow_boundary(content_dir: Path) -> set[str] | None:
    """The commits a shallow clone starts from; None when they cannot be read."""
    shallow_file = _git(content_dir, "rev-parse", "--git-path", "shallow")
    if not shallow_file:
        return set()
    try:
        return set((content_dir / shallow_file.strip()).read_text(encoding="ascii").split())
    except OSError:
        return None


class _FirstSeen:
    """The day each path first appeared, from git's log read oldest first.

    Paths added by a commit at the shallow boundary, and what they are renamed
    to later, are unknown: the clone does not hold their first version.
    """

    def __init__(self, boundary: set[str]) -> None:
        self.boundary = boundary
        self.days: dict[str, PartialDate] = {}
        self.unknown: set[str] = set()
        self.day = PartialDate(1)
        self.at_boundary = False

    def read(self, line: str) -> None:
        """One line of the log: a commit's header, or a file it added or renamed."""
        if line.startswith("\x01"):
            commit, timestamp = line[1:].split()
            self.day = earliest_day(int(timestamp))
            self.at_boundary = commit in self.boundary
            return
        status, *paths = line.split("\t")
        if status.startswith("A") and len(paths) == 1:
            self._added(paths[0])
        elif status.startswith("R") and len(paths) == 2:
            self._renamed(*paths)

    def _added(self, path: str) -> None:
        if self.at_boundary:
            self.unknown.add(path)
        elif path not in self.days and path not in self.unknown:
            self.days[path] = self.day

    def _renamed(self, old: str, new: str) -> None:
        if old in self.unknown:
            self.unknown.add(new)
        elif new not in self.days:
            self.days[new] = self.days.get(old, self.day)


def _git(cwd: Path, *args: str) -> str | None:
    """git's output, or None when git is missing, fails or `cwd` is not in a repository."""
    try:
        return git(cwd, *args, timeout=60).decode("utf-8", "replace")
    except GitFailed:
        return None
