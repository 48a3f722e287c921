"""The update-log rule: no claim's rating changes silently, and no claim vanishes.

A correction is never silent (see ``docs/editing.md``): when a claim's
``rating`` differs from the one at a git revision, for example ``origin/main``
in a pull request, the claim must carry a new update entry of kind
``correction``, ``update`` or ``retraction``. "New" means its date or its text
does not occur among the update entries of the old version, so relabelling an
old clarification as a correction does not count.

A claim is followed through renames and moves: a claim file absent at the
revision is matched with a claim file that existed there and is gone now when
their texts are at least half alike (git's own rename threshold), whether or
not git was told of the move. A claim that existed at the revision and is
gone, renamed to nothing, is refused: a published fact-check is retracted,
never deleted, so that readers can still find it.

The old versions are read from git, not from the working tree, and parsed by
the project's own loader (node tree and declared models), never by
``yaml.safe_load``, so that both versions are read the same way.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node

from ..settings import FactcheckSettings
from .gitcommand import GitFailed, git
from .loading import Site
from .models import Claim
from .problems import Problem
from .schema import INVALID, Reader
from .yamlfile import YamlFile, parse_yaml_text, read_yaml_file

NEW_ENTRY_KINDS = ("correction", "update", "retraction")
NEW_ENTRY_KINDS_TEXT = f"{', '.join(NEW_ENTRY_KINDS[:-1])} or {NEW_ENTRY_KINDS[-1]}"
# Two versions of a claim at least this alike are one claim renamed, as in git.
RENAME_SIMILARITY = 0.5


class _GitError(Exception):
    """git could not answer; the message is meant for the editor."""


def check_rating_changes(site: Site, since: str) -> list[Problem]:
    """A problem for every claim whose rating changed since `since` without a new update
    entry, and for every claim that existed at `since` and is gone."""
    settings = site.settings
    try:
        old = _claims_at(settings, since)
    except _GitError as error:
        where = settings.relative(settings.content_dir)
        return [Problem(where, 1, 1, "--since", str(error))]
    versions, gone = _old_versions(site, old)
    problems = [_gone_problem(settings, old.toplevel / path, since) for path in gone]
    for slug, claim in sorted(site.claims.items()):
        old_text = versions.get(slug)
        if old_text is None:
            continue  # a new claim: nothing to compare with
        problem = _silent_rating_change(settings, claim, old_text, since)
        if problem is not None:
            problems.append(problem)
    return problems


@dataclass(frozen=True)
class _ClaimsAtRevision:
    """The claim files of a git revision, by their paths from the repository's top level."""

    toplevel: Path
    folder: str | None  # the claims folder from the top level; None when outside the repository
    texts: dict[str, str]

    def path_of(self, root: Path, claim: Claim) -> str:
        """The claim's current file as the revision would name it."""
        if self.folder is None:
            return claim.location.path
        return (root / claim.location.path).resolve().relative_to(self.toplevel).as_posix()


def _claims_at(settings: FactcheckSettings, since: str) -> _ClaimsAtRevision:
    root = settings.project_root
    commit = _resolve_commit(root, since)
    toplevel = Path(_git_text(root, "rev-parse", "--show-toplevel").strip()).resolve()
    claims_dir = (settings.content_dir / "claims").resolve()
    try:
        folder: str | None = claims_dir.relative_to(toplevel).as_posix()
    except ValueError:
        folder = None  # outside the repository: never committed
    if folder is None:
        return _ClaimsAtRevision(toplevel, None, {})
    listed = _git_text(root, "ls-tree", "--full-tree", "-r", "--name-only", commit, "--", folder)
    paths = [path for path in listed.split("\n") if _is_claim_file(path)]
    return _ClaimsAtRevision(toplevel, folder, _read_blobs(root, commit, paths))


def _old_versions(site: Site, old: _ClaimsAtRevision) -> tuple[dict[str, str], list[str]]:
    """Each current claim's text at the revision, by slug, followed through renames; and
    the paths of the claims that are gone since, renamed to nothing."""
    root = site.settings.project_root
    current = {old.path_of(root, claim): slug for slug, claim in site.claims.items()}
    versions = {slug: old.texts[path] for path, slug in current.items() if path in old.texts}
    gone = {path: text for path, text in sorted(old.texts.items()) if path not in current}
    renamed = _follow_renames(site, gone, versions)
    versions |= {slug: gone[path] for path, slug in renamed.items()}
    return versions, [path for path in gone if path not in renamed]


def _follow_renames(site: Site, gone: dict[str, str], versions: dict[str, str]) -> dict[str, str]:
    """Old path -> slug, for claims gone since the revision that live on under a new name."""
    root = site.settings.project_root
    new = {
        slug: root / claim.location.path
        for slug, claim in site.claims.items()
        if slug not in versions
    }
    return _match_renames(gone, new, site.settings.limits)


def _gone_problem(settings: FactcheckSettings, file: Path, since: str) -> Problem:
    return Problem(
        os.path.relpath(file, settings.project_root.resolve()),
        1,
        1,
        "",
        f"this published claim is gone since {since}: a fact-check is never deleted; "
        "restore the file and retract it with an update entry of kind retraction",
    )


def _silent_rating_change(
    settings: FactcheckSettings, claim: Claim, old_text: str, since: str
) -> Problem | None:
    """The problem when the claim's rating differs from its old text's without a new entry."""
    old = _parse_old_claim(old_text, claim.location.path, settings.limits)
    if old is None or old.rating == claim.rating or _has_new_entry(claim.updates, old.updates):
        return None
    file = settings.project_root / claim.location.path
    line, col = _rating_position(file, claim, settings.limits)
    return Problem(
        claim.location.path,
        line,
        col,
        "rating",
        f"the rating changed from {old.rating!r} to {claim.rating!r} since {since} "
        f"without a new update entry of kind {NEW_ENTRY_KINDS_TEXT}",
    )


def _has_new_entry(updates, old_updates) -> bool:
    old_dates = {u.date for u in old_updates}
    old_texts = {u.text for u in old_updates}
    return any(
        u.kind in NEW_ENTRY_KINDS and (u.date not in old_dates or u.text not in old_texts)
        for u in updates
    )


class _OldClaim:
    """The two fields of an old claim that the rule compares."""

    def __init__(self, rating: str, updates) -> None:
        self.rating = rating
        self.updates = updates


def _parse_old_claim(text: str, rel_path: str, limits) -> _OldClaim | None:
    """The rating and updates of the old version, or None if they cannot be read.

    Problems in the old version are not the editor's concern now, so they go to
    a throwaway list. When the old claim as a whole does not parse (say a field
    was renamed since), its rating and updates are still read on their own.
    """
    scratch: list[Problem] = []
    yaml_file = parse_yaml_text(text, rel_path, scratch, limits)
    if yaml_file is None:
        return None
    reader = Reader(rel_path, yaml_file.text, scratch, [])
    claim = Claim.parse(yaml_file.root, "", reader)
    if claim is not INVALID:
        return _OldClaim(claim.rating, claim.updates)
    rating_node = _value_node(yaml_file.root, "rating")
    if rating_node is None:
        return None
    rating = Claim.fields["rating"].parse(rating_node, "rating", reader)
    if rating is INVALID:
        return None
    updates_node = _value_node(yaml_file.root, "updates")
    updates = (
        ()
        if updates_node is None
        else Claim.fields["updates"].parse(updates_node, "updates", reader)
    )
    return _OldClaim(rating, () if updates is INVALID else updates)


def _value_node(root: MappingNode, name: str) -> Node | None:
    for key, value in root.value:
        if getattr(key, "value", None) == name:
            return value
    return None


def _rating_position(path: Path, claim: Claim, limits) -> tuple[int, int]:
    """Line and column of the rating's value, read again from the current file.

    Models keep only each item's own position, and re-composing one small file
    costs a fraction of a millisecond, so only changed claims pay for it.
    """
    yaml_file: YamlFile | None = read_yaml_file(path, claim.location.path, [], limits)
    node = _value_node(yaml_file.root, "rating") if yaml_file else None
    if node is None:
        return claim.location.line, claim.location.col
    return node.start_mark.line + 1, node.start_mark.column + 1


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        return git(cwd, *args, stdin=stdin)
    except GitFailed as error:
        raise _GitError(f"cannot compare ratings with an earlier revision: {error}") from error


def _git_text(cwd: Path, *args: str) -> str:
    return _git(cwd, *args).decode("utf-8", "replace")


def _resolve_commit(root: Path, since: str) -> str:
    # A revision that starts with '-' would be read by git as an option.
    if not since or since.startswith("-"):
        raise _GitError(f"unknown git revision {since!r}")
    _git(root, "rev-parse", "--git-dir")  # "not a git repository" is its own message
    try:
        return _git_text(root, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}").strip()
    except _GitError:
        raise _GitError(
            f"unknown git revision {since!r}: check the name, and in a shallow clone "
            "fetch the history first (git fetch origin, or fetch-depth: 0 in a workflow)"
        ) from None


def _is_claim_file(path: str) -> bool:
    """A claim, not a translation (<slug>.<lang>.yaml) or another file."""
    name = path.rsplit("/", 1)[-1]
    return name.endswith(".yaml") and name.count(".") == 1 and not name.startswith(".")


def _match_renames(gone: dict[str, str], new: dict[str, Path], limits) -> dict[str, str]:
    """Pair claim files gone since the revision with new ones, most alike first.

    Claims are compared by what they say (the claim, verdict and analysis),
    word by word: every claim file shares its field names, which alone would
    make any two short claims look half alike.
    """
    if not gone or not new:
        return {}
    new_words = _words_of_files(new, limits)
    scored = []
    for old_path, old_text in gone.items():
        old_words = _claim_words(old_text, limits)
        for slug, words in new_words.items():
            ratio = _similarity(old_words, words)
            if ratio is not None:
                scored.append((-ratio, old_path, slug))
    renamed: dict[str, str] = {}
    for _, old_path, slug in sorted(scored):
        if old_path not in renamed and slug not in renamed.values():
            renamed[old_path] = slug
    return renamed


def _words_of_files(files: dict[str, Path], limits) -> dict[str, list[str]]:
    """What each readable claim file says, word by word; unreadable files are left out."""
    words = {}
    for slug, path in files.items():
        try:
            words[slug] = _claim_words(path.read_text(encoding="utf-8"), limits)
        except (OSError, UnicodeDecodeError):
            continue
    return words


def _similarity(old_words: list[str], words: list[str]) -> float | None:
    """How alike two claims are, when at least RENAME_SIMILARITY; the cheap bounds first."""
    matcher = difflib.SequenceMatcher(None, old_words, words, autojunk=False)
    if (
        matcher.real_quick_ratio() >= RENAME_SIMILARITY
        and matcher.quick_ratio() >= RENAME_SIMILARITY
        and (ratio := matcher.ratio()) >= RENAME_SIMILARITY
    ):
        return ratio
    return None


def _claim_words(text: str, limits) -> list[str]:
    yaml_file = parse_yaml_text(text, "", [], limits)
    if yaml_file is None or not isinstance(yaml_file.root, MappingNode):
        return text.split()
    words = []
    for name in ("claim", "verdict", "analysis"):
        node = _value_node(yaml_file.root, name)
        if node is not None and isinstance(node.value, str):
            words += node.value.split()
    return words


def _read_blobs(root: Path, commit: str, paths: list[str]) -> dict[str, str]:
    """The text of each file at `commit`, by path; files absent there are left out.

    ``paths`` are relative to the repository's top level. This is
    ``git show COMMIT:path`` for every claim, through one ``git cat-file
    --batch`` process instead of one process per claim.
    """
    if not paths:
        return {}
    request = "".join(f"{commit}:{path}\n" for path in paths)
    # bytes, not text: the answer gives each blob's size in bytes
    output = _git(root, "cat-file", "--batch", stdin=request.encode("utf-8"))
    return dict(_split_batch_output(paths, output))


def _split_batch_output(keys: list[str], output: bytes):
    """Pair each requested key with its blob text, skipping missing objects.

    Each answer is ``<sha> <type> <size>\\n<content>\\n`` or ``<name> missing\\n``.
    """
    position = 0
    for key in keys:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue  # "missing" or "ambiguous": the file did not exist then
        size = int(header[2])
        content = output[position : position + size]
        position += size + 1
        if header[1] != b"blob":
            continue
        try:
            yield key, content.decode("utf-8")
        except UnicodeDecodeError:
            continue  # unreadable then: treat as new
