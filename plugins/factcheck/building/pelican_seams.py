"""The one place the plugin uses Pelican beyond its documented plugin interface.

Pelican gives plugins signals, its generator and writer classes and its
settings, and the plugin uses nothing else, except here, for two things
Pelican has no hook for:

- Reading the explainers and pages again after an edit, which a rebuild in
  ``invoke serve`` needs (:mod:`factcheck.building.incremental`).
  :func:`read_documents_again` does what ``Pelican.run`` does for them: it
  creates each document generator again with the arguments Pelican gives it,
  lets it read every file (``generate_context``), then refreshes the links
  in its documents' metadata (``refresh_metadata_intersite_links``, which
  ``Pelican.run`` calls once every generator has read its files).
- Pointing a run of Pelican's own command at another folder, so that it
  builds atomically (:mod:`factcheck.building.pelican_staging`):
  :func:`write_run_into` changes the ``output_path`` that ``Pelican.run``
  reads after the ``get_generators`` signal, when it creates its
  generators, cleans the folder and creates its writer.

This was checked against the Pelican version in :data:`CHECKED_WITH`. On any
other version the rebuild does not use it and builds everything instead
(:func:`checked`), and ``tests/test_pelican_seams.py`` fails, naming what to
check again; the ``pelican`` pin in ``pyproject.toml`` says so too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pelican
from pelican.generators import ArticlesGenerator, PagesGenerator

# The Pelican minor version whose Pelican.run this module mirrors.
CHECKED_WITH = "4.12"


def checked() -> bool:
    """Whether the running Pelican is the version this module was checked against."""
    return pelican.__version__.split(".")[:2] == CHECKED_WITH.split(".")


def is_document_generator(generator) -> bool:
    """Pelican's generators of explainers (articles) and pages."""
    return isinstance(generator, (ArticlesGenerator, PagesGenerator))


def read_documents_again(generators: Iterable) -> list:
    """New generators of the same kinds, each having read its explainers or pages again.

    They share the old ones' context, which they update (``articles``,
    ``pages``...) as in a build.
    """
    fresh = [
        type(generator)(
            context=generator.context,
            settings=generator.settings,
            path=generator.path,
            theme=generator.theme,
            output_path=generator.output_path,
        )
        for generator in generators
    ]
    for generator in fresh:
        generator.generate_context()
    for generator in fresh:
        generator.refresh_metadata_intersite_links()
    return fresh


def run_output(pelican) -> Path:
    """The folder this run of Pelican writes to."""
    return Path(pelican.output_path).resolve()


def write_run_into(pelican, folder: Path) -> None:
    """Make this run of Pelican write into `folder`: from the get_generators signal, or after it."""
    pelican.output_path = str(folder)
    pelican.settings["OUTPUT_PATH"] = str(folder)
