"""A page is not published before its file entered the repository.

Each test commits a small site to a real temporary git repository, at a chosen
date, and asserts the check's messages in full. The rules that need no git
(future dates, updates before publication, sources after the last change,
stale translations) are rows of the validation table in
``test_validation_errors.py`` and ``test_spanish_edition.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gitrepo import commit_all, git, init_repository, isolate_git
from test_history import SOURCES

from factcheck.content.chronology import first_commit_days
from factcheck.content.dates import PartialDate
from factcheck.content.validate import check_content
from factcheck.settings import FactcheckSettings

PERSON = """\
name: Jane Doe
summary: A person who says things about the moon.
published: {published}
facts:
  - label: Role
    value: Astronomer
    sources: [paper-2025-03-01]
{extra}"""
TRANSLATION = """\
translated: {translated}
summary: Una persona que habla de la luna.
"""
EXPLAINER = """\
Title: The moon
Date: {published}
Summary: What it is made of.

Rock [@paper-2025-03-01].
"""

COMMITTED = "2025-06-10T12:00:00+00:00"


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch):
    isolate_git(monkeypatch)


def write(project: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = project / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def site(
    project: Path, published: str = "2025-06-10", extra: str = "", more: dict | None = None
) -> None:
    files = {
        "sources/2025-03.yaml": SOURCES,
        "people/jane-doe.yaml": PERSON.format(published=published, extra=extra),
    }
    write(project, files | (more or {}))


def errors(project: Path) -> list[str]:
    settings = FactcheckSettings.from_pelican(
        {"PATH": str(project / "content"), "FACTCHECK_LANGUAGES": ["en", "es"]}
    )
    return [p.format() for p in check_content(settings)[1] if p.is_error]


def backdated(path: str, line: int, col: int, field: str, date: str, committed: str) -> str:
    hint = (
        "" if field == "translated" else ", or say where it first appeared with first_published_at"
    )
    return (
        f"{path}:{line}:{col}: {field}: {date} is before {committed}, the day this file was "
        f"first committed: give the day the page really went out{hint}"
    )


def test_a_page_published_before_its_first_commit_is_refused(tmp_path):
    init_repository(tmp_path)
    site(tmp_path, published="2025-05-30")
    commit_all(tmp_path, when=COMMITTED)
    assert errors(tmp_path) == [
        backdated("content/people/jane-doe.yaml", 3, 12, "published", "2025-05-30", "2025-06-10")
    ]


def test_published_on_the_day_of_the_commit_is_fine(tmp_path):
    init_repository(tmp_path)
    site(tmp_path)
    commit_all(tmp_path, when=COMMITTED)
    assert errors(tmp_path) == []


def test_the_day_is_taken_where_it_is_earliest_on_earth(tmp_path):
    """Committed at 01:00 UTC on the 11th: still the 10th west of UTC, so the 10th is fine."""
    init_repository(tmp_path)
    site(tmp_path)
    commit_all(tmp_path, when="2025-06-11T01:00:00+00:00")
    assert errors(tmp_path) == []


def test_first_published_at_says_where_an_older_page_appeared(tmp_path):
    init_repository(tmp_path)
    site(
        tmp_path,
        published="2025-05-30",
        extra="first_published_at: https://old.example.org/people/jane-doe/\n",
    )
    commit_all(tmp_path, when=COMMITTED)
    assert errors(tmp_path) == []


def test_an_uncommitted_page_is_not_judged_yet(tmp_path):
    init_repository(tmp_path)
    site(tmp_path, published="2025-05-30")
    assert errors(tmp_path) == []


def test_a_renamed_file_keeps_the_day_it_was_first_committed(tmp_path):
    init_repository(tmp_path)
    site(tmp_path)
    commit_all(tmp_path, when=COMMITTED)
    git(tmp_path, "mv", "content/people/jane-doe.yaml", "content/people/jane-roe.yaml")
    commit_all(tmp_path, "Rename", when="2025-09-01T12:00:00+00:00")
    assert first_commit_days(tmp_path / "content")["people/jane-roe.yaml"] == PartialDate(
        2025, 6, 10
    )
    assert errors(tmp_path) == []


def test_an_explainer_and_a_translation_are_judged_too(tmp_path):
    init_repository(tmp_path)
    site(
        tmp_path,
        more={
            "explainers/moon.md": EXPLAINER.format(published="2025-06-01"),
            "people/jane-doe.es.yaml": TRANSLATION.format(translated="2025-06-01"),
        },
    )
    commit_all(tmp_path, when=COMMITTED)
    assert errors(tmp_path) == [
        backdated("content/explainers/moon.md", 2, 7, "date", "2025-06-01", "2025-06-10"),
        "content/people/jane-doe.es.yaml:1:1: translated: the translation (2025-06-01) is older "
        "than the last change of the original (2025-06-10): bring it up to date, then change "
        "'translated'",
        backdated(
            "content/people/jane-doe.es.yaml", 1, 13, "translated", "2025-06-01", "2025-06-10"
        ),
    ]


def test_a_shallow_clone_does_not_misfire(tmp_path):
    """GitHub's checkout fetches one commit: it seems to add every file, and must not count."""
    origin = tmp_path / "origin"
    init_repository(origin)
    site(origin, published="2025-06-10")
    commit_all(origin, when=COMMITTED)
    (origin / "content/people/jane-doe.yaml").write_text(
        PERSON.format(
            published="2025-06-10",
            extra="updates:\n  - date: 2025-07-01\n    kind: update\n    text: More.\n",
        ),
        encoding="utf-8",
    )
    commit_all(origin, "Update", when="2025-07-01T12:00:00+00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{origin}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert first_commit_days(clone / "content") == {}
    assert errors(clone) == []


def test_a_shallow_clone_still_judges_what_it_saw_added(tmp_path):
    origin = tmp_path / "origin"
    init_repository(origin)
    site(origin)
    commit_all(origin, when=COMMITTED)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{origin}", str(clone))
    git(clone, "config", "user.name", "Test Editor")
    git(clone, "config", "user.email", "editor@example.org")
    write(clone, {"explainers/moon.md": EXPLAINER.format(published="2025-06-01")})
    commit_all(clone, "Add an explainer", when=COMMITTED)
    assert errors(clone) == [
        backdated("content/explainers/moon.md", 2, 7, "date", "2025-06-01", "2025-06-10")
    ]


def test_outside_a_repository_the_rule_is_skipped(tmp_path):
    site(tmp_path, published="2025-05-30")
    assert first_commit_days(tmp_path / "content") == {}
    assert errors(tmp_path) == []
