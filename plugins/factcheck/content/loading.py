"""Content files -> models, one parse per file, every problem collected.

Which files are read, and what their names say, is :mod:`.content_files`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..settings import FactcheckSettings
from .content_files import (
    FOLDERS,
    LINKED_OUTSIDE,
    ContentFileName,
    inside,
    is_readable,
    list_content_files,
    parse_file_name,
)
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
from .translations import Translation, check_translation_name, parse_translation
from .yamlfile import read_text, read_yaml_file


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
            if not is_readable(path, folder, extension, settings, folders_inside, problems):
                continue
            files.add(path.relative_to(content).as_posix())
            loaded = _load_file(folder, path, settings, cache)
            problems += loaded.problems
            references += loaded.references
            _merge(site, loaded.items, problems)
    for stale in set(cache) - {settings.relative(content / f) for f in files}:
        del cache[stale]
    site.files = frozenset(files)
    site.images = _list_images(settings, problems)
    return site


def _load_file(
    folder: str, path: Path, settings: FactcheckSettings, cache: dict[str, LoadedFile]
) -> LoadedFile:
    """One file's items and problems, read again only if the file changed since it was kept."""
    rel = settings.relative(path)
    signature = _signature(path)
    loaded = cache.get(rel)
    if loaded is None or signature is None or loaded.signature != signature:
        # Each file is read into a site of its own, merged afterwards, so that
        # its result does not depend on the other files and can be kept.
        loaded = LoadedFile(signature, Site(settings), [], [])
        _LOADERS[folder](loaded.items, path, rel, loaded.problems, loaded.references)
        cache[rel] = loaded
    return loaded


def _signature(path: Path) -> tuple[int, ...] | None:
    try:
        stat = path.stat()
    except OSError:
        return None  # a broken link: never cached, the loader reports it
    # Modification and change times, size and inode: a rewrite changes one.
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)


def _list_images(settings: FactcheckSettings, problems: list[Problem]) -> frozenset[str]:
    """The pictures in content/images/, by their path there."""
    content = settings.content_dir
    found = set()
    for picture in list_content_files(content, "images"):
        if inside(picture, content):
            found.add(picture.relative_to(content / "images").as_posix())
        else:  # Pelican would copy it into the site: refuse it here
            problems.append(Problem(settings.relative(picture), 1, 1, "", LINKED_OUTSIDE))
    return frozenset(found)


def _merge(site: Site, items: Site, problems: list[Problem]) -> None:
    """Add one file's items to the site; an id another file already defines is an error."""
    for source_id, source in items.sources.items():
        first = site.sources.get(source_id)
        if first is not None:
            key = source.key_location
            message = f"duplicate source id {source_id!r} (also defined at {first.location})"
            problems.append(Problem(key.path, key.line, key.col, source_id, message))
            continue
        site.sources[source_id] = source
    for store in ("people", "claims", "explainers", "pages"):
        getattr(site, store).update(getattr(items, store))
    site.translations += items.translations
    site.sheet_translations += items.sheet_translations
    for unloaded, path in items.unloaded.items():
        site.unloaded.setdefault(unloaded, path)


def _slug_from_name(path: Path, rel: str, problems: list[Problem]) -> str | None:
    slug = parse_file_name(path.name).slug
    if SLUG_RE.fullmatch(slug):
        return slug
    problems.append(Problem(rel, 1, 1, "", f"file name: {slug_problem(slug)}"))
    return None


def _load_translation(site: Site, kind: str, path: Path, rel: str, problems, references) -> None:
    name = parse_file_name(path.name)
    ok = check_translation_name(name.slug, name.lang, site.settings.languages, rel, problems)
    yaml_file = read_yaml_file(path, rel, problems, site.settings.limits)
    if yaml_file is None:
        return
    reader = Reader(rel, yaml_file.text, problems, references)
    model = parse_translation(kind, yaml_file.root, reader)
    if model is not INVALID and ok:
        site.sheet_translations.append(Translation(kind, name.slug, name.lang, model, rel))


def _load_sheet(model, store_name):
    def load(site: Site, path: Path, rel: str, problems, references) -> None:
        if parse_file_name(path.name).is_translation:
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
        name = parse_file_name(path.name)
        if item is INVALID or file_slug is None:
            if file_slug is not None and not name.is_translation:
                site.unloaded[(UNLOADED_KINDS[store_name], file_slug)] = rel
            return
        item.body = document.body.value
        item.source_path = path.relative_to(site.settings.content_dir).as_posix()
        if not _header_agrees_with_name(site, item, name, document.header, reader):
            return
        item.slug = file_slug
        item.lang = item.lang or name.lang or site.settings.default_lang
        _store_document(site, getattr(site, store_name), item, document.header, reader)

    return load


def _header_agrees_with_name(
    site: Site, item, name: ContentFileName, header, reader: Reader
) -> bool:
    """A document's Slug and Lang lines, if it has them, say what its file name says."""
    languages = site.settings.languages
    if name.lang and not check_translation_name(
        name.slug, name.lang, languages, reader.path, reader.problems
    ):
        return False
    if item.slug and item.slug != name.slug:
        reader.error(
            header,
            "slug",
            f"the slug {item.slug!r} differs from the file name's {name.slug!r}: "
            "rename the file or remove the Slug line",
        )
        return False
    if name.lang and item.lang and item.lang != name.lang:
        reader.error(
            header,
            "lang",
            f"Lang: {item.lang} differs from the file name's language {name.lang!r}",
        )
        return False
    return True


def _store_document(site: Site, store: dict, item, header, reader: Reader) -> None:
    """An original joins its folder's documents, a translation the site's translations."""
    if item.lang != site.settings.default_lang:
        site.translations.append(item)
        return
    first = store.get(item.slug)
    if first is not None:
        reader.error(
            header,
            "slug",
            f"duplicate slug {item.slug!r} (also used by {first.location.path})",
        )
        return
    store[item.slug] = item


_LOADERS = {
    "people": _load_sheet(Person, "people"),
    "claims": _load_sheet(Claim, "claims"),
    "sources": _load_sources,
    "explainers": _load_document(Explainer, "explainers"),
    "pages": _load_document(Page, "pages"),
}

__all__ = ["Site", "load_site", "list_content_files", "did_you_mean"]
