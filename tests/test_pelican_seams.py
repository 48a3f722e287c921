"""The one use of Pelican beyond its plugin interface fails loudly when Pelican changes.

`factcheck.building.pelican_seams` reads explainers and pages again for a
rebuild in `invoke serve` the way `Pelican.run` reads them. These tests fail
on a Pelican version it was not checked against, or when `Pelican.run` or
its document generators stop doing what it mirrors; the rebuild itself falls
back to full builds on another version.
"""

from __future__ import annotations

import inspect

import pelican
from pelican import Pelican
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from factcheck.building import pelican_seams
from factcheck.building.incremental import Rebuilder
from factcheck.writer import LocatedErrorsWriter

EXPLAINER = "content/explainers/city-budget.md"

AFTER_AN_UPGRADE = (
    "Pelican {version} is not the version factcheck/building/pelican_seams.py was checked "
    "against ({checked}): compare read_documents_again with Pelican.run and the document "
    "generators, run the incremental tests, then update CHECKED_WITH and the pin in "
    "pyproject.toml"
)


def test_the_seams_were_checked_against_this_pelican():
    assert pelican_seams.checked(), AFTER_AN_UPGRADE.format(
        version=pelican.__version__, checked=pelican_seams.CHECKED_WITH
    )


def test_pelican_run_still_reads_then_refreshes_links_then_writes():
    """read_documents_again does the first and the third of these, in this order."""
    source = inspect.getsource(Pelican.run)
    steps = [
        "cls(",  # every generator created, with the arguments below
        "p.generate_context()",
        "signals.all_generators_finalized.send",
        "p.refresh_metadata_intersite_links()",
        "p.generate_output(writer)",
    ]
    positions = [source.find(step) for step in steps]
    assert -1 not in positions, dict(zip(steps, positions, strict=True))
    assert positions == sorted(positions)
    for argument in ("context", "settings", "path", "theme", "output_path"):
        assert f"{argument}=" in source
        assert argument in inspect.signature(Generator.__init__).parameters


def test_the_document_generators_have_what_the_seams_call():
    for generator in (ArticlesGenerator, PagesGenerator):
        assert callable(generator.generate_context)
        assert callable(generator.refresh_metadata_intersite_links)
        assert callable(generator.generate_output)


class RecordingWriter(LocatedErrorsWriter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.written: list[str] = []

    def write_file(self, name, *args, **kwargs):
        if name:  # Pelican asks for the pages this site turns off with an empty name
            self.written.append(name)
        return super().write_file(name, *args, **kwargs)


def test_documents_read_again_show_an_edit_and_write_the_same_files(project, tmp_path):
    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    old = rebuilder.last.document_generators
    text = project.read(EXPLAINER)
    project.write(EXPLAINER, text.replace("How the city budget works", "Budgets"), dedent=False)

    fresh = pelican_seams.read_documents_again(old)

    assert [type(g) for g in fresh] == [type(g) for g in old]
    articles = fresh[0].context["articles"]  # updated in the shared context, as in a build
    assert [a.title for a in articles] == ["Budgets"]
    assert articles[0].url == "explainers/city-budget/"
    writers = []
    for generator in fresh:
        writer = RecordingWriter(str(tmp_path / "written"), settings=generator.settings)
        generator.generate_output(writer)
        writers.append(writer)
    assert writers[0].written == ["explainers/city-budget/index.html"]
    assert sorted(writers[1].written) == ["about/index.html", "methodology/index.html"]
    html = (tmp_path / "written" / "explainers/city-budget/index.html").read_text(encoding="utf-8")
    assert "<h1>Budgets</h1>" in html


def test_pelican_reads_its_output_folder_after_the_get_generators_signal():
    """write_run_into, called from get_generators, points the whole run elsewhere."""
    run = inspect.getsource(Pelican.run)
    assert "for cls in self._get_generator_classes()" in run
    assert "output_path=self.output_path" in run  # each generator
    assert "clean_output_dir(self.output_path" in run
    assert "signals.get_generators.send(self)" in inspect.getsource(Pelican._get_generator_classes)
    assert "writer(self.output_path, settings=self.settings)" in inspect.getsource(
        Pelican._get_writer
    )
