"""The merged search bundle, decoded, against Pagefind's own run over the whole site.

A generated site large enough that Pagefind splits its word index into
several chunks (it closes a chunk once the positions and postings it holds
reach 20,000) is indexed twice: once by one Pagefind run, once in parts that
are merged. Both bundles are decoded with cbor2, every page number replaced
by its page's URL (the merge numbers pages by URL, Pagefind in the order it
found them), and compared: the words of each index chunk and the chunk
bounds, every posting's positions with their weights and its meta positions
with their field names, each word's diacritic variants, every filter value's
pages, every page's fragment and word count, and the meta fields.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import cbor2
import pytest

from factcheck.outputs import pagefind_bundle, search

SIGNATURE = b"pagefind_dcd"

PAGES = 120
WORDS_PER_PAGE = 800
# One page long enough that positions and its word count need 4-byte integers.
LONG_PAGE_WORDS = 70_000


# --- A generated site ----------------------------------------------------------


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    consonants, vowels = "bcdfghjklmnprstvz", "aeiou"
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.randint(2, 4)
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables)))
    return sorted(words)


def _accented(word: str) -> str:
    """The word with its first vowel accented: Pagefind indexes it as a variant of the word."""
    for at, letter in enumerate(word):
        if letter in "aeiou":
            return word[:at] + "áéíóú"["aeiou".index(letter)] + word[at + 1 :]
    return word


def _page(number: int, rng: random.Random, vocabulary: list[str], weights: list[float]) -> str:
    words = rng.choices(vocabulary, weights, k=WORDS_PER_PAGE if number else LONG_PAGE_WORDS)
    # A third of the words come with an accent now and then, some only with one.
    words = [_accented(w) if hash_of(w) % 3 == 0 and rng.random() < 0.4 else w for w in words]
    title = " ".join(rng.choices(vocabulary[:200], k=3))
    cut = len(words) // 2
    body = " ".join(words[:cut])
    heavy = " ".join(words[cut : cut + 5])
    rest = " ".join(words[cut + 5 :])
    meta = ""
    # The first pages by URL have an author, the last a zone, the others neither:
    # the parts number their meta fields differently, and the merge renumbers them.
    place = _place(number)
    if place < 20:
        meta += f'<span data-pagefind-meta="author">{_accented(vocabulary[number])} Smith</span>'
    if place >= 90:
        meta += f'<span data-pagefind-meta="zone">{vocabulary[number]} zone</span>'
    filters = f'<p data-pagefind-filter="topic">{["red", "green", "blue"][number % 3]}</p>'
    if number % 2 and number < 60:
        filters += f'<p data-pagefind-filter="kind">{["claim", "person"][number % 4 // 2]}</p>'
    # A late weighted word on the long page: its absolute position needs 4 bytes.
    tail = '<b data-pagefind-weight="2">omega</b>' if number == 0 else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Page {number}</title></head><body><header>Site navigation</header>"
        f"<main data-pagefind-body><h1>{title}</h1>{meta}{filters}"
        f'<p>{body}</p><h2>{words[0]} {words[1]}</h2><p><b data-pagefind-weight="3">{heavy}</b> '
        f"{rest}</p>{tail}</main></body></html>"
    )


def _place(number: int) -> int:
    """Where a page comes in URL order: not where it comes in Pagefind's."""
    return (number * 37) % PAGES


def hash_of(word: str) -> int:
    return sum(word.encode())


def generate_site(root: Path) -> Path:
    rng = random.Random(14)
    vocabulary = _vocabulary(rng, 4000)
    # Zipf-like: a few words on most pages, most words on a few.
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    # Written in shuffled order, so Pagefind's page order is not the URL order.
    numbers = list(range(PAGES))
    rng.shuffle(numbers)
    for number in numbers:
        path = root / "claims" / f"c{_place(number):03d}" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(_page(number, rng, vocabulary, weights), "utf-8")
    # A page that does not opt in, which neither index may hold.
    (root / "card.html").write_text("<html><body><p>card only words</p></body></html>")
    return root


# --- Decoding a bundle, independently of the merge's own code --------------------


def _unpack(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return data[len(SIGNATURE) :]


def _load(path: Path):
    return cbor2.loads(_unpack(path))


def by_url(postings: list, urls: list[str], fields: list[str]) -> dict:
    """Postings by page URL, each as (positions, meta positions with field names)."""
    out, page = {}, 0
    for at, (delta, locs, meta_locs) in enumerate(postings):
        assert delta > 0 or (at == 0 and delta == 0), "pages out of order"
        page += delta
        named = [fields[-v - 1] if v < 0 else v for v in meta_locs]
        out[urls[page]] = (locs, named)
    return out


def decode_bundle(bundle: Path) -> dict:
    """Everything search reads from a bundle, with pages named by URL instead of number."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    decoded: dict = {
        "entry": {key: value for key, value in entry.items() if key != "languages"},
        "languages": {},
        "shared files": {
            path.name: path.read_bytes()
            for path in sorted(bundle.iterdir())
            if path.is_file() and path.suffix != ".pf_meta" and path.name != "pagefind-entry.json"
        },
    }
    for language, described in sorted(entry["languages"].items()):
        version, pages, chunks, filters, sorts, fields = _load(
            bundle / f"pagefind.{described['hash']}.pf_meta"
        )
        assert described["page_count"] == len(pages)
        urls, fragments = [], {}
        for fragment, word_count in pages:
            data = json.loads(_unpack(bundle / "fragment" / f"{fragment}.pf_fragment"))
            urls.append(data["url"])
            fragments[data["url"]] = (data, word_count)
        assert len(set(urls)) == len(urls), "two pages with one URL"

        words, chunk_words = {}, []
        for first, last, name in chunks:
            (entries,) = _load(bundle / "index" / f"{name}.pf_index")
            chunk_words.append((first, last, [word for word, _, _ in entries]))
            for word, postings, variants in entries:
                assert word not in words, f"{word} in two chunks"
                forms = {form: by_url(more, urls, fields) for form, more in variants}
                assert len(forms) == len(variants), f"{word}: a variant twice"
                words[word] = (by_url(postings, urls, fields), forms)
        filter_values = {}
        for filter_name, name in filters:
            stored_name, values = _load(bundle / "filter" / f"{name}.pf_filter")
            assert stored_name == filter_name
            filter_values[filter_name] = {
                value: sorted(urls[n] for n in numbers) for value, numbers in values
            }
        decoded["languages"][language] = {
            "version": version,
            "page count": described["page_count"],
            "wasm": described["wasm"],
            "fragments": fragments,
            "chunks": chunk_words,
            "words": words,
            "filters": filter_values,
            "sorts": sorts,
            "meta fields": fields,
        }
    return decoded


def compare(ours: dict, theirs: dict) -> list[str]:
    """The differences, one line each, the first few of each kind."""
    differences = []
    for key in ("entry", "shared files"):
        if ours[key] != theirs[key]:
            differences.append(f"{key} differ")
    if sorted(ours["languages"]) != sorted(theirs["languages"]):
        return [*differences, "languages differ"]
    for language, mine in ours["languages"].items():
        other = theirs["languages"][language]
        for key in mine:
            if key == "words" or mine[key] == other[key]:
                continue
            if key == "chunks" and len(mine[key]) == len(other[key]):
                for at, (a, b) in enumerate(zip(mine[key], other[key], strict=True)):
                    if a != b:
                        differences.append(
                            f"{language} chunk {at}: {a[:2]} {len(a[2])} words, "
                            f"Pagefind {b[:2]} {len(b[2])} words"
                        )
            else:
                differences.append(f"{language} {key} differ")
        for word in sorted(set(mine["words"]) | set(other["words"])):
            a, b = mine["words"].get(word), other["words"].get(word)
            if a != b:
                differences.append(f"{language} word {word!r}: {a} != Pagefind's {b}"[:300])
    return differences


# --- The comparison -------------------------------------------------------------


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> tuple[dict, dict, int, Path]:
    root = tmp_path_factory.mktemp("search-merge")
    site = generate_site(root / "site")
    single = root / "single"
    # Pagefind's own run over the pages that opt in, as `index_search` gives it them.
    alone = root / "alone"
    for path, _ in search.searchable_pages(site):
        (alone / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / path, alone / path)
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(alone), "--quiet"]
        + ["--output-path", str(single)],
        check=True,
        capture_output=True,
    )
    merged = root / "merged"
    size = sum(length for _, length in search.searchable_pages(site))
    runs = []
    run_pagefind = search._run_pagefind
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PART_BYTES", size // 6)
        patch.setattr(search, "_run_pagefind", lambda *a: runs.append(a) or run_pagefind(*a))
        search.index_search(site, merged)
    return decode_bundle(merged), decode_bundle(single), len(runs), single


def test_the_generated_site_splits_the_index_into_chunks(bundles):
    _, theirs, _, _ = bundles
    english = theirs["languages"]["en"]
    assert len(english["chunks"]) >= 5
    assert len(english["fragments"]) == PAGES
    # Words seen only with an accent, postings in two-byte and four-byte integers.
    assert any(not postings and forms for postings, forms in english["words"].values())
    (long_page,) = [url for url, (_, count) in english["fragments"].items() if count > 65_535]
    assert max(english["words"]["omega"][0][long_page][0]) > 65_535
    assert english["meta fields"] == ["author", "title", "zone"]
    assert set(english["filters"]) == {"kind", "topic"}


def test_the_merge_was_made_from_several_parts(bundles):
    _, _, runs, _ = bundles
    assert runs >= 5


def test_the_merged_bundle_decodes_to_pagefinds_own(bundles):
    ours, theirs, _, _ = bundles
    assert compare(ours, theirs) == []
    assert ours == theirs


def test_the_merge_numbers_pages_by_url(bundles):
    ours, _, _, _ = bundles
    english = ours["languages"]["en"]
    assert list(english["fragments"]) == sorted(english["fragments"])


def test_the_merge_writes_each_of_pagefinds_files_as_pagefind_does(bundles):
    # Every index chunk, filter and meta file, read and written again by the
    # merge's own code: the same CBOR, byte for byte, at every size they hold.
    _, _, _, single = bundles
    files = sorted(single.rglob("*.pf_index")) + sorted(single.rglob("*.pf_filter"))
    files += sorted(single.glob("*.pf_meta"))
    assert len(files) > 10
    for path in files:
        assert gzip.decompress(pagefind_bundle._pack(pagefind_bundle._read(path))) == (
            gzip.decompress(path.read_bytes())
        ), path.name
