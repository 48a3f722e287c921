"""Scaffolds for new content: they fail the check until filled, then pass.

Each scaffold is written into a small valid site. The check must report
every placeholder (so nothing half-written is published), and once the
placeholders are replaced by plain string substitution the check must pass
(so the scaffold itself has no mistake an editor cannot see).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.content.models import Claim, Explainer, Person, Source
from factcheck.content.validate import check_content
from factcheck.editors.scaffold import ScaffoldError, scaffold
from factcheck.settings import FactcheckSettings

PERSON = """\
name: Jane Doe
summary: A person who says things about the moon.
published: 2025-05-30
facts:
  - label: Field
    value: Astronomy
    sources: [paper-2025-03-01]
"""

SOURCES = """\
paper-2025-03-01:
  title: What the moon is made of
  publisher: Example Journal
  url: https://example.org/moon
  archive_url: https://web.archive.org/web/2025/https://example.org/moon
  date: 2025-03-01
"""

# What the check says about each untouched scaffold: every placeholder, located.
PLACEHOLDER_PROBLEMS = {
    "person": [
        "content/people/new-person.yaml:6:6: name: must not be empty",
        "content/people/new-person.yaml:12:10: summary: must not be empty",
        "content/people/new-person.yaml:14:12: published: expected a date as YYYY-MM-DD, "
        "found 'YYYY-MM-DD'",
    ],
    "claim": [
        "content/claims/new-claim.yaml:6:7: claim: must not be empty",
        "content/claims/new-claim.yaml:10:11: claimant: unknown person or organization "
        "'todo-person-slug'",
        "content/claims/new-claim.yaml:16:7: date: expected a date as YYYY-MM-DD, YYYY-MM or "
        "YYYY, found 'YYYY-MM-DD'",
        "content/claims/new-claim.yaml:18:15: appearances[0]: unknown source 'todo-source-id'",
        "content/claims/new-claim.yaml:22:9: rating: unknown rating 'todo-rating' (expected one "
        "of: true, mostly-true, mixed, mostly-false, false, unsupported)",
        "content/claims/new-claim.yaml:24:10: verdict: must not be empty",
        "content/claims/new-claim.yaml:26:11: analysis: must not be empty",
        "content/claims/new-claim.yaml:29:5: sources[0]: unknown source 'todo-source-id'",
        "content/claims/new-claim.yaml:35:12: published: expected a date as YYYY-MM-DD, "
        "found 'YYYY-MM-DD'",
    ],
    "source": [
        "content/sources/new-source.yaml:8:9: new-source.title: must not be empty",
        "content/sources/new-source.yaml:10:13: new-source.publisher: must not be empty",
        "content/sources/new-source.yaml:12:7: new-source.url: '' is not a full address: "
        "start it with https://",
        "content/sources/new-source.yaml:14:9: new-source.date: expected a date as YYYY-MM-DD, "
        "found 'YYYY-MM-DD'",
        "content/sources/new-source.yaml:16:13: new-source.accessed: expected a date as "
        "YYYY-MM-DD, found 'YYYY-MM-DD'",
        "content/sources/new-source.yaml:24:8: new-source.type: '' is not one of: news, "
        "press-release, court, government, transcript, video, other",
    ],
    "explainer": [
        "content/explainers/new-explainer.md:1:7: title: must not be empty",
        "content/explainers/new-explainer.md:2:7: date: expected a date as YYYY-MM-DD, "
        "found 'YYYY-MM-DD'",
        "content/explainers/new-explainer.md:3:9: summary: must not be empty",
        "content/explainers/new-explainer.md:28:62: body: unknown source 'todo-source-id' in "
        "citation [@todo-source-id]",
    ],
}

# Once filled, only the warnings that nudge editors to archive the new source
# and to cite it somewhere remain.
WARNINGS_ONCE_FILLED = {
    "source": [
        "content/sources/new-source.yaml:8:3: new-source: warning: no page cites this source: "
        "cite it or remove it",
        "content/sources/new-source.yaml:8:3: new-source.archive_url: warning: no archived "
        "copy: add archive_url",
    ],
}

# What an editor types in place of each placeholder.
TOKENS = {
    "todo-source-id": "paper-2025-03-01",
    "todo-person-slug": "jane-doe",
    "todo-rating": "false",
    "YYYY-MM-DD": "2025-05-30",
}
VALUES_BY_KEY = {"url": "https://example.org/page", "type": "news"}
# `key:  # TODO ...` and `key: >-  # TODO ...` on lines that are not comments.
EMPTY_VALUE = re.compile(r"^(?P<indent> *)(?P<key>[a-z_]+):(?: (?P<block>>-|\|))?  # TODO.*$", re.M)
EMPTY_HEADER = re.compile(r"^(?P<key>Title|Summary):$", re.M)


def fill_placeholders(text: str) -> str:
    """Replace every placeholder as an editor would: with plain text in its place."""
    for placeholder, value in TOKENS.items():
        text = text.replace(placeholder, value)

    def fill(match: re.Match) -> str:
        indent, key, block = match["indent"], match["key"], match["block"]
        value = VALUES_BY_KEY.get(key, f"Some {key} text.")
        if block:
            return f"{indent}{key}: {block}\n{indent}  {value}"
        return f"{indent}{key}: {value}"

    text = EMPTY_VALUE.sub(fill, text)
    return EMPTY_HEADER.sub(lambda m: f"{m['key']}: Some {m['key'].lower()} text.", text)


@pytest.fixture
def content(tmp_path) -> Path:
    """A small valid site with one person and one source to refer to."""
    folder = tmp_path / "content"
    (folder / "people").mkdir(parents=True)
    (folder / "sources").mkdir()
    (folder / "people/jane-doe.yaml").write_text(PERSON, encoding="utf-8")
    (folder / "sources/2025-03.yaml").write_text(SOURCES, encoding="utf-8")
    return folder


def problems_in(content: Path) -> list[str]:
    settings = FactcheckSettings.from_pelican({"PATH": str(content)})
    _, problems = check_content(settings)
    return [p.format() for p in problems]


def test_the_fixture_site_is_valid(content):
    assert problems_in(content) == []


@pytest.mark.parametrize("kind", sorted(PLACEHOLDER_PROBLEMS))
def test_check_fails_until_the_placeholders_are_filled(content, kind):
    path = scaffold(kind, f"new-{kind}", content)
    assert problems_in(content) == PLACEHOLDER_PROBLEMS[kind]
    path.write_text(fill_placeholders(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert problems_in(content) == WARNINGS_ONCE_FILLED.get(kind, [])


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("person", "people/new-thing.yaml"),
        ("claim", "claims/new-thing.yaml"),
        ("source", "sources/new-thing.yaml"),
        ("explainer", "explainers/new-thing.md"),
    ],
)
def test_scaffold_returns_the_new_file_and_prints_nothing(content, capsys, kind, expected):
    assert scaffold(kind, "new-thing", content) == content / expected
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("kind", "model", "nested"),
    [
        ("person", Person, True),
        ("claim", Claim, True),
        ("source", Source, True),
        # The Markdown header has no nested fields to explain.
        ("explainer", Explainer, False),
    ],
)
def test_comments_carry_every_field_doc_from_the_models(content, kind, model, nested):
    text = scaffold(kind, "new-thing", content).read_text(encoding="utf-8")
    missing = [
        path
        for path, spec in model.walk_fields()
        if (nested or "." not in path and "[" not in path) and spec.doc not in text
    ]
    assert missing == []


@pytest.mark.parametrize("kind", ["person", "claim", "source", "explainer"])
def test_an_existing_file_is_never_overwritten(content, kind):
    path = scaffold(kind, "taken", content)
    path.write_text("an editor's work\n", encoding="utf-8")
    with pytest.raises(ScaffoldError) as error:
        scaffold(kind, "taken", content)
    shown = "content/" + path.relative_to(content).as_posix()
    assert str(error.value) == f"{shown} already exists: edit it, or choose another slug"
    assert path.read_text(encoding="utf-8") == "an editor's work\n"


@pytest.mark.parametrize(
    ("kind", "slug", "message"),
    [
        (
            "claim",
            "jane-doe",
            "the slug 'jane-doe' is already used by content/people/jane-doe.yaml: slugs are "
            "unique across people, claims and explainers",
        ),
        (
            "explainer",
            "jane-doe",
            "the slug 'jane-doe' is already used by content/people/jane-doe.yaml: slugs are "
            "unique across people, claims and explainers",
        ),
        (
            "source",
            "paper-2025-03-01",
            "the source id 'paper-2025-03-01' is already defined in content/sources/2025-03.yaml: "
            "source ids are unique across content/sources/",
        ),
    ],
)
def test_a_slug_or_id_used_elsewhere_is_refused(content, kind, slug, message):
    before = sorted(p.relative_to(content).as_posix() for p in content.rglob("*"))
    with pytest.raises(ScaffoldError) as error:
        scaffold(kind, slug, content)
    assert str(error.value) == message
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*")) == before


@pytest.mark.parametrize(
    ("kind", "slug", "message"),
    [
        (
            "claim",
            "New Claim",
            "'New Claim' is not a valid slug (the name used in file names and web addresses): use lower-case ASCII letters, digits and hyphens "
            "(did you mean 'new-claim'?)",
        ),
        (
            "person",
            "../../etc/passwd",
            "'../../etc/passwd' is not a valid slug (the name used in file names and web addresses): use lower-case ASCII letters, digits and "
            "hyphens (did you mean 'etc-passwd'?)",
        ),
        (
            "source",
            "trailing-",
            "'trailing-' is not a valid slug (the name used in file names and web addresses): use lower-case ASCII letters, digits and hyphens "
            "(did you mean 'trailing'?)",
        ),
        (
            "explainer",
            "",
            "'' is not a valid slug (the name used in file names and web addresses): use lower-case ASCII letters, digits and hyphens",
        ),
        (
            "page",
            "about",
            "unknown kind 'page': expected one of person, claim, source, explainer",
        ),
    ],
)
def test_an_invalid_kind_or_slug_is_refused_before_writing(content, kind, slug, message):
    before = sorted(p.relative_to(content).as_posix() for p in content.rglob("*"))
    with pytest.raises(ScaffoldError) as error:
        scaffold(kind, slug, content)
    assert str(error.value) == message
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*")) == before


def test_folders_are_created_when_missing(tmp_path):
    path = scaffold("claim", "first-claim", tmp_path / "content")
    assert path == tmp_path / "content/claims/first-claim.yaml"
    assert path.read_text(encoding="utf-8").startswith("# Fact-check of one claim")
