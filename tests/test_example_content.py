"""Checks on the example site in content/: it is written in our own words and complete.

The seed article lives in the shared folder beside the repository, not in it, so
the copy check is skipped (with the reason) on a clone that does not have it.
"""

import re
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
SEED_ARTICLE = (
    Path(__file__).resolve().parents[2] / "shared" / "seed" / "bay-area-reporter-2025-05-29.txt"
)

# A run of this many consecutive words of the seed article outside quotation
# marks counts as copied text.
COPIED_RUN = 12
# Quotations are short: a quoted passage may not carry a longer run than this.
LONGEST_QUOTE_RUN = 12

TEXT_SUFFIXES = {".yaml", ".yml", ".md"}
# Curly quotes, then straight double quotes. A quoted span never runs across a
# blank line, so an unbalanced mark cannot hide a whole paragraph.
QUOTED_SPAN = re.compile(r"“[^”]*?”|\"(?:[^\"\n]|\n(?!\s*\n))*?\"")


def words(text: str) -> list[str]:
    """Lower-case ASCII words: accents, punctuation and whitespace normalised away."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def runs(tokens: list[str], length: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


def shared_runs(text: str, seed_runs: set[tuple[str, ...]], length: int) -> list[str]:
    """The passages of `text` made of runs of `length` words that also occur in the seed.

    Overlapping runs are merged, so a copied sentence is reported once, whole.
    """
    tokens = words(text)
    passages: list[list[int]] = []
    for i in range(len(tokens) - length + 1):
        if tuple(tokens[i : i + length]) in seed_runs:
            if passages and i <= passages[-1][1]:
                passages[-1][1] = i + length
            else:
                passages.append([i, i + length])
    return [" ".join(tokens[start:end]) for start, end in passages]


def content_files() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)


def copied_passages(seed_text: str, files: list[Path]) -> list[str]:
    """Describe every passage of `files` that copies the seed: file and words."""
    seed_tokens = words(seed_text)
    unquoted_runs = runs(seed_tokens, COPIED_RUN)
    quoted_runs = runs(seed_tokens, LONGEST_QUOTE_RUN + 1)
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        for run in shared_runs(QUOTED_SPAN.sub(" ", text), unquoted_runs, COPIED_RUN):
            problems.append(f"{name}: copied outside quotation marks: {run!r}")
        for run in shared_runs(text, quoted_runs, LONGEST_QUOTE_RUN + 1):
            problems.append(
                f"{name}: more than {LONGEST_QUOTE_RUN} words in a row, quoted or not: {run!r}"
            )
    return problems


def seed_sentence(seed_text: str, start: str) -> str:
    """The sentence of the seed article that begins with `start`."""
    begin = seed_text.index(start)
    return seed_text[begin : seed_text.index(".", begin) + 1]


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"seed article not found at {SEED_ARTICLE} (the shared folder is absent)")
    return SEED_ARTICLE.read_text(encoding="utf-8")


def test_content_does_not_copy_the_seed_article(seed_text):
    problems = copied_passages(seed_text, content_files())
    assert not problems, "\n".join(problems)


def test_copy_check_catches_a_copied_sentence(seed_text, tmp_path):
    """The check itself can fail: a sentence lifted from the article is reported."""
    sentence = seed_sentence(seed_text, "Hernández Romero asked for asylum")
    assert len(words(sentence)) >= COPIED_RUN
    copied = tmp_path / "copied.md"
    copied.write_text(f"Title: Copied\n\nAs reported, {sentence.lower()}\n", encoding="utf-8")
    quoted = tmp_path / "quoted.md"
    quoted.write_text(
        'Title: Quoted\n\nThe article says he "asked for asylum".\n', encoding="utf-8"
    )

    problems = copied_passages(seed_text, [copied, quoted])

    assert problems and all(p.startswith(str(copied)) for p in problems)
    assert "hernandez romero asked for asylum because of persecution" in problems[0]


def test_a_long_quotation_of_the_seed_is_reported(seed_text, tmp_path):
    sentence = seed_sentence(seed_text, "Hernández Romero asked for asylum")
    quoted = tmp_path / "long-quote.md"
    quoted.write_text(f'Title: Long\n\nThe article says "{sentence}"\n', encoding="utf-8")

    problems = copied_passages(seed_text, [quoted])

    assert any(f"more than {LONGEST_QUOTE_RUN} words in a row" in p for p in problems)


def test_example_site_is_complete():
    people = sorted(p.stem for p in (CONTENT / "people").glob("*.yaml"))
    claims = sorted(p.stem for p in (CONTENT / "claims").glob("*.yaml"))
    explainers = sorted(p.stem for p in (CONTENT / "explainers").glob("*.md"))
    pages = {p.stem for p in (CONTENT / "pages").glob("*.md")}

    assert len(people) >= 8, f"only {len(people)} people: {people}"
    assert len(claims) >= 8, f"only {len(claims)} claims: {claims}"
    assert len(explainers) >= 4, f"only {len(explainers)} explainers: {explainers}"
    assert {"about", "methodology", "corrections"} <= pages, f"pages: {sorted(pages)}"
