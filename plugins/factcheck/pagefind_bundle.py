"""Merging the Pagefind bundles of several parts of a site into one bundle.

What Pagefind 1.x writes, per language (CBOR inside gzip, after SIGNATURE):
  pagefind.<lang>_<hash>.pf_meta  [version, pages, index chunks, filters, sorts, meta fields]
      pages:  [[fragment hash, word count], ...] in page-number order
      chunks: [[first word, last word, chunk hash], ...]
  index/<hash>.pf_index           [[[word, postings, variants], ...]]
      postings: [[page number (delta from the previous posting), positions, meta positions]]
      variants: [[original form, postings], ...]  (forms with diacritics)
  filter/<hash>.pf_filter         [filter, [[value, [page numbers]], ...]]
  fragment/<hash>.pf_fragment     the page's JSON (URL, text, meta), as is
and pagefind-entry.json lists each language's meta file and page count.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

# Words per index chunk, as Pagefind counts them (its default).
INDEX_CHUNK_SIZE = 20_000

# Every file Pagefind writes starts with this before its CBOR, all gzipped.
SIGNATURE = b"pagefind_dcd"


class CannotMerge(Exception):
    """The parts hold something this merge does not know; one Pagefind run instead."""


def merge_bundles(parts: list[Path], output: Path) -> None:
    """Merge Pagefind bundles of disjoint pages into one bundle at `output`."""
    entries = [json.loads((part / "pagefind-entry.json").read_text("utf-8")) for part in parts]
    (output / "fragment").mkdir(parents=True)
    (output / "index").mkdir()
    (output / "filter").mkdir()
    # The script, styles and per-language WebAssembly are the same in every part.
    for part in parts:
        for item in sorted(part.iterdir()):
            shared = item.suffix != ".pf_meta" and item.name != "pagefind-entry.json"
            if item.is_file() and shared and not (output / item.name).exists():
                shutil.copyfile(item, output / item.name)
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


def _merge_language(
    language: str, holders: list[tuple[Path, dict]], version: str, output: Path
) -> tuple[str, int]:
    metas = []
    for part, described in holders:
        meta = _read(part / f"pagefind.{described['hash']}.pf_meta")
        if meta[4]:
            raise CannotMerge("sort orders")
        metas.append(meta)

    # Number every page by its URL, whatever order each part found them in.
    pages = []  # (url, part index, local number, fragment hash, word count, fragment file)
    for index, ((part, _), meta) in enumerate(zip(holders, metas, strict=True)):
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
    for name, data in fragments.items():
        (output / "fragment" / f"{name}.pf_fragment").write_bytes(data)

    # Meta fields (the title, ...) are numbered in sorted order, per part.
    fields = sorted({field for meta in metas for field in meta[5]})
    field_maps = [[fields.index(field) for field in meta[5]] for meta in metas]

    chunks = []
    chunk_names: dict[str, bytes] = {}
    streams = [
        _words(holders[index][0], metas[index], renumber[index], field_maps[index])
        for index in range(len(metas))
    ]
    chunk: list = []
    size = 0
    for word in _combine(heapq.merge(*streams, key=lambda item: item[0])):
        chunk.append(word)
        size += word[3]
        if size >= INDEX_CHUNK_SIZE:
            chunks.append(_write_chunk(chunk, chunk_names, language))
            chunk, size = [], 0
    if chunk:
        chunks.append(_write_chunk(chunk, chunk_names, language))
    for name, data in chunk_names.items():
        (output / "index" / f"{name}.pf_index").write_bytes(data)
    _trim_chunk_bounds(chunks)

    filters: dict[str, dict[str, list[int]]] = {}
    for index, ((part, _), meta) in enumerate(zip(holders, metas, strict=True)):
        for _, fragment in meta[3]:
            filter_name, values = _read(part / "filter" / f"{fragment}.pf_filter")
            merged = filters.setdefault(filter_name, {})
            for value, numbers in values:
                merged.setdefault(value, []).extend(renumber[index][n] for n in numbers)
    filter_files: dict[str, bytes] = {}
    meta_filters = []
    for filter_name in sorted(filters):
        values = [
            [value, sorted(numbers)] for value, numbers in sorted(filters[filter_name].items())
        ]
        data = _pack([filter_name, values])
        name = _place(filter_files, _name(language, data, 7), data, language)
        meta_filters.append([filter_name, name])
    for name, data in filter_files.items():
        (output / "filter" / f"{name}.pf_filter").write_bytes(data)

    meta = _pack([version, meta_pages, chunks, meta_filters, [], fields])
    meta_hash = _name(language, meta, len(language) + 8)
    (output / f"pagefind.{meta_hash}.pf_meta").write_bytes(meta)
    return meta_hash, len(meta_pages)


# One integer, and one array's head, as CBOR writes them.
_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39]..|[\x1a\x3a]....|[\x1b\x3b].{8})"
_ARRAY = rb"(?:[\x80-\x97]|\x98.|\x99..|\x9a....)"
# A posting: [page delta, [positions...], [meta positions...]]. Integers never
# start with an array's head byte, so each run of integers ends where it should.
_POSTING = re.compile(
    rb"\x83(" + _INT + rb")(" + _ARRAY + rb")" + _INT + rb"*(" + _ARRAY + rb")" + _INT + rb"*", re.S
)


def _words(part: Path, meta: list, renumber: list[int], field_map: list[int]) -> Iterator[tuple]:
    """A part's words in order, each with its postings as (merged page number, size, CBOR).

    Positions are not decoded: a posting's bytes after its page number are
    copied as they are, which keeps merging a large site to seconds.
    """
    remap = field_map != list(range(len(field_map)))
    for _, _, chunk in meta[2]:
        data = gzip.decompress((part / "index" / f"{chunk}.pf_index").read_bytes())
        if not data.startswith(SIGNATURE):
            raise CannotMerge(f"{chunk}: not a Pagefind index")
        at = len(SIGNATURE)
        outer, at = _head_at(data, at, 4)
        count, at = _head_at(data, at, 4)
        if outer != 1:
            raise CannotMerge(f"{chunk}: unexpected index layout")
        for _ in range(count):
            fields, at = _head_at(data, at, 4)
            if fields != 3:
                raise CannotMerge(f"{chunk}: unexpected word layout")
            word, at = _decode(data, at)
            postings, at = _postings(data, at, renumber, field_map if remap else None)
            variant_count, at = _head_at(data, at, 4)
            variants = []
            for _ in range(variant_count):
                _, at = _head_at(data, at, 4)
                form, at = _decode(data, at)
                variant_postings, at = _postings(data, at, renumber, field_map if remap else None)
                variants.append((form, variant_postings))
            yield word, postings, variants
        if at != len(data):
            raise CannotMerge(f"{chunk}: trailing data")


def _postings(data: bytes, at: int, renumber: list[int], field_map: list[int] | None):
    count, at = _head_at(data, at, 4)
    page = 0
    out = []
    for _ in range(count):
        match = _POSTING.match(data, at)
        if match is None:
            raise CannotMerge("unexpected posting layout")
        delta, positions, meta_positions = match.group(1, 2, 3)
        page += delta[0] & 31 if len(delta) == 1 else int.from_bytes(delta[1:], "big")
        tail = data[match.end(1) : match.end()]
        if field_map is not None and meta_positions != b"\x80":
            locs, end = _decode(tail, 0)
            meta_locs, _ = _decode(tail, end)
            remapped = [-field_map[-v - 1] - 1 if v < 0 else v for v in meta_locs]
            buffer = bytearray()
            _encode(locs, buffer)
            _encode(remapped, buffer)
            tail = bytes(buffer)
        size = (
            positions[0] & 31 if len(positions) == 1 else int.from_bytes(positions[1:], "big")
        ) + 1
        if meta_positions != b"\x80":
            size += _array_length(meta_positions)
        at = match.end()
        out.append((renumber[page], size, tail))
    return out, at


def _array_length(head: bytes) -> int:
    info = head[0] & 31
    return info if info < 24 else int.from_bytes(head[1:], "big")


def _head_at(data: bytes, at: int, major: int) -> tuple[int, int]:
    initial = data[at]
    if initial >> 5 != major:
        raise CannotMerge(f"unexpected CBOR item {initial:#x}")
    info = initial & 31
    if info < 24:
        return info, at + 1
    width = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if width is None:
        raise CannotMerge(f"unexpected CBOR item {initial:#x}")
    return int.from_bytes(data[at + 1 : at + 1 + width], "big"), at + 1 + width


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
    postings.sort()
    ordered = []
    for form, variant_postings in variants.items():
        variant_postings.sort()
        ordered.append((form, variant_postings))
    # Pagefind lists a word's variants in the order their first pages come.
    ordered.sort(key=lambda v: (v[1][0][0], v[0]))
    # Pagefind 1.5 counts a word's own postings and its number of variants.
    size = sum(p[1] for p in postings) + len(ordered)
    return word, postings, ordered, size


def _write_chunk(chunk: list, names: dict[str, bytes], language: str) -> list:
    out = bytearray(SIGNATURE)
    _head(4, 1, out)
    _head(4, len(chunk), out)
    for word, postings, variants, _ in chunk:
        _head(4, 3, out)
        _encode(word, out)
        _encode_postings(postings, out)
        _head(4, len(variants), out)
        for form, variant_postings in variants:
            _head(4, 2, out)
            _encode(form, out)
            _encode_postings(variant_postings, out)
    data = _compress(out)
    name = _place(names, _name(language, data, 7), data, language)
    return [chunk[0][0], chunk[-1][0], name]


def _encode_postings(postings: list, out: bytearray) -> None:
    _head(4, len(postings), out)
    last = 0
    for page, _, tail in postings:
        out.append(0x83)
        _head(0, page - last, out)
        out += tail
        last = page


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
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise CannotMerge(f"{path}: not a Pagefind file")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise CannotMerge(f"{path}: trailing data")
    return value


def _pack(value) -> bytes:
    out = bytearray(SIGNATURE)
    _encode(value, out)
    return _compress(out)


def _compress(data: bytes | bytearray) -> bytes:
    # No name or time in the header, so the same index is the same bytes;
    # zlib's default level, as Pagefind's: the best level takes several times longer.
    return gzip.compress(bytes(data), compresslevel=6, mtime=0)


# --- The CBOR that Pagefind writes: integers, text, arrays ---------------------


def _decode(data: bytes, at: int):
    initial = data[at]
    major, info = initial >> 5, initial & 31
    at += 1
    if info < 24:
        value = info
    elif info == 24:
        value = data[at]
        at += 1
    elif info == 25:
        value = int.from_bytes(data[at : at + 2], "big")
        at += 2
    elif info == 26:
        value = int.from_bytes(data[at : at + 4], "big")
        at += 4
    elif info == 27:
        value = int.from_bytes(data[at : at + 8], "big")
        at += 8
    else:
        raise CannotMerge(f"unsupported CBOR item {initial:#x}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major == 3:
        return data[at : at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise CannotMerge(f"unsupported CBOR item {initial:#x}")


def _head(major: int, value: int, out: bytearray) -> None:
    if value < 24:
        out.append(major << 5 | value)
    elif value < 0x100:
        out += bytes((major << 5 | 24, value))
    elif value < 0x10000:
        out.append(major << 5 | 25)
        out += value.to_bytes(2, "big")
    elif value < 0x100000000:
        out.append(major << 5 | 26)
        out += value.to_bytes(4, "big")
    else:
        out.append(major << 5 | 27)
        out += value.to_bytes(8, "big")


def _encode(value, out: bytearray) -> None:
    if isinstance(value, int):
        if value >= 0:
            _head(0, value, out)
        else:
            _head(1, -1 - value, out)
    elif isinstance(value, str):
        encoded = value.encode("utf-8")
        _head(3, len(encoded), out)
        out += encoded
    elif isinstance(value, list):
        _head(4, len(value), out)
        for item in value:
            _encode(item, out)
    else:
        raise TypeError(f"cannot encode {type(value).__name__}")
