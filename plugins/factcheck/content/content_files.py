"""The files of the content folders: their layout, what their names say, which are read.

The folder layout is the contract of ``docs/editing.md``::

    content/people/<slug>.yaml      Person
    content/claims/<slug>.yaml      Claim
    content/sources/*.yaml          id -> Source (in subfolders too)
    content/explainers/<slug>.md    Explainer (Markdown, Pelican header; subfolders too)
    content/pages/<slug>.md         Page
    content/images/                 pictures referenced by fact sheets

This is the one home of the rules that name content files: what a file name
says (``<slug>.<lang>.<ext>``) and whether a document is an explainer or a
page. Loading, validation, links, the reader and rebuilds all ask here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..settings import FactcheckSettings
from .problems import Problem

FOLDERS = {
    "people": ".yaml",
    "claims": ".yaml",
    "sources": ".yaml",
    "explainers": ".md",
    "pages": ".md",
}
# A person's or claim's address comes from its file name alone, so two files of
# one name in different subfolders would claim one address: these folders are flat.
FLAT_FOLDERS = ("people", "claims")


@dataclass(frozen=True)
class ContentFileName:
    """What a content file's name says: ``<slug>.<ext>``, or ``<slug>.<lang>.<ext>`` for a translation."""

    slug: str
    lang: str  # "" for an original
    extension: str  # without its dot: "yaml", "md"
    is_translation: bool  # the name has a language part, even an empty one ("x..md")


def parse_file_name(name: str) -> ContentFileName:
    """'x.es.md' -> slug 'x', lang 'es', extension 'md'."""
    stem, _, extension = name.rpartition(".")
    slug, dot, lang = stem.partition(".")
    return ContentFileName(slug, lang, extension, bool(dot))


def is_explainer(source_path: str) -> bool:
    """Whether a Markdown document is an explainer (else a page), from its path under content/."""
    return source_path.startswith("explainers/")


LINKED_OUTSIDE = "the file is a link to outside the content folder"


def list_content_files(content_dir: Path, folder: str) -> list[Path]:
    base = content_dir / folder
    if not base.is_dir():
        return []
    found = []
    # Linked folders are followed so that the check sees (and refuses) what
    # Pelican would otherwise read from outside the content folder.
    for dirpath, dirnames, filenames in os.walk(base, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath, name) for name in filenames if not name.startswith(".")]
    return sorted(found)


def is_readable(
    path: Path,
    folder: str,
    extension: str,
    settings: FactcheckSettings,
    folders_inside: dict[Path, bool],
    problems: list[Problem],
) -> bool:
    """Whether a file in a content folder is one to read; reports the ones misnamed or outside."""
    rel = settings.relative(path)
    if path.suffix != extension:
        if path.suffix in (".yml", ".yaml", ".md", ".markdown"):
            problems.append(Problem(rel, 1, 1, "", f"rename the file to end in {extension}"))
        return False
    if not _inside_cached(path, settings.content_dir, folders_inside):
        problems.append(Problem(rel, 1, 1, "", LINKED_OUTSIDE))
        return False
    if folder in FLAT_FOLDERS and path.parent != settings.content_dir / folder:
        problems.append(Problem(rel, 1, 1, "", _move_up(folder)))
        return False
    return True


def _move_up(folder: str) -> str:
    return f"{folder} are read from content/{folder}/ itself: move the file up into it"


def _inside_cached(path: Path, folder: Path, folders_inside: dict[Path, bool]) -> bool:
    """_inside, resolving each folder once and only files that are links themselves."""
    if path.is_symlink():
        return inside(path, folder)
    parent = path.parent
    if parent not in folders_inside:
        folders_inside[parent] = inside(parent, folder)
    return folders_inside[parent]


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, links followed, is in `folder` (a link loop is not)."""
    try:
        path.resolve(strict=False).relative_to(folder.resolve())
    except (ValueError, RuntimeError, OSError):
        return False
    return True
