"""Layered fixtures, in the manner of Lektor's: a project on disk, its checked
content, and its built site. The project is a minimal valid site that each
test changes one file of."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from factcheck.cli import read_pelican_settings
from factcheck.problems import Problem
from factcheck.settings import FactcheckSettings
from factcheck.validate import check_content

REPO = Path(__file__).resolve().parents[1]

SETTINGS = f"""\
import runpy

globals().update(
    {{k: v for k, v in runpy.run_path({str(REPO / "pelicanconf.py")!r}).items() if k.isupper()}}
)
PATH = "content"
THEME = {str(REPO / "theme")!r}
PLUGIN_PATHS = [{str(REPO / "plugins")!r}]
SITENAME = "Fixture fact-checks"
SITE_DESCRIPTION = "A small site for tests."
GITHUB_REPO = ""
"""

MINIMAL_SITE = {
    "content/people/jane-doe.yaml": """\
        name: Jane Doe
        kind: person
        summary: A mayor who talks about budgets.
        published: 2025-05-30
        facts:
          - label: Office
            value: Mayor of Exampleton
            sources: [city-2025-01-10]
        timeline:
          - date: 2025-01
            text: Took office.
            sources: [city-2025-01-10]
        updates:
          - date: 2025-06-02
            kind: update
            text: Added her second term.
        """,
    "content/people/city-council.yaml": """\
        name: Exampleton City Council
        kind: organization
        summary: The city's elected council.
        published: 2025-05-30
        """,
    "content/claims/budget-doubled.yaml": """\
        claim: The city budget doubled in one year.
        claimant: jane-doe
        date: 2025-03
        appearances: [paper-2025-03-02]
        about: [city-council]
        rating: mostly-false
        verdict: The budget grew by a third, not a half or more.
        analysis: |
          The council's figures show growth of a third [@city-2025-01-10].

          The paper reported the claim [@paper-2025-03-02; @city-2025-01-10]. See
          [Jane Doe]({filename}/people/jane-doe.yaml).
        sources:
          - city-2025-01-10
          - source: paper-2025-03-02
            quote: "doubled in one year"
            note: Her speech as reported
        published: 2025-05-30
        updates:
          - date: 2025-06-01
            kind: correction
            text: The growth was a third, not a quarter.
        """,
    "content/sources/main.yaml": """\
        city-2025-01-10:
          title: Budget report 2025
          publisher: City of Exampleton
          url: https://example.org/budget-2025
          date: 2025-01-10
          archive_url: https://web.archive.org/web/2025/https://example.org/budget-2025
          type: government
        paper-2025-03-02:
          title: Mayor says budget doubled
          publisher: Exampleton Post
          url: https://example.com/news/budget
          date: 2025-03-02
          archive_url: https://web.archive.org/web/2025/https://example.com/news/budget
          type: news
          language: en
        """,
    "content/explainers/city-budget.md": """\
        Title: How the city budget works
        Date: 2025-05-30
        Summary: Who proposes it, who votes on it.
        People: jane-doe, city-council
        Updates: 2025-06-03 clarification: Named the council's vote.

        The mayor proposes and the council votes [@city-2025-01-10].
        See [the claim]({filename}/claims/budget-doubled.yaml).
        """,
    "content/pages/about.md": """\
        Title: About
        Summary: Who publishes this site.

        We check claims about the city.
        """,
    "content/pages/methodology.md": """\
        Title: Methodology
        Summary: How we rate claims.

        We rate claims on a scale.
        """,
    "pelicanconf.py": SETTINGS,
}


@dataclass
class Project:
    """A site on disk that a test can change, check and build."""

    root: Path

    def write(self, relative: str, text: str | bytes, *, dedent: bool = True) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    @property
    def settings_file(self) -> Path:
        return self.root / "pelicanconf.py"

    def settings(self) -> FactcheckSettings:
        return FactcheckSettings.from_pelican(read_pelican_settings(self.settings_file))

    def problems(self) -> list[Problem]:
        return check_content(self.settings())[1]

    def report(self, *, errors_only: bool = False) -> list[str]:
        return [p.format() for p in self.problems() if p.is_error or not errors_only]


def write_site(root: Path, files: dict[str, str]) -> Project:
    project = Project(root)
    for relative, text in files.items():
        project.write(relative, text)
    return project


@pytest.fixture
def project(tmp_path) -> Project:
    return write_site(tmp_path / "site", MINIMAL_SITE)
