"""The one place the plugin uses Pelican beyond its documented plugin interface.

Pelican gives plugins signals, its generator and writer classes and its
settings, and the plugin uses nothing else, except here. Pelican has no way
to read the explainers and pages again after an edit, which a rebuild in
``invoke serve`` needs (:mod:`factcheck.building.incremental`). So
:func:`read_documents_again` does what ``Pelican.run`` does for them: it
creates each document generator again with the arguments Pelican gives it,
lets it read every file (``generate_context``), then refreshes the links in
its documents' metadata (``refresh_metadata_intersite_links``, which
``Pelican.run`` calls once every generator has read its files).

This was checked against the Pelican version in :data:`CHECKED_WITH`. On any
other version the rebuild does not use it and builds everything instead
(:func:`checked`), and ``tests/test_pelican_seams.py`` fails, naming what to
check again; the ``pelican`` pin in ``pyproject.toml`` says so too.
"""

from __future__ import annotations

from collections.abc import Iterable

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
