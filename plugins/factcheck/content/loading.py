"""Content files -> models, one parse per file, every problem collected.

The folder layout is the contract of ``docs/editing.md``::

    content/people/<slug>.yaml      Person
    content/claims/<slug>.yaml      Claim
    content/sources/*.yaml          id -> Source
    content/explainers/<slug>.md    Explainer (Markdown, Pelican header)
    content/pages/<slug>.md         Page
    content/images/                 pictures referenced by fact sheets
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..settings import FactcheckSettings
from .markdown_header import parse_markdown_document
from .models import Claim, Explainer, Page, Person, Source
from .problems import Problem
from .schema import (
    INVALID,
    SLUG_RE,
    Location,
    Markdown,
    Reader,
    Reference,
    did_you_mean,
    slug_problem,
)
from .translations import Translation, parse_translation
from .yamlfile import read_text, read_yaml_file

FOLDERS = {
    "people": ".yaml",
    "claims": ".yaml",
    "sources": ".yaml",
    "explainers": ".md",
    "pages": ".md",
}


@dataclass
class Site:
    """Everything editors wrote, parsed and (after validation) consistent."""

    settings: FactcheckSettings
    people: dict[str, Person] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    explainers: dict[str, Explainer] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    translations: list[Explainer | Page] = field(default_factory=list)
    sheet_translations: list[Translation] = field(default_factory=list)
    images: frozenset[str] = frozenset()
    files: frozenset[str] = frozenset()  # content-relative paths of every content file
    # What a file that failed to load would have defined: (kind, key) -> its path.
    # References to these are not "unknown": they wait for the file to be fixed.
    unloaded: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def ratings(self):
        return self.settings.ratings


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


@dataclass
class LoadedFile:
    """What reading one file produced, kept while the file is unchanged (invoke serve)."""

    signature: tuple[int, ...] | None
    items: Site
    problems: list[Problem]
    references: list[Reference]


def load_site(
    settings: FactcheckSettings,
    problems: list[Problem],
    references: list[Reference],
    cache: dict[str, LoadedFile] | None = None,
) -> Site:
    """Read every content file; with a cache, files unchanged since last time are not re-read."""
    content = settings.content_dir
    site = Site(settings)
    files: set[str] = set()
    cache = {} if cache is None else cache
    folders_inside: dict[Path, bool] = {}  # resolving every file's path is a system call per part
    for folder, extension in FOLDERS.items():
        for path in list_content_files(content, folder):
            rel = settings.relative(path)
            if path.suffix != extension:
                if path.suffix in (".yml", ".yaml", ".md", ".markdown"):
                    problems.append(
                        Problem(rel, 1, 1, "", f"rename the file to end in {extension}")
                    )
                continue
            if not _inside_cached(path, content, folders_inside):
                problems.append(
                    Problem(rel, 1, 1, "", "the file is a link to outside the content folder")
                )
                continue
            files.add(path.relative_to(content).as_posix())
            try:
                stat = path.stat()
                # Modification and change times, size and inode: a rewrite changes one.
                signature = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
            except OSError:
                signature = None  # a broken link: never cached, the loader reports it
            loaded = cache.get(rel)
            if loaded is None or signature is None or loaded.signature != signature:
                # Each file is read into a site of its own, merged below, so that
                # its result does not depend on the other files and can be kept.
                loaded = LoadedFile(signature, Site(settings), [], [])
                _LOADERS[folder](loaded.items, path, rel, loaded.problems, loaded.references)
                cache[rel] = loaded
            problems += loaded.problems
            references += loaded.references
            _merge(site, loaded.items, problems)
    for stale in set(cache) - {settings.relative(content / f) for f in files}:
        del cache[stale]
    site.files = frozenset(files)
    images = content / "images"
    found = set()
    for picture in list_content_files(content, "images"):
        if _inside(picture, content):
            found.add(picture.relative_to(images).as_posix())
        else:  # Pelican would copy it into the site: refuse it here
            problems.append(
                Problem(
                    settings.relative(picture),
                    1,
                    1,
                    "",
                    "the file is a link to outside the content folder",
                )
            )
    site.images = frozenset(found)
    return site


def _merge(site: Site, items: Site, problems: list[Problem]) -> None:
    """Add one file's items to the site; an id another file already defines is an error."""
    for source_id, source in items.sources.items():
        first = site.sources.get(source_id)
        if first is not None:
            key = source.key_location
            problems.append(
                Problem(
                    key.path,
                    key.line,
                    key.col,
                    source_id,
                    f"duplicate source id {source_id!r} (also defined at {first.location})",
                )
            )
            continue
        site.sources[source_id] = source
    for store in ("people", "claims", "explainers", "pages"):
        getattr(site, store).update(getattr(items, store))
    site.translations += items.translations
    site.sheet_translations += items.sheet_translations
    for key, path in items.unloaded.items():
        site.unloaded.setdefault(key, path)


def _inside_cached(path: Path, folder: Path, folders_inside: dict[Path, bool]) -> bool:
    """_inside, resolving each folder once and only files that are links themselves."""
    if path.is_symlink():
        return _inside(path, folder)
    parent = path.parent
    if parent not in folders_inside:
        folders_inside[parent] = _inside(parent, folder)
    return folders_inside[parent]


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path`, links followed, is in `folder` (a link loop is not)."""
    try:
        path.resolve(strict=False).relative_to(folder.resolve())
    except (ValueError, RuntimeError, OSError):
        return False
    return True


def _slug_from_name(path: Path, rel: str, problems: list[Problem]) -> str | None:
    # A translation is named <slug>.<lang>.md; its slug is the part before the language.
    slug = path.stem.split(".", 1)[0] if path.suffix == ".md" else path.stem
    if SLUG_RE.fullmatch(slug):
        return slug
    problems.append(Problem(rel, 1, 1, "", f"file name: {slug_problem(slug)}"))
    return None


def _load_translation(site: Site, kind: str, path: Path, rel: str, problems, references) -> None:
    slug, _, lang = path.stem.partition(".")
    ok = _check_translation_name(site, slug, lang, rel, problems)
    yaml_file = read_yaml_file(path, rel, problems, site.settings.limits)
    if yaml_file is None:
        return
    reader = Reader(rel, yaml_file.text, problems, references)
    model = parse_translation(kind, yaml_file.root, reader)
    if model is not INVALID and ok:
        site.sheet_translations.append(Translation(kind, slug, lang, model, rel))


def _check_translation_name(site: Site, slug: str, lang: str, rel: str, problems) -> bool:
    languages = site.settings.languages
    if not SLUG_RE.fullmatch(slug):
        problems.append(Problem(rel, 1, 1, "", f"file name: {slug_problem(slug)}"))
        return False
    if lang not in languages[1:]:
        expected = ", ".join(languages[1:]) or "none: set FACTCHECK_LANGUAGES in pelicanconf.py"
        problems.append(
            Problem(
                rel,
                1,
                1,
                "",
                f"file name: '{lang}' is not one of the site's other languages ({expected}); "
                f"a translation is named <slug>.<language>{Path(rel).suffix}",
            )
        )
        return False
    return True


def _load_sheet(model, store_name):
    def load(site: Site, path: Path, rel: str, problems, references) -> None:
        if "." in path.stem:
            _load_translation(site, store_name, path, rel, problems, references)
            return
        slug = _slug_from_name(path, rel, problems)
        yaml_file = read_yaml_file(path, rel, problems, site.settings.limits)
        item = INVALID
        if yaml_file is not None:
            reader = Reader(rel, yaml_file.text, problems, references)
            item = model.parse(yaml_file.root, "", reader)
        if item is INVALID or slug is None:
            if slug is not None:
                site.unloaded[(UNLOADED_KINDS[store_name], slug)] = rel
            return
        item.slug = slug
        getattr(site, store_name)[slug] = item

    return load


# The kind of reference that names what each folder defines.
UNLOADED_KINDS = {"people": "person", "claims": "claim", "explainers": "explainer", "pages": "page"}

# A source id as the first thing on a line: found in a file YAML cannot read.
_SOURCE_ID_LINE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*:", re.M)


def _load_sources(site: Site, path: Path, rel: str, problems, references) -> None:
    yaml_file = read_yaml_file(path, rel, problems, site.settings.limits)
    if yaml_file is None:
        # The ids the file seems to define, so that citing them is not "unknown".
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        for source_id in _SOURCE_ID_LINE.findall(text):
            site.unloaded.setdefault(("source", source_id), rel)
        return
    reader = Reader(rel, yaml_file.text, problems, references)
    for key, node in yaml_file.root.value:
        if not isinstance(key.value, str):
            continue  # a list or mapping as a key, reported by the YAML reader
        source_id = key.value
        if not SLUG_RE.fullmatch(source_id):
            reader.error(key, source_id or '""', f"source id: {slug_problem(source_id)}")
            continue
        source = Source.parse(node, source_id, reader)
        if source is INVALID:
            site.unloaded.setdefault(("source", source_id), rel)
            continue
        source.id = source_id
        source.key_location = Location(rel, key.start_mark.line + 1, key.start_mark.column + 1)
        site.sources[source_id] = source


def _load_document(model, store_name):
    def load(site: Site, path: Path, rel: str, problems, references) -> None:
        file_slug = _slug_from_name(path, rel, problems)
        text = read_text(path, rel, problems, site.settings.limits)
        if text is None:
            return
        document = parse_markdown_document(text, rel, problems)
        reader = Reader(rel, document.text, problems, references)
        item = model.parse(document.header, "", reader)
        if document.body.value.strip():
            Markdown(citations=True).convert(document.body.value, document.body, "body", reader)
        if item is INVALID or file_slug is None:
            if file_slug is not None and "." not in path.stem:
                site.unloaded[(UNLOADED_KINDS[store_name], file_slug)] = rel
            return
        item.body = document.body.value
        item.source_path = path.relative_to(site.settings.content_dir).as_posix()
        name_lang = path.stem.partition(".")[2]
        if name_lang and not _check_translation_name(site, file_slug, name_lang, rel, problems):
            return
        if item.slug and item.slug != file_slug:
            reader.error(
                document.header,
                "slug",
                f"the slug {item.slug!r} differs from the file name's {file_slug!r}: "
                "rename the file or remove the Slug line",
            )
            return
        if name_lang and item.lang and item.lang != name_lang:
            reader.error(
                document.header,
                "lang",
                f"Lang: {item.lang} differs from the file name's language {name_lang!r}",
            )
            return
        item.slug = file_slug
        item.lang = item.lang or name_lang or site.settings.default_lang
        store = getattr(site, store_name)
        if item.lang != site.settings.default_lang:
            site.translations.append(item)
            return
        first = store.get(item.slug)
        if first is not None:
            reader.error(
                document.header,
                "slug",
                f"duplicate slug {item.slug!r} (also used by {first.location.path})",
            )
            return
        store[item.slug] = item

    return load


_LOADERS = {
    "people": _load_sheet(Person, "people"),
    "claims": _load_sheet(Claim, "claims"),
    "sources": _load_sources,
    "explainers": _load_document(Explainer, "explainers"),
    "pages": _load_document(Page, "pages"),
}

__all__ = ["Site", "load_site", "list_content_files", "did_you_mean"]
