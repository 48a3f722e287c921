"""What a change does for readers, in Markdown: `invoke summary --since REF`.

A pull request shows annotations on changed lines, but not what readers will
see differently. This compares the content at a git revision (usually the
base branch) with the working tree: fact-checks added, ratings changed with
the update entries that explain them, the pages that change, and warnings
the change introduces. The check workflow writes it to the job's summary.
"""

from __future__ import annotations

import io
import re
import tarfile
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..content.gitcommand import GitFailed, git
from ..content.loading import Site
from ..content.models import Claim
from ..content.problems import Problem
from ..content.validate import check_content
from ..settings import FactcheckSettings


class SummaryError(Exception):
    """git could not give the earlier revision; the message is meant for the editor."""


@dataclass
class Content:
    """The site as the check sees it, and the bytes of each content file."""

    site: Site
    problems: list[Problem]
    files: dict[str, bytes]


def summarize_changes(settings: FactcheckSettings, since: str) -> str:
    """The Markdown summary of the change from `since` to the working tree."""
    now = _read_content(settings)
    with tempfile.TemporaryDirectory(prefix="factcheck-summary-") as folder:
        before = _read_content(_settings_at(settings, since, Path(folder)))
    return format_summary(before, now, since)


def format_summary(before: Content, now: Content, since: str) -> str:
    lines = ["## What this change does for readers", "", f"Compared with `{_code(since)}`."]
    sections = [
        _new_claims(before, now),
        _changed_ratings(before, now),
        _changed_pages(before, now),
        _new_warnings(before, now),
        _errors(now),
    ]
    sections = [section for section in sections if section]
    if not sections:
        lines += ["", "Nothing changes for readers."]
    for section in sections:
        lines += ["", *section]
    return "\n".join(lines) + "\n"


def _new_claims(before: Content, now: Content) -> list[str]:
    added = sorted(set(now.site.claims) - set(before.site.claims))
    if not added:
        return []
    lines = [f"### New fact-checks ({len(added)})", ""]
    for slug in added:
        claim = now.site.claims[slug]
        lines.append(
            f"- {_text(claim.claim)} (`claims/{slug}/`): rated "
            f"**{_text(_label(now.site, claim.rating))}**"
        )
    return lines


def _changed_ratings(before: Content, now: Content) -> list[str]:
    changed = sorted(
        slug
        for slug, claim in now.site.claims.items()
        if slug in before.site.claims and before.site.claims[slug].rating != claim.rating
    )
    if not changed:
        return []
    lines = [f"### Ratings changed ({len(changed)})", ""]
    for slug in changed:
        old, new = before.site.claims[slug], now.site.claims[slug]
        lines.append(
            f"- {_text(new.claim)} (`claims/{slug}/`): "
            f"**{_text(_label(before.site, old.rating))}** → "
            f"**{_text(_label(now.site, new.rating))}**"
        )
        lines += _explanations(old, new)
    return lines


def _explanations(old: Claim, new: Claim) -> list[str]:
    """The claim's update entries that are new since `old`, or a line saying there are none."""
    old_entries = {(u.date, u.kind, u.text) for u in old.updates}
    entries = [u for u in new.updates if (u.date, u.kind, u.text) not in old_entries]
    if not entries:
        return ["  - no new update entry explains the change"]
    return [f"  - {update.date} {update.kind}: {_text(update.text)}" for update in entries]


def _changed_pages(before: Content, now: Content) -> list[str]:
    changed = sorted(
        path
        for path in set(before.files) | set(now.files)
        if before.files.get(path) != now.files.get(path)
    )
    if not changed:
        return []
    lines = [f"### Pages that change ({len(changed)} files)", ""]
    for path in changed:
        how = "added" if path not in before.files else "removed" if path not in now.files else ""
        note = f" ({how})" if how else ""
        lines.append(f"- {_page_of(path)}{note}, from `content/{_code(path)}`")
    return lines


def _new_warnings(before: Content, now: Content) -> list[str]:
    def key(problem: Problem) -> tuple[str, str, str]:
        return problem.path, problem.field, problem.message  # lines move with edits

    old = {key(p) for p in before.problems if not p.is_error}
    new = [p for p in now.problems if not p.is_error and key(p) not in old]
    if not new:
        return []
    lines = [f"### New warnings ({len(new)})", ""]
    lines += [f"- `{_code(p.format())}`" for p in new]
    return lines


def _errors(now: Content) -> list[str]:
    errors = [p for p in now.problems if p.is_error]
    if not errors:
        return []
    lines = [f"### Errors to fix before merging ({len(errors)})", ""]
    lines += [f"- `{_code(p.format())}`" for p in errors]
    return lines


def _page_of(path: str) -> str:
    """In Markdown, the address of the page a content file makes, or which pages it touches."""
    posix = PurePosixPath(path)
    folder = posix.parts[0]
    slug, _, lang = posix.stem.partition(".")
    prefix = f"/{lang}" if lang else ""
    if folder == "sources":
        return "`/sources/` and the pages citing its sources"
    if folder == "images":
        return "the pages showing this picture"
    if folder == "pages":
        return f"`{_code(prefix)}/{_code(slug)}/`"
    return f"`{_code(prefix)}/{folder}/{_code(slug)}/`"


def _label(site: Site, key: str) -> str:
    rating = site.ratings.get(key)
    return rating.label if rating else key


def _text(text: str) -> str:
    """Editors' text as Markdown that shows it literally (it may hold * _ [ < ...)."""
    text = " ".join(str(text).split())
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~])", r"\\\1", text)


def _code(text: str) -> str:
    return str(text).replace("`", "'")


def _read_content(settings: FactcheckSettings) -> Content:
    site, problems = check_content(settings)
    files = {}
    for name in site.files | {f"images/{image}" for image in site.images}:
        try:
            files[name] = (settings.content_dir / name).read_bytes()
        except OSError:
            files[name] = b""
    return Content(site, problems, files)


def _settings_at(settings: FactcheckSettings, since: str, folder: Path) -> FactcheckSettings:
    """Settings for the content folder as it was at `since`, exported into `folder`."""
    root = settings.project_root
    if not since or since.startswith("-"):
        raise SummaryError(f"unknown git revision {since!r}")
    toplevel = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    content = settings.content_dir.resolve().relative_to(toplevel).as_posix()
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}")
    tree = _git(toplevel, "archive", "--format=tar", commit.decode().strip(), "--", content)
    with tarfile.open(fileobj=io.BytesIO(tree)) as archive:
        archive.extractall(folder, filter="data")
    old_content = folder / content
    old_content.mkdir(parents=True, exist_ok=True)
    old_root = folder / settings.project_root.resolve().relative_to(toplevel)
    return replace(settings, content_dir=old_content, project_root=old_root)


def _git(cwd: Path, *args: str) -> bytes:
    try:
        return git(cwd, *args)
    except GitFailed as error:
        raise SummaryError(f"cannot compare with an earlier revision: {error}") from error
