"""The theme's interface in several languages: gettext catalogues and per-page language.

Interface strings in templates go through Jinja's i18n extension (``_()`` and
``{% trans %}``). Catalogues are the theme's Babel ``.po`` files
(``theme/translations/<lang>/LC_MESSAGES/messages.po``), compiled in memory at
build start so no binary file is committed. Each page renders in its own
language: the ``lang`` variable its generator passes, or the ``lang`` of the
Pelican article or page being rendered.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import pass_context

from ..content.dates import PartialDate
from ..settings import FactcheckSettings

CATALOGUE = "LC_MESSAGES/messages.po"


def load_catalogues(theme: Path, languages) -> dict[str, gettext.NullTranslations]:
    catalogues: dict[str, gettext.NullTranslations] = {}
    for lang in languages:
        po = theme / "translations" / lang / CATALOGUE
        if not po.is_file():
            catalogues[lang] = gettext.NullTranslations()
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        catalogues[lang] = gettext.GNUTranslations(buffer)
    return catalogues


def address_prefix(lang: str, default_lang: str) -> str:
    """Where a language's pages live: '' for the default language, 'es/' for Spanish."""
    return "" if lang == default_lang else f"{lang}/"


def page_lang(context) -> str:
    lang = context.get("lang")
    if lang:
        return lang
    for name in ("article", "page"):
        item = context.get(name)
        if item is not None and getattr(item, "lang", None):
            return item.lang
    return context.get("DEFAULT_LANG", "en")


def install(
    env, catalogues: dict[str, gettext.NullTranslations], settings: FactcheckSettings
) -> None:
    """Add the i18n extension and language-aware helpers to a Jinja environment."""
    null = gettext.NullTranslations()
    default_lang = settings.default_lang

    @pass_context
    def _gettext(context, message):
        return catalogues.get(page_lang(context), null).gettext(message)

    @pass_context
    def _ngettext(context, singular, plural, n):
        return catalogues.get(page_lang(context), null).ngettext(singular, plural, n)

    @pass_context
    def current_lang(context) -> str:
        return page_lang(context)

    @pass_context
    def lang_url(context, path: str = "", lang: str | None = None) -> str:
        """An address on the site in the page's language: 'claims/' -> '/es/claims/'."""
        lang = lang or page_lang(context)
        return f"{settings.siteurl}/{address_prefix(lang, default_lang)}{path}"

    @pass_context
    def display_date(context, value) -> str:
        return format_partial_date(value, page_lang(context))

    @pass_context
    def language_name(context, code: str) -> str:
        """'Spanish' on an English page, 'inglés' on a Spanish one (from CLDR via Babel)."""
        try:
            return Locale.parse(page_lang(context)).languages.get(code, code)
        except (ValueError, UnknownLocaleError):
            return code

    @pass_context
    def og_locale(context, lang: str | None = None) -> str:
        """Open Graph's language_TERRITORY for a language (FACTCHECK_OG_LOCALES): 'es' -> 'es_ES'."""
        return settings.og_locale(lang or page_lang(context))

    @pass_context
    def site_name(context) -> str:
        return settings.site_text("SITENAME", page_lang(context))

    @pass_context
    def site_description(context) -> str:
        return settings.site_text("SITE_DESCRIPTION", page_lang(context))

    def gettext_for(lang: str):
        """The catalogue's gettext for `lang`, for text written outside templates (feeds)."""
        return catalogues.get(lang, null).gettext

    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals.update(
        current_lang=current_lang,
        og_locale=og_locale,
        lang_url=lang_url,
        site_name=site_name,
        site_description=site_description,
        language_name=language_name,
        gettext_for=gettext_for,
        update_kind_words=UPDATE_KIND_WORDS,
    )
    env.filters["display_date"] = display_date


# Day, month, year, as the page design asks: British rather than American English.
DATE_LOCALES = {"en": "en_GB"}


def format_partial_date(value, lang: str) -> str:
    """'27 May 2025' / '27 de mayo de 2025', at the precision the editor gave."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        value = PartialDate(value.year, value.month, value.day)
    if not isinstance(value, PartialDate):
        return str(value)
    if not value.month:
        return str(value.year)
    locale = DATE_LOCALES.get(lang, lang)
    day = value.as_date()
    if value.day:
        return format_date(day, format="long", locale=locale)
    return format_skeleton("yMMMM", day, locale=locale)


def own_language_name(code: str) -> str:
    """A language's name in that language, as a menu item: 'English', 'Español' (CLDR via Babel).

    CLDR writes names for the middle of a sentence ('español'); its rule for
    menus, which Babel does not ship, starts them with a capital letter.
    """
    try:
        name = Locale.parse(code).get_language_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Mark a string in the plugin's Python for the catalogue; translate it where it is used."""
    return message


# What each kind of update is called, on pages (the update_kind macro) and in feeds.
UPDATE_KIND_WORDS = {
    "update": N_("Update"),
    "correction": N_("Correction"),
    "clarification": N_("Clarification"),
    "retraction": N_("Retraction"),
}


PLUGIN = Path(__file__).resolve().parents[1]


def extract_catalogue(theme: Path):
    """Every interface string of the theme's templates and the plugin's feeds, as a Babel catalogue.

    The plugin marks the strings it writes itself (feed titles and
    subtitles) with `N_`, so one catalogue holds every string a reader sees.
    """
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="factcheck theme", fuzzy=False)
    method_map = [("**.html", "jinja2.ext:babel_extract")]
    options_map = {
        "**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}
    }
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        theme / "templates", method_map, options_map
    ):
        catalog.add(message, None, context=context)
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        PLUGIN, [("**.py", "python")], keywords={"N_": None}
    ):
        catalog.add(message, None, context=context)
    return catalog


def update_catalogues(theme: Path, languages) -> dict[str, list[str]]:
    """Write messages.pot and merge it into each language's .po; return untranslated ids."""
    from babel.messages.pofile import write_po

    template = extract_catalogue(theme)
    folder = theme / "translations"
    folder.mkdir(exist_ok=True)
    with (folder / "messages.pot").open("wb") as handle:
        write_po(handle, template, omit_header=True, sort_output=True, no_location=True)
    stamp = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)  # headers stay the same from run to run
    missing = {}
    for lang in languages:
        po = folder / lang / CATALOGUE
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.is_file():
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
        else:
            from babel.messages.catalog import Catalog

            catalog = Catalog(locale=lang, project="factcheck theme")
        catalog.creation_date = catalog.revision_date = stamp
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.fuzzy = False
        with po.open("wb") as handle:
            write_po(handle, catalog, sort_output=True, no_location=True, ignore_obsolete=True)
        missing[lang] = [
            m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and not m.string
        ]
    return missing
