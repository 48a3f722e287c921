"""Layered fixtures, in the manner of Lektor's: a project on disk (a copy of
the fixture site), its checked content, and its built site. Each test changes
one thing of a valid site."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from factcheck.content.problems import Problem
from factcheck.content.validate import check_content
from factcheck.editors.cli import read_pelican_settings
from factcheck.settings import FactcheckSettings

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
FACTCHECK_SITE_TRANSLATIONS = {{}}
"""


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, with its bytes: what a build wrote."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# The one fixture site: small, valid, and covering every page type. Tests copy
# it and change one thing; the golden test compares its build with expected/.
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"


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


def copy_fixture_site(root: Path, **settings: str) -> Project:
    """The fixture site's content under `root`, with settings pointing at this repository."""
    shutil.copytree(FIXTURE_SITE / "content", root / "content")
    extra = "".join(f"{name} = {value!r}\n" for name, value in sorted(settings.items()))
    (root / "pelicanconf.py").write_text(SETTINGS + extra, encoding="utf-8")
    return Project(root)


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_fixture_site(tmp_path / "site")
