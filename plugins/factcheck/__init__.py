"""A Pelican plugin that renders YAML fact sheets into a fact-check site.

``register()`` connects Pelican's signals and nothing else: the content
checks and page generation live in :mod:`factcheck.generator`.
"""

from __future__ import annotations


def _add_generator(pelican):
    from .generator import FactcheckGenerator

    return FactcheckGenerator


def _stage_output(pelican) -> None:
    from .building.pelican_staging import start_run

    start_run(pelican)


def _add_writer(pelican):
    from .writer import LocatedErrorsWriter

    return LocatedErrorsWriter


def _add_reader(readers) -> None:
    from .reader import FactcheckMarkdownReader

    readers.reader_classes["md"] = FactcheckMarkdownReader


def _add_template_filters(pelican) -> None:
    from .building.template_cache import with_template_cache
    from .views.template_filters import FILTERS

    pelican.settings.setdefault("JINJA_FILTERS", {}).update(FILTERS)
    environment = pelican.settings.get("JINJA_ENVIRONMENT", {})
    pelican.settings["JINJA_ENVIRONMENT"] = with_template_cache(environment)


def _add_translations(generator) -> None:
    from pathlib import Path

    from .settings import FactcheckSettings
    from .views import i18n

    factcheck = FactcheckSettings.from_pelican(generator.settings)
    catalogues = i18n.load_catalogues(Path(factcheck.theme), factcheck.languages)
    i18n.install(generator.env, catalogues, factcheck)


def _add_fragment_cache(generator) -> None:
    from .views.fragments import FragmentCache

    generator.env.globals["memo"] = FragmentCache()


def register() -> None:
    """Connect the plugin to Pelican: its generator, reader, writer, filters and translations."""
    # Imported here, not at the top: `python -m factcheck check` imports this
    # package and should not pay Pelican's start-up (about a second).
    from pelican import signals

    signals.initialized.connect(_add_template_filters)
    signals.generator_init.connect(_add_translations)
    signals.generator_init.connect(_add_fragment_cache)
    signals.get_generators.connect(_stage_output)
    signals.get_generators.connect(_add_generator)
    signals.get_writer.connect(_add_writer)
    signals.readers_init.connect(_add_reader)
