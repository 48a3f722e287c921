"""Checks on the example site in content/: it is written in our own words and complete.

The seed article the example was researched from is not in the repository,
and neither is any of its text: tests/data/seed-shingles.txt holds only a
hash of each run of 12 consecutive words of it (normalised: lower case,
accents and punctuation removed). Every content file, English and Spanish, is
checked against those hashes in every checkout. Where the article is present
(the shared folder beside the repository), a test also recomputes the hashes
and asserts the committed file matches; ``uv run python
tests/test_example_content.py`` rewrites the file after the seed changes.

The hashes keep the text out of the repository, not secret: whoever knows 11
words of a run can find the 12th by trying words.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
SEED_ARTICLE = (
    Path(__file__).resolve().parents[2] / "shared" / "seed" / "bay-area-reporter-2025-05-29.txt"
)
SEED_SHINGLES = REPO / "tests" / "data" / "seed-shingles.txt"

# A run of this many consecutive words of the seed article outside quotation
# marks counts as copied text.
COPIED_RUN = 12
# Quotations are short: a quoted passage may not carry a longer run than this.
# A run of 13 words is found as two overlapping hashed runs of 12.
LONGEST_QUOTE_RUN = 12
# 64 bits of each hash: a chance match between one of a few thousand seed runs
# and one of a few hundred thousand content runs is below one in ten million.
HASH_HEX_DIGITS = 16
HASH_DOMAIN = b"factcheck seed shingle\0"

TEXT_SUFFIXES = {".yaml", ".yml", ".md"}
# Curly quotes, then straight double quotes. A quoted span never runs across a
# blank line, so an unbalanced mark cannot hide a whole paragraph.
QUOTED_SPAN = re.compile(r"“[^”]*?”|\"(?:[^\"\n]|\n(?!\s*\n))*?\"")


def words(text: str) -> list[str]:
    """Lower-case ASCII words: accents, punctuation and whitespace normalised away."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def shingle_hash(run: Iterable[str]) -> str:
    """The committed form of one run of words: a truncated SHA-256 of the words."""
    digest = hashlib.sha256(HASH_DOMAIN + " ".join(run).encode("ascii")).hexdigest()
    return digest[:HASH_HEX_DIGITS]


def shingle_hashes(text: str) -> set[str]:
    """The hashes of every run of COPIED_RUN consecutive words of `text`."""
    tokens = words(text)
    return {shingle_hash(tokens[i : i + COPIED_RUN]) for i in range(len(tokens) - COPIED_RUN + 1)}


def read_shingles(path: Path) -> set[str]:
    return set(path.read_text(encoding="ascii").split())


def shingles_file_text(hashes: set[str]) -> str:
    return "".join(f"{digest}\n" for digest in sorted(hashes))


def shared_runs(tokens: list[str], shared_at: Callable[[int], bool], length: int) -> list[str]:
    """The passages of `tokens` made of runs of `length` words that also occur in the seed.

    `shared_at(i)` says whether the run starting at word i does. Overlapping
    runs are merged, so a copied sentence is reported once, whole.
    """
    passages: list[list[int]] = []
    for i in range(len(tokens) - length + 1):
        if shared_at(i):
            if passages and i <= passages[-1][1]:
                passages[-1][1] = i + length
            else:
                passages.append([i, i + length])
    return [" ".join(tokens[start:end]) for start, end in passages]


def copied_runs(text: str, seed: set[str]) -> list[str]:
    """Runs of COPIED_RUN words of `text` whose hash is among the seed's."""
    tokens = words(text)
    hashes = [shingle_hash(tokens[i : i + COPIED_RUN]) for i in range(len(tokens))]
    return shared_runs(tokens, lambda i: hashes[i] in seed, COPIED_RUN)


def overlong_runs(text: str, seed: set[str]) -> list[str]:
    """Runs of LONGEST_QUOTE_RUN + 1 words of `text`: two overlapping seed runs in a row."""
    tokens = words(text)
    hashes = [shingle_hash(tokens[i : i + COPIED_RUN]) for i in range(len(tokens))]
    extra = LONGEST_QUOTE_RUN + 1 - COPIED_RUN
    return shared_runs(
        tokens,
        lambda i: all(hashes[i + k] in seed for k in range(extra + 1)),
        LONGEST_QUOTE_RUN + 1,
    )


def content_files() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)


def copied_passages(seed: set[str], files: list[Path]) -> list[str]:
    """Describe every passage of `files` that copies the hashed seed: file and words."""
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        for run in copied_runs(QUOTED_SPAN.sub(" ", text), seed):
            problems.append(f"{name}: copied outside quotation marks: {run!r}")
        for run in overlong_runs(text, seed):
            problems.append(
                f"{name}: more than {LONGEST_QUOTE_RUN} words in a row, quoted or not: {run!r}"
            )
    return problems


@pytest.fixture(scope="module")
def seed_shingles() -> set[str]:
    return read_shingles(SEED_SHINGLES)


def test_the_committed_shingles_are_hashes_of_a_whole_article(seed_shingles):
    # An emptied or damaged file would let every copy through.
    lines = SEED_SHINGLES.read_text(encoding="ascii").splitlines()
    assert lines == sorted(set(lines)), "one hash per line, sorted, no repeats"
    assert all(re.fullmatch(f"[0-9a-f]{{{HASH_HEX_DIGITS}}}", line) for line in lines)
    assert len(seed_shingles) >= 500, f"only {len(seed_shingles)} runs: not the whole article"


def test_the_committed_shingles_match_the_seed_article():
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"seed article not found at {SEED_ARTICLE}: cannot recompute the hashes")
    expected = shingles_file_text(shingle_hashes(SEED_ARTICLE.read_text(encoding="utf-8")))
    assert SEED_SHINGLES.read_text(encoding="ascii") == expected, (
        "the seed article changed: run `uv run python tests/test_example_content.py`"
    )


def test_content_does_not_copy_the_seed_article(seed_shingles):
    files = content_files()
    assert any(p.name.endswith(".es.md") or p.name.endswith(".es.yaml") for p in files)
    problems = copied_passages(seed_shingles, files)
    assert not problems, "\n".join(problems)


# A sentence of our own, used as both a fake seed and a fake copy: the tests
# below prove the detector without any text of the real article.
FAKE_SEED = (
    "The harbour commission met on a wet Tuesday. "
    "Seven inspectors counted every crate on the northern pier before the ferry left at noon. "
    "Nobody asked why the lanterns stayed lit."
)
COPIED_SENTENCE = (
    "Seven inspectors counted every crate on the northern pier before the ferry left at noon."
)


@pytest.fixture
def fake_seed(tmp_path) -> set[str]:
    seed = tmp_path / "seed.txt"
    seed.write_text(FAKE_SEED, encoding="utf-8")
    hashes = tmp_path / "seed-shingles.txt"
    hashes.write_text(shingles_file_text(shingle_hashes(seed.read_text())), encoding="ascii")
    # Read back the way the committed file is, so the round trip is tested too.
    return read_shingles(hashes)


def test_copy_check_catches_a_copied_sentence(fake_seed, tmp_path):
    """The check itself can fail: a sentence lifted from the seed is reported."""
    assert len(words(COPIED_SENTENCE)) >= COPIED_RUN
    copied = tmp_path / "copied.es.md"
    copied.write_text(f"Title: Copied\n\nAs reported, {COPIED_SENTENCE.upper()}\n", "utf-8")
    quoted = tmp_path / "quoted.yaml"
    quoted.write_text('summary: The report says they "counted every crate".\n', "utf-8")
    own = tmp_path / "own.md"
    own.write_text("Title: Own\n\nInspectors counted crates on a pier, says the report.\n")

    problems = copied_passages(fake_seed, [copied, quoted, own])

    assert problems == [
        f"{copied}: copied outside quotation marks: "
        "'seven inspectors counted every crate on the northern pier before the ferry left at noon'",
        f"{copied}: more than {LONGEST_QUOTE_RUN} words in a row, quoted or not: "
        "'seven inspectors counted every crate on the northern pier before the ferry left at noon'",
    ]


def test_a_long_quotation_of_the_seed_is_reported(fake_seed, tmp_path):
    quoted = tmp_path / "long-quote.md"
    quoted.write_text(f'Title: Long\n\nThe minutes say "{COPIED_SENTENCE}"\n', encoding="utf-8")
    short = tmp_path / "short-quote.md"
    twelve = " ".join(COPIED_SENTENCE.split()[:COPIED_RUN])
    short.write_text(f'Title: Short\n\nThe minutes say "{twelve}" and more.\n', encoding="utf-8")

    problems = copied_passages(fake_seed, [quoted, short])

    assert problems == [
        f"{quoted}: more than {LONGEST_QUOTE_RUN} words in a row, quoted or not: "
        "'seven inspectors counted every crate on the northern pier before the ferry left at noon'"
    ]


def test_example_site_is_complete():
    people = sorted(p.stem for p in (CONTENT / "people").glob("*.yaml"))
    claims = sorted(p.stem for p in (CONTENT / "claims").glob("*.yaml"))
    explainers = sorted(p.stem for p in (CONTENT / "explainers").glob("*.md"))
    pages = {p.stem for p in (CONTENT / "pages").glob("*.md")}

    assert len(people) >= 8, f"only {len(people)} people: {people}"
    assert len(claims) >= 8, f"only {len(claims)} claims: {claims}"
    assert len(explainers) >= 4, f"only {len(explainers)} explainers: {explainers}"
    assert {"about", "methodology", "corrections"} <= pages, f"pages: {sorted(pages)}"


if __name__ == "__main__":
    # Rewrite the committed hashes from the seed article (after it changes).
    if not SEED_ARTICLE.is_file():
        sys.exit(f"seed article not found at {SEED_ARTICLE}")
    SEED_SHINGLES.parent.mkdir(exist_ok=True)
    hashes = shingle_hashes(SEED_ARTICLE.read_text(encoding="utf-8"))
    SEED_SHINGLES.write_text(shingles_file_text(hashes), encoding="ascii")
    print(f"wrote {len(hashes)} hashes to {SEED_SHINGLES.relative_to(REPO)}")
