"""Merging the Pagefind bundles of several parts of a site into one bundle.

What Pagefind 1.5 writes, per language (CBOR inside gzip, after SIGNATURE):
  pagefind.<lang>_<hash>.pf_meta  [version, pages, index chunks, filters, sorts, meta fields]
      pages:  [[fragment hash, word count], ...] in page-number order
      chunks: [[first word, last word, chunk hash], ...]
  index/<hash>.pf_index           [[[word, postings, variants], ...]]
      postings: [[page number (delta from the previous posting), positions, meta positions]]
          positions: steps from the previous position; -w-1 starts a run of weight w
          meta positions: -f-1 starts a run in meta field f (of the meta fields)
      variants: [[original form, postings], ...]  (forms with diacritics)
  filter/<hash>.pf_filter         [filter, [[value, [page numbers]], ...]]
  fragment/<hash>.pf_fragment     the page's JSON (URL, text, meta), as is
and pagefind-entry.json lists each language's meta file and page count.

Pagefind closes an index chunk once its words' own postings, positions and
meta positions number INDEX_CHUNK_SIZE or more; variants do not count.
The files are read and written with cbor2, whose shortest-form integers and
definite lengths are what Pagefind's minicbor writes.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import io
import json
import shutil
import zlib
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

import cbor2

# Words per index chunk, as Pagefind counts them (its default).
INDEX_CHUNK_SIZE = 20_000

# The Pagefind version whose files this reads (pyproject.toml pins it).
FORMAT_VERSION = "1.5."

# Every file Pagefind writes starts with this before its CBOR, all gzipped.
SIGNATURE = b"pagefind_dcd"


_first = itemgetter(0)


class CannotMerge(Exception):
    """The parts hold something this merge does not know; one Pagefind run instead."""


def merge_bundles(parts: list[Path], output: Path) -> None:
    """Merge Pagefind bundles of disjoint pages into one bundle at `output`."""
    entries = [json.loads((part / "pagefind-entry.json").read_text("utf-8")) for part in parts]
    (output / "fragment").mkdir(parents=True)
    (output / "index").mkdir()
    (output / "filter").mkdir()
    _copy_shared_files(parts, output)
    languages: dict[str, dict] = {}
    for language in sorted({lang for entry in entries for lang in entry["languages"]}):
        holders = [
            (part, entry["languages"][language])
            for part, entry in zip(parts, entries, strict=True)
            if language in entry["languages"]
        ]
        meta_hash, page_count = _merge_language(language, holders, entries[0]["version"], output)
        described = dict(holders[0][1])
        described.update(hash=meta_hash, page_count=page_count)
        languages[language] = described
    entry = dict(entries[0])
    entry["languages"] = languages
    (output / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8"
    )


def _copy_shared_files(parts: list[Path], output: Path) -> None:
    """The script, styles and per-language WebAssembly: the same in every part."""
    for part in parts:
        for item in sorted(part.iterdir()):
            shared = item.suffix != ".pf_meta" and item.name != "pagefind-entry.json"
            if item.is_file() and shared and not (output / item.name).exists():
                shutil.copyfile(item, output / item.name)


def _merge_language(
    language: str, holders: list[tuple[Path, dict]], version: str, output: Path
) -> tuple[str, int]:
    """Write one language's merged pages, index and filters; its meta file's hash and page count."""
    parts = [part for part, _ in holders]
    metas = [_read_meta(part, described, version) for part, described in holders]
    renumber, meta_pages = _merge_pages(parts, metas, language, output)
    # Meta fields (the title, ...) are numbered in sorted order, per part.
    fields = sorted({field for meta in metas for field in meta[5]})
    field_maps = [[fields.index(field) for field in meta[5]] for meta in metas]
    chunks = _merge_index(parts, metas, renumber, field_maps, language, output)
    meta_filters = _merge_filters(parts, metas, renumber, language, output)
    meta = _pack([version, meta_pages, chunks, meta_filters, [], fields])
    meta_hash = _name(language, meta, len(language) + 8)
    (output / f"pagefind.{meta_hash}.pf_meta").write_bytes(meta)
    return meta_hash, len(meta_pages)


def _read_meta(part: Path, described: dict, version: str) -> list:
    """A part's meta file for one language, refused unless it is the layout this merge knows."""
    meta = _read(part / f"pagefind.{described['hash']}.pf_meta")
    if not (
        isinstance(meta, list)
        and len(meta) == 6
        and meta[0] == version
        and str(version).startswith(FORMAT_VERSION)
        and all(isinstance(item, list) for item in meta[1:])
    ):
        raise CannotMerge(f"{part}: a meta file this merge does not know")
    if meta[4]:
        raise CannotMerge("sort orders")
    return meta


def _merge_pages(
    parts: list[Path], metas: list[list], language: str, output: Path
) -> tuple[list[list[int]], list]:
    """Number every page by its URL, whatever order each part found them in; write the fragments.

    Returns each part's new page numbers (by its own numbers) and the merged
    meta file's pages.
    """
    pages = []  # (url, part index, local number, fragment hash, word count, fragment file)
    for index, (part, meta) in enumerate(zip(parts, metas, strict=True)):
        for number, (fragment, word_count) in enumerate(meta[1]):
            stored = (part / "fragment" / f"{fragment}.pf_fragment").read_bytes()
            url = json.loads(gzip.decompress(stored)[len(SIGNATURE) :])["url"]
            pages.append((url, index, number, fragment, word_count, stored))
    pages.sort(key=lambda page: page[0])
    renumber = [[0] * len(meta[1]) for meta in metas]
    fragments: dict[str, bytes] = {}
    meta_pages = []
    for new_number, (_, index, number, fragment, word_count, stored) in enumerate(pages):
        renumber[index][number] = new_number
        name = _place(fragments, fragment, stored, language)
        meta_pages.append([name, word_count])
    _write_files(output / "fragment", ".pf_fragment", fragments)
    return renumber, meta_pages


def _merge_index(
    parts: list[Path],
    metas: list[list],
    renumber: list[list[int]],
    field_maps: list[list[int]],
    language: str,
    output: Path,
) -> list:
    """Every part's words in one sorted index, cut into chunks as Pagefind cuts them; the
    meta file's chunk list."""
    streams = [
        _words(part, meta, numbers, field_map)
        for part, meta, numbers, field_map in zip(parts, metas, renumber, field_maps, strict=True)
    ]
    chunk_names: dict[str, bytes] = {}
    words = _combine(heapq.merge(*streams, key=_first))
    chunks = [_write_chunk(chunk, chunk_names, language) for chunk in _chunked(words)]
    _write_files(output / "index", ".pf_index", chunk_names)
    _trim_chunk_bounds(chunks)
    return chunks


def _chunked(words: Iterator[tuple]) -> Iterator[list]:
    """Words in chunks, each closed once its size reaches INDEX_CHUNK_SIZE."""
    chunk: list = []
    size = 0
    for word in words:
        chunk.append(word)
        size += word[3]
        if size >= INDEX_CHUNK_SIZE:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _merge_filters(
    parts: list[Path], metas: list[list], renumber: list[list[int]], language: str, output: Path
) -> list:
    """Each filter's values with the merged page numbers; the meta file's filter list."""
    filters: dict[str, dict[str, list[int]]] = {}
    for part, meta, numbers in zip(parts, metas, renumber, strict=True):
        for _, fragment in meta[3]:
            filter_name, values = _read(part / "filter" / f"{fragment}.pf_filter")
            merged = filters.setdefault(filter_name, {})
            for value, pages in values:
                merged.setdefault(value, []).extend(numbers[n] for n in pages)
    filter_files: dict[str, bytes] = {}
    meta_filters = []
    for filter_name in sorted(filters):
        values = [
            [value, sorted(numbers)] for value, numbers in sorted(filters[filter_name].items())
        ]
        data = _pack([filter_name, values])
        name = _place(filter_files, _name(language, data, 7), data, language)
        meta_filters.append([filter_name, name])
    _write_files(output / "filter", ".pf_filter", filter_files)
    return meta_filters


def _write_files(folder: Path, suffix: str, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / f"{name}{suffix}").write_bytes(data)


def _words(part: Path, meta: list, renumber: list[int], field_map: list[int]) -> Iterator[tuple]:
    """A part's words in order, each with its postings as (merged page number, positions, meta positions).

    Positions are page-local (weight changes are negative markers): they are
    kept as they are. Meta positions name their field by a negative marker,
    renumbered when the merged bundle numbers fields differently.
    """
    remap = field_map != list(range(len(field_map)))
    for _, _, chunk in meta[2]:
        for text, postings, variants in _chunk_words(part, chunk):
            forms = [
                (form, _postings(variant_postings, renumber, field_map, remap))
                for form, variant_postings in _checked_variants(variants, chunk)
            ]
            yield text, _postings(postings, renumber, field_map, remap), forms


def _chunk_words(part: Path, chunk: str) -> Iterator[list]:
    """An index chunk's [word, postings, variants], each refused unless laid out as expected."""
    index = _read(part / "index" / f"{chunk}.pf_index")
    if not (isinstance(index, list) and len(index) == 1 and isinstance(index[0], list)):
        raise CannotMerge(f"{chunk}: unexpected index layout")
    for word in index[0]:
        if not (isinstance(word, list) and len(word) == 3 and isinstance(word[0], str)):
            raise CannotMerge(f"{chunk}: unexpected word layout")
        if not isinstance(word[2], list):
            raise CannotMerge(f"{chunk}: unexpected variants layout")
        yield word


def _checked_variants(variants: list, chunk: str) -> Iterator[list]:
    """A word's [form, postings] variants, each refused unless laid out as expected."""
    for variant in variants:
        if not (isinstance(variant, list) and len(variant) == 2):
            raise CannotMerge(f"{chunk}: unexpected variant layout")
        yield variant


def _postings(postings, renumber: list[int], field_map: list[int], remap: bool) -> list:
    """The decoded postings, changed in place: each page number is the merged one, not a step."""
    page = 0
    try:
        for posting in postings:
            delta, _, meta_locs = posting
            if delta < 0:
                raise ValueError(f"page step {delta}")
            page += delta
            posting[0] = renumber[page]
            if remap and meta_locs:
                posting[2] = [-field_map[-v - 1] - 1 if v < 0 else v for v in meta_locs]
    except (TypeError, ValueError, IndexError, KeyError) as error:
        raise CannotMerge(f"unexpected posting layout: {error}") from error
    return postings


def _combine(words: Iterator[tuple]) -> Iterator[tuple]:
    """Join one word's postings from every part, in page order."""
    current = None
    postings: list = []
    variants: dict[str, list] = {}
    for word, more, more_variants in words:
        if word != current:
            if current is not None:
                yield _finish(current, postings, variants)
            current, postings, variants = word, [], {}
        postings.extend(more)
        for form, variant_postings in more_variants:
            variants.setdefault(form, []).extend(variant_postings)
    if current is not None:
        yield _finish(current, postings, variants)


def _finish(word: str, postings: list, variants: dict[str, list]) -> tuple:
    postings.sort(key=_first)
    ordered = []
    for form, variant_postings in variants.items():
        variant_postings.sort(key=_first)
        ordered.append((form, variant_postings))
    # Pagefind lists a word's variants in the order their first pages come.
    ordered.sort(key=lambda v: (v[1][0][0], v[0]))
    # What Pagefind 1.5 counts towards a chunk's size: each of the word's own
    # postings, its positions and its meta positions; not its variants.
    size = sum([len(posting[1]) + len(posting[2]) for posting in postings]) + len(postings)
    return word, postings, ordered, size


def _write_chunk(chunk: list, names: dict[str, bytes], language: str) -> list:
    words = [
        [
            word,
            _delta_postings(postings),
            [[form, _delta_postings(variant_postings)] for form, variant_postings in variants],
        ]
        for word, postings, variants, _ in chunk
    ]
    data = _pack([words])
    name = _place(names, _name(language, data, 7), data, language)
    return [chunk[0][0], chunk[-1][0], name]


def _delta_postings(postings: list) -> list:
    """Postings as Pagefind writes them (changed in place): page numbers as steps."""
    last = 0
    for posting in postings:
        page = posting[0]
        posting[0] = page - last
        last = page
    return postings


def _trim_chunk_bounds(chunks: list) -> None:
    """Shorten each chunk's bounds to the prefixes that tell neighbours apart, as Pagefind does."""
    for first, second in zip(chunks, chunks[1:], strict=False):
        a, b = first[1], second[0]
        common = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            common += 1
        a_prefix, b_prefix = a[: common + 1], b[: common + 1]
        if a_prefix >= first[0]:
            first[1] = a_prefix
        second[0] = b_prefix


def _name(language: str, data: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def _place(files: dict[str, bytes], name: str, data: bytes, language: str) -> str:
    """Add a file under `name`, lengthened while another file holds that name."""
    full = _name(language, data, 64)
    while name in files and files[name] != data:
        name = full[: len(name) + 1]
    files[name] = data
    return name


def _read(path: Path):
    """A Pagefind file's value: gzip, the signature, then one CBOR item and nothing after it."""
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error) as error:
        raise CannotMerge(f"{path}: {error}") from error
    if not data.startswith(SIGNATURE):
        raise CannotMerge(f"{path}: not a Pagefind file")
    return _unpack(data[len(SIGNATURE) :], path)


def _unpack(data: bytes, path: Path | str = "CBOR"):
    stream = io.BytesIO(data)
    try:
        value = cbor2.CBORDecoder(stream).decode()
    except (cbor2.CBORDecodeError, ValueError) as error:
        raise CannotMerge(f"{path}: {error}") from error
    if stream.tell() != len(data):
        raise CannotMerge(f"{path}: trailing data")
    return value


def _pack(value) -> bytes:
    """`value` as Pagefind writes it: gzip of the signature and the CBOR.

    cbor2 writes integers and lengths in their shortest form and arrays and
    text with definite lengths, as Pagefind's minicbor does, so the bytes
    depend only on the value.
    """
    return _compress(SIGNATURE + cbor2.dumps(value))


def _compress(data: bytes) -> bytes:
    # No name or time in the header, so the same index is the same bytes;
    # zlib's default level, as Pagefind's: the best level takes several times longer.
    return gzip.compress(data, compresslevel=6, mtime=0)
