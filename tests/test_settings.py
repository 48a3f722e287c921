"""The plugin's settings: each mistake with its exact located message, the typed object, the guide.

Each case of the table writes a settings file (a few valid lines, then the
case's own) and lists every line the check reports, as
``pelicanconf.py:line:col: SETTING: message``, like the content errors of
tests/test_validation_errors.py.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import REPO, copy_fixture_site, tree

from factcheck.editors.cli import run_check
from factcheck.settings import (
    DEFAULT_RATINGS,
    SETTINGS,
    FactcheckSettings,
    Rating,
    RatingColour,
    SettingsInvalid,
    read_pelican_settings,
    read_ratings,
)
from factcheck.settings.guide import GROUP_HEADINGS, scale_table, settings_table
from factcheck.settings.rating_scale import BACKGROUNDS, ENTRY, colour_stylesheet, contrast_ratio

# Four lines, so that each case's first line is line 5.
BASE = """\
PATH = "content"
SITENAME = "Test site"
DEFAULT_LANG = "en"
FACTCHECK_LANGUAGES = ["en", "es"]
"""
RATING = '{"key": "true", "label": "True", "definition": "d", "value": 1}'
SETTINGS_FILE = "pelicanconf.py"


def at(line: int, col: int, field: str, message: str) -> str:
    return f"{SETTINGS_FILE}:{line}:{col}: {field}: {message}"


CASES = [
    (
        "flag-as-text",
        'FACTCHECK_STRICT = "yes"\n',
        [at(5, 1, "FACTCHECK_STRICT", "must be True or False, not 'yes'")],
    ),
    (
        "misspelt-setting",
        "FACTCHECK_STRCT = True\n",
        [at(5, 1, "FACTCHECK_STRCT", "unknown setting (did you mean 'FACTCHECK_STRICT'?)")],
    ),
    (
        "unknown-setting",
        "FACTCHECK_XYZZY = 3\n",
        [at(5, 1, "FACTCHECK_XYZZY", "unknown setting: docs/editing.md lists every setting")],
    ),
    (
        "environment-variable-as-setting",
        "FACTCHECK_DEBUG = True\n",
        [
            at(
                5,
                1,
                "FACTCHECK_DEBUG",
                "is read from the environment, not from the settings: set it in the shell, "
                "as in `FACTCHECK_DEBUG=1 uv run invoke build`",
            )
        ],
    ),
    (
        "untranslated-choice",
        'FACTCHECK_UNTRANSLATED = "omitt"\n',
        [
            at(
                5,
                1,
                "FACTCHECK_UNTRANSLATED",
                "must be 'fallback' or 'omit', not 'omitt' (did you mean 'omit'?)",
            )
        ],
    ),
    (
        "languages-not-starting-with-the-default",
        'FACTCHECK_LANGUAGES = ["es", "en"]\n',
        [at(5, 24, "FACTCHECK_LANGUAGES[0]", "must start with DEFAULT_LANG ('en'), not 'es'")],
    ),
    (
        "language-twice",
        'FACTCHECK_LANGUAGES = ["en", "es", "es"]\n',
        [at(5, 36, "FACTCHECK_LANGUAGES[2]", "'es' is listed twice")],
    ),
    (
        "language-name-for-code",
        'FACTCHECK_LANGUAGES = ["en", "Spanish"]\n',
        [
            at(
                5,
                30,
                "FACTCHECK_LANGUAGES[1]",
                "'Spanish' is not a language code such as 'en' or 'es'",
            )
        ],
    ),
    (
        "rating-without-label",
        'FACTCHECK_RATINGS = [{"key": "true", "definition": "d"}]\n',
        [at(5, 22, "FACTCHECK_RATINGS[0].label", "required field is missing")],
    ),
    (
        "rating-color-spelt-the-american-way",
        f'FACTCHECK_RATINGS = [\n    {RATING[:-1]}, "color": "#00703c"}},\n]\n',
        [
            at(
                6,
                69,
                "FACTCHECK_RATINGS[0].color",
                "unknown field 'color' (did you mean 'colour'?)",
            )
        ],
    ),
    (
        "rating-key-not-a-slug",
        'FACTCHECK_RATINGS = [{"key": "Mostly True", "label": "L", "definition": "d"}]\n',
        [
            at(
                5,
                30,
                "FACTCHECK_RATINGS[0].key",
                "'Mostly True' is not a slug such as 'mostly-true'",
            )
        ],
    ),
    (
        "duplicate-rating-key",
        f"FACTCHECK_RATINGS = [\n    {RATING},\n    {RATING},\n]\n",
        [at(7, 13, "FACTCHECK_RATINGS[1].key", "duplicate rating key 'true'")],
    ),
    (
        "rating-value-as-text",
        'FACTCHECK_RATINGS = [{"key": "true", "label": "T", "definition": "d", "value": "5"}]\n',
        [at(5, 80, "FACTCHECK_RATINGS[0].value", "must be a whole number, not '5'")],
    ),
    (
        "empty-scale",
        "FACTCHECK_RATINGS = []\n",
        [at(5, 1, "FACTCHECK_RATINGS", "the rating scale is empty")],
    ),
    (
        "scale-not-a-list",
        'FACTCHECK_RATINGS = {"key": "true"}\n',
        [at(5, 1, "FACTCHECK_RATINGS", "must be a list, not {'key': 'true'}")],
    ),
    (
        "icon-too-long",
        f'FACTCHECK_RATINGS = [\n    {RATING[:-1]}, "icon": "TRUE!"}},\n]\n',
        [
            at(
                6,
                77,
                "FACTCHECK_RATINGS[0].icon",
                "'TRUE!' must be a short symbol such as '✔' (at most 4 characters)",
            )
        ],
    ),
    (
        "colour-not-hex",
        'FACTCHECK_RATINGS = [\n    {"key": "true", "label": "T", "definition": "d",\n'
        '     "colour": {"light": "green", "dark": "#5fd08a"}},\n]\n',
        [
            at(
                7,
                26,
                "FACTCHECK_RATINGS[0].colour.light",
                "must be a colour such as '#00703c', not 'green'",
            )
        ],
    ),
    (
        "colour-without-dark",
        'FACTCHECK_RATINGS = [\n    {"key": "true", "label": "T", "definition": "d",\n'
        '     "colour": {"light": "#00703c"}},\n]\n',
        [at(7, 16, "FACTCHECK_RATINGS[0].colour.dark", "required field is missing")],
    ),
    (
        "light-colour-too-pale",
        'FACTCHECK_RATINGS = [\n    {"key": "true", "label": "T", "definition": "d",\n'
        '     "colour": {"light": "#77bb77", "dark": "#5fd08a"}},\n]\n',
        [
            at(
                7,
                26,
                "FACTCHECK_RATINGS[0].colour.light",
                "'#77bb77' has a contrast of 2.2:1 with the light scheme's page background "
                "#ffffff; WCAG AA needs 4.5:1: choose a darker colour",
            )
        ],
    ),
    (
        "colour-readable-on-the-page-but-not-the-panel",
        'FACTCHECK_RATINGS = [\n    {"key": "true", "label": "T", "definition": "d",\n'
        '     "colour": {"light": "#757575", "dark": "#5fd08a"}},\n]\n',
        [
            at(
                7,
                26,
                "FACTCHECK_RATINGS[0].colour.light",
                "'#757575' has a contrast of 4.1:1 with the light scheme's panel background "
                "#f3f2f1; WCAG AA needs 4.5:1: choose a darker colour",
            )
        ],
    ),
    (
        "dark-colour-too-dark",
        'FACTCHECK_RATINGS = [\n    {"key": "true", "label": "T", "definition": "d",\n'
        '     "colour": {"light": "#00703c", "dark": "#00703c"}},\n]\n',
        [
            at(
                7,
                45,
                "FACTCHECK_RATINGS[0].colour.dark",
                "'#00703c' has a contrast of 2.9:1 with the dark scheme's page background "
                "#121417; WCAG AA needs 4.5:1: choose a lighter colour",
            )
        ],
    ),
    (
        "rating-translated-into-a-language-the-site-lacks",
        'FACTCHECK_RATINGS = [\n    {"key": "true", "label": "T", "definition": "d",\n'
        '     "translations": {"sp": {"label": "Verdadero", "definition": "d"}}},\n]\n',
        [
            at(
                7,
                23,
                "FACTCHECK_RATINGS[0].translations.sp",
                "'sp' is not one of the site's other languages (es)",
            )
        ],
    ),
    (
        "site-translation-with-an-unknown-field",
        'FACTCHECK_SITE_TRANSLATIONS = {"es": {"SITENAME": "Sitio", "TITLE": "T"}}\n',
        [
            at(
                5,
                60,
                "FACTCHECK_SITE_TRANSLATIONS.es.TITLE",
                "unknown field 'TITLE' (expected one of: SITENAME, SITE_DESCRIPTION)",
            )
        ],
    ),
    (
        "site-translation-into-the-main-language",
        'FACTCHECK_SITE_TRANSLATIONS = {"en": {"SITENAME": "Site"}}\n',
        [
            at(
                5,
                32,
                "FACTCHECK_SITE_TRANSLATIONS.en",
                "'en' is not one of the site's other languages (es)",
            )
        ],
    ),
    (
        "open-graph-locale-with-a-hyphen",
        'FACTCHECK_OG_LOCALES = {"en": "en_US", "es": "es-ES"}\n',
        [at(5, 46, "FACTCHECK_OG_LOCALES.es", "'es-ES' is not a locale such as 'es_ES'")],
    ),
    (
        "publisher-without-an-address",
        'FACTCHECK_PUBLISHER = {"name": "The Desk", "url": "thedesk.org"}\n',
        [
            at(
                5,
                51,
                "FACTCHECK_PUBLISHER.url",
                "must be an absolute http:// or https:// address, not 'thedesk.org'",
            )
        ],
    ),
    (
        "extra-file-outside-the-site",
        'FACTCHECK_EXTRA_FILES = {"../CNAME": "example.org"}\n',
        [
            at(
                5,
                26,
                "FACTCHECK_EXTRA_FILES['../CNAME']",
                "'../CNAME' must be a path inside the site, such as 'CNAME'",
            )
        ],
    ),
    (
        "misspelt-limit-and-a-zero-cap",
        'FACTCHECK_LIMITS = {"max_depht": 3, "max_list_items": 0}\n',
        [
            at(
                5,
                21,
                "FACTCHECK_LIMITS.max_depht",
                "unknown field 'max_depht' (did you mean 'max_depth'?)",
            ),
            at(5, 55, "FACTCHECK_LIMITS.max_list_items", "must be at least 1, not 0"),
        ],
    ),
    (
        "github-repository-without-owner",
        'GITHUB_REPO = "factcheck-site"\n',
        [
            at(
                5,
                1,
                "GITHUB_REPO",
                "'factcheck-site' is not a GitHub repository such as 'owner/site'",
            )
        ],
    ),
    (
        "url-pattern-with-a-date",
        'ARTICLE_URL = "{date:%Y}/{slug}/"\n',
        [
            at(
                5,
                1,
                "ARTICLE_URL",
                "uses {date}, which is not filled in here: use {slug} and {lang}",
            )
        ],
    ),
    (
        "language-url-pattern-without-lang",
        'PAGE_LANG_URL = "{slug}/"\n',
        [at(5, 1, "PAGE_LANG_URL", "needs {lang}, such as '{lang}/{slug}/'")],
    ),
    (
        "value-computed-in-the-file",
        'FACTCHECK_STRICT = "yes".upper()\n',
        [at(5, 1, "FACTCHECK_STRICT", "must be True or False, not 'YES'")],
    ),
    (
        "scale-built-from-a-name",
        f'SCALE = [{RATING[:-1]}, "icon": ""}}]\nFACTCHECK_RATINGS = list(SCALE)\n',
        [at(6, 1, "FACTCHECK_RATINGS[0].icon", "must not be empty")],
    ),
    (
        "last-assignment-counts",
        'FACTCHECK_STRICT = True\nFACTCHECK_STRICT = "no"\n',
        [at(6, 1, "FACTCHECK_STRICT", "must be True or False, not 'no'")],
    ),
    ("a-valid-custom-scale", f"FACTCHECK_RATINGS = [{RATING}]\n", []),
]


def reported(settings_file: Path) -> list[str]:
    try:
        FactcheckSettings.from_pelican(read_pelican_settings(settings_file), environ={})
    except SettingsInvalid as invalid:
        return [problem.format() for problem in sorted(invalid.problems)]
    return []


def write_settings(folder: Path, text: str, name: str = SETTINGS_FILE) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mistake_in_a_setting_is_reported_exactly(tmp_path, text, expected):
    assert reported(write_settings(tmp_path, BASE + text)) == expected


def test_the_table_covers_at_least_thirty_mistakes():
    assert len([case for case in CASES if case[2]]) >= 30


def test_every_mistake_is_reported_in_one_run(tmp_path):
    text = BASE + 'FACTCHECK_STRICT = "yes"\nFACTCHECK_STRCT = True\nGITHUB_BRANCH = ""\n'
    assert reported(write_settings(tmp_path, text)) == [
        at(5, 1, "FACTCHECK_STRICT", "must be True or False, not 'yes'"),
        at(6, 1, "FACTCHECK_STRCT", "unknown setting (did you mean 'FACTCHECK_STRICT'?)"),
        at(7, 1, "GITHUB_BRANCH", "must not be empty"),
    ]


def test_a_setting_of_a_star_imported_file_is_located_there(tmp_path):
    """publishconf.py reads pelicanconf.py with `from pelicanconf import *`."""
    write_settings(tmp_path, BASE + 'FACTCHECK_UNTRANSLATED = "none"\n')
    publish = write_settings(
        tmp_path, "from pelicanconf import *\n\nFACTCHECK_STRICT = 1\n", "publishconf.py"
    )
    assert reported(publish) == [
        "pelicanconf.py:5:1: FACTCHECK_UNTRANSLATED: must be 'fallback' or 'omit', not 'none'",
        "publishconf.py:3:1: FACTCHECK_STRICT: must be True or False, not 1",
    ]


def test_a_setting_not_written_in_the_file_is_reported_against_the_file_alone(tmp_path):
    settings = {"PATH": str(tmp_path / "content"), "FACTCHECK_STRICT": "yes"}
    with pytest.raises(SettingsInvalid) as raised:
        FactcheckSettings.from_pelican(settings, environ={})
    assert [p.format() for p in raised.value.problems] == [
        "pelicanconf.py: FACTCHECK_STRICT: must be True or False, not 'yes'"
    ]


def test_pelican_s_default_file_is_searched_only_for_the_value_that_was_read(tmp_path):
    """Pelican does not say which file it read: pelicanconf.py, if the value written is the one."""
    write_settings(tmp_path, BASE + 'FACTCHECK_UNTRANSLATED = "none"\nFACTCHECK_STRICT = False\n')
    settings = read_pelican_settings(tmp_path / SETTINGS_FILE)
    del settings["FACTCHECK_SETTINGS_FILE"]
    settings["FACTCHECK_STRICT"] = "yes"  # as another file, publishconf.py say, would set it
    with pytest.raises(SettingsInvalid) as raised:
        FactcheckSettings.from_pelican(settings, environ={})
    assert [p.format() for p in sorted(raised.value.problems)] == [
        "pelicanconf.py: FACTCHECK_STRICT: must be True or False, not 'yes'",
        "pelicanconf.py:5:1: FACTCHECK_UNTRANSLATED: must be 'fallback' or 'omit', not 'none'",
    ]


def test_the_check_prints_every_mistake_and_fails_before_reading_content(tmp_path):
    settings_file = write_settings(tmp_path, BASE + "FACTCHECK_STRICT = 1\n")
    out = io.StringIO()
    assert run_check(settings_file, github=False, out=out) == 1
    assert out.getvalue().splitlines() == [
        at(5, 1, "FACTCHECK_STRICT", "must be True or False, not 1"),
        "1 error, 0 warnings",
        "check failed: fix the settings first; no content was checked",
    ]


def test_the_check_annotates_the_settings_file_on_github(tmp_path):
    settings_file = write_settings(tmp_path, BASE + "FACTCHECK_STRICT = 1\n")
    out = io.StringIO()
    run_check(settings_file, github=True, out=out)
    assert out.getvalue().splitlines()[0] == (
        "::error file=pelicanconf.py,line=5,col=1,title=FACTCHECK_STRICT::"
        "must be True or False, not 1"
    )


def test_a_build_with_a_wrong_setting_writes_nothing(tmp_path):
    from factcheck.building.atomic import build

    project = copy_fixture_site(tmp_path / "site", FACTCHECK_UNTRANSLATED="omitt")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous build", encoding="utf-8")
    with pytest.raises(SettingsInvalid) as raised:
        build(project.settings_file, output)
    line = project.read("pelicanconf.py").splitlines().index("FACTCHECK_UNTRANSLATED = 'omitt'")
    assert str(raised.value).splitlines()[0] == (
        f"pelicanconf.py:{line + 1}:1: FACTCHECK_UNTRANSLATED: must be 'fallback' or 'omit', "
        "not 'omitt' (did you mean 'omit'?)"
    )
    assert tree(output) == {"index.html": b"the previous build"}


# -- The typed settings -------------------------------------------------------------


def test_settings_left_out_take_their_declared_defaults(tmp_path):
    settings = FactcheckSettings.from_pelican({"PATH": str(tmp_path / "content")}, environ={})
    assert settings.content_dir == (tmp_path / "content").resolve()
    assert settings.project_root == tmp_path.resolve()
    assert settings.languages == ("en",)
    assert list(settings.ratings) == [r["key"] for r in DEFAULT_RATINGS]
    assert (settings.untranslated, settings.fallback) == ("fallback", True)
    assert settings.public_url == "http://127.0.0.1:8000"
    assert (settings.publisher, settings.github_repo, settings.github_branch) == (None, "", "main")
    assert settings.strict_allows == frozenset()


def test_the_example_site_settings_are_read_once_into_the_typed_object():
    settings = FactcheckSettings.from_pelican(read_pelican_settings(REPO / "pelicanconf.py"))
    assert settings.languages == ("en", "es")
    assert settings.fallback is True
    assert settings.site_text("SITENAME", "es") == "El caso Hernández Romero, verificado"
    assert settings.site_text("SITENAME", "en") == "The Hernández Romero case, fact-checked"
    assert (settings.og_locale("es"), settings.og_locale("fr")) == ("es_ES", "fr")
    assert settings.settings_file == str(REPO / "pelicanconf.py")


def test_omit_is_read_in_one_place(tmp_path):
    settings = FactcheckSettings.from_pelican(
        {"PATH": str(tmp_path), "FACTCHECK_UNTRANSLATED": "omit"}, environ={}
    )
    assert settings.fallback is False


def test_the_environment_overrides_the_archive_endpoint(tmp_path):
    settings = {"PATH": str(tmp_path), "FACTCHECK_ARCHIVE_ENDPOINT": "https://a.example"}
    read = FactcheckSettings.from_pelican
    assert read(settings, environ={}).archive_endpoint == "https://a.example"
    environ = {"FACTCHECK_ARCHIVE_ENDPOINT": "http://127.0.0.1:9"}
    assert read(settings, environ=environ).archive_endpoint == "http://127.0.0.1:9"


def test_every_declared_setting_is_a_field_of_the_typed_settings():
    from dataclasses import fields

    names = {f.name for f in fields(FactcheckSettings)}
    assert sorted(s.field for s in SETTINGS if s.field not in names) == []
    assert sorted(names - {s.field for s in SETTINGS}) == []


# -- The rating scale ----------------------------------------------------------------


def test_the_default_scale_gets_the_icons_and_colours_the_theme_always_showed():
    ratings = read_ratings(DEFAULT_RATINGS)
    assert {key: (r.icon, r.colour.light, r.colour.dark) for key, r in ratings.items()} == {
        "true": ("✔", "#00703c", "#5fd08a"),
        "mostly-true": ("✔", "#00703c", "#5fd08a"),
        "mixed": ("◐", "#8a5a00", "#f0b84a"),
        "mostly-false": ("✘", "#b3261e", "#ff8a80"),
        "false": ("✘", "#b3261e", "#ff8a80"),
        "unsupported": ("?", "#505a5f", "#b9c0c5"),
    }


def test_a_custom_scale_gets_icons_and_colours_by_its_places():
    def entry(key: str, value: int | None) -> dict:
        return {"key": key, "label": key, "definition": "d", "value": value}

    four = read_ratings([entry("a", 4), entry("b", 3), entry("c", 2), entry("d", 1)])
    assert [r.icon for r in four.values()] == ["✔", "✔", "✘", "✘"]
    three = read_ratings(
        [entry("yes", 10), entry("partly", 5), entry("no", 0), entry("unrated", None)]
    )
    assert [r.icon for r in three.values()] == ["✔", "◐", "✘", "?"]
    unnumbered = read_ratings([entry("noted", None)])
    assert unnumbered["noted"].colour == RatingColour("#505a5f", "#b9c0c5")


def test_a_rating_keeps_its_own_icon_and_colour_in_every_language():
    (rating,) = read_ratings(
        [
            {
                "key": "satire",
                "label": "Satire",
                "definition": "d",
                "icon": "☺",
                "colour": {"light": "#4c2c92", "dark": "#d3b8ff"},
                "translations": {"es": {"label": "Sátira", "definition": "s"}},
            }
        ]
    ).values()
    spanish = rating.in_language("es")
    assert spanish == Rating(
        "satire",
        "Sátira",
        "s",
        None,
        (("es", "Sátira", "s"),),
        "☺",
        RatingColour("#4c2c92", "#d3b8ff"),
    )


def test_a_malformed_scale_given_directly_names_the_setting():
    with pytest.raises(SettingsInvalid) as raised:
        read_ratings([{"key": "true", "label": "True"}])
    assert [p.format() for p in raised.value.problems] == [
        "pelicanconf.py: FACTCHECK_RATINGS[0].definition: required field is missing"
    ]


def six_digits(colour: str) -> str:
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


@pytest.mark.parametrize("stylesheet", ["site.css", "card.css"])
def test_colours_are_checked_against_the_theme_backgrounds(stylesheet):
    """BACKGROUNDS is what the theme paints: its --bg (and --panel) in each scheme."""
    css = (REPO / "theme" / "static" / "css" / stylesheet).read_text(encoding="utf-8")
    light, _, dark = css.partition("@media (prefers-color-scheme: dark)")
    for scheme, text in (("light", light), ("dark", dark)):
        painted = {name: six_digits(c) for name, c in re.findall(r"--(bg|panel):\s*(#\w+)", text)}
        checked = dict(BACKGROUNDS[scheme])
        assert painted["bg"] == checked["page"], (stylesheet, scheme)
        assert painted.get("panel", checked["panel"]) == checked["panel"], (stylesheet, scheme)


def test_the_contrast_ratio_is_wcag_s():
    assert round(contrast_ratio("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48


def test_the_scale_s_colours_are_one_stylesheet_for_the_theme():
    scale = read_ratings(
        [
            {"key": "correct", "label": "Correct", "definition": "d", "value": 2},
            {"key": "wrong", "label": "Wrong", "definition": "d", "value": 1},
            {
                "key": "satire",
                "label": "Satire",
                "definition": "d",
                "colour": {"light": "#4c2c92", "dark": "#d3b8ff"},
            },
        ]
    )
    assert colour_stylesheet(scale.values()).splitlines() == [
        "/* Each rating's colour, from the site's rating scale (FACTCHECK_RATINGS). */",
        ".rating-correct { --rating: #00703c; }",
        ".rating-wrong { --rating: #b3261e; }",
        ".rating-satire { --rating: #4c2c92; }",
        "@media (prefers-color-scheme: dark) {",
        "  .rating-correct { --rating: #5fd08a; }",
        "  .rating-wrong { --rating: #ff8a80; }",
        "  .rating-satire { --rating: #d3b8ff; }",
        "}",
    ]


def test_the_theme_hard_codes_no_rating_icon():
    macros = (REPO / "theme" / "templates" / "macros.html").read_text(encoding="utf-8")
    ratings = read_ratings(DEFAULT_RATINGS).values()
    assert [r.icon for r in ratings if r.icon in macros] == []
    assert [r.key for r in ratings if f"'{r.key}'" in macros] == []


@pytest.mark.parametrize("stylesheet", ["site.css", "card.css"])
def test_the_theme_s_stylesheets_hard_code_no_rating(stylesheet):
    """Ratings are painted with --rating, which theme/css/ratings.css sets from the scale."""
    css = (REPO / "theme" / "static" / "css" / stylesheet).read_text(encoding="utf-8")
    keys = [r["key"] for r in DEFAULT_RATINGS if f"rating-{r['key']}" in css]
    assert (keys, "--rating:" in css) == ([], False)
    assert "var(--rating" in css


@pytest.mark.parametrize("template", ["base.html", "claim_card.html"])
def test_every_page_links_the_scale_s_colours(template):
    text = (REPO / "theme" / "templates" / template).read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="{{ SITEURL }}/theme/css/ratings.css">' in text


def test_a_custom_scale_is_painted_with_its_own_colours(tmp_path):
    from factcheck.building.atomic import build

    scale = [*read_pelican_settings(REPO / "pelicanconf.py")["FACTCHECK_RATINGS"]]
    scale.append(
        {
            "key": "satire",
            "label": "Satire",
            "definition": "d",
            "icon": "☺",
            "colour": {"light": "#4c2c92", "dark": "#d3b8ff"},
        }
    )
    project = copy_fixture_site(tmp_path / "site", FACTCHECK_RATINGS=scale)
    claim = project.read("content/claims/budget-doubled.yaml")
    project.write(
        "content/claims/budget-doubled.yaml",
        re.sub(r"(?m)^rating: .*$", "rating: satire", claim),
        dedent=False,
    )
    output = tmp_path / "output"
    build(project.settings_file, output)
    stylesheet = (output / "theme" / "css" / "ratings.css").read_text(encoding="utf-8")
    assert ".rating-satire { --rating: #4c2c92; }" in stylesheet.splitlines()
    assert "  .rating-satire { --rating: #d3b8ff; }" in stylesheet.splitlines()
    page = (output / "claims" / "budget-doubled" / "index.html").read_text(encoding="utf-8")
    assert '<p class="rating rating-satire" data-rating="satire">' in page
    assert '<span class="rating-icon" aria-hidden="true">☺</span>' in page


# -- The guide ------------------------------------------------------------------------

GUIDE = (REPO / "docs" / "editing.md").read_text(encoding="utf-8")


def guide_section(heading: str, level: int) -> str:
    marks = "#" * level
    match = re.search(rf"^{marks} {re.escape(heading)}\s*$", GUIDE, re.M)
    assert match, f"docs/editing.md has no heading {marks} {heading}"
    end = re.compile(rf"^#{{1,{level}}} ", re.M).search(GUIDE, match.end())
    return GUIDE[match.end() : end.start() if end else len(GUIDE)]


def documented_settings() -> list[str]:
    section = guide_section("Settings", 2)
    return re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", section, re.M)


def test_every_declared_setting_is_in_the_guide():
    documented = documented_settings()
    assert [s.name for s in SETTINGS if s.name not in documented] == []


def test_the_guide_documents_no_setting_that_is_not_declared():
    declared = {s.name for s in SETTINGS}
    assert [name for name in documented_settings() if name not in declared] == []


@pytest.mark.parametrize(("group", "heading"), GROUP_HEADINGS.items())
def test_the_guide_s_tables_are_the_declarations(group, heading):
    """After changing a declaration: `uv run python -m factcheck.settings.guide`, then paste."""
    assert settings_table(group) in guide_section(heading, 3)


def test_the_guide_shows_the_default_scale_with_its_icons_and_colours():
    assert scale_table() in guide_section("Rating scale", 3)


def test_the_guide_documents_each_field_of_a_rating():
    rows = re.findall(r"^\| `(\w+)` \|", guide_section("Rating scale", 3), re.M)
    fields = [row for row in rows if row.islower() and row not in DEFAULT_KEYS]
    assert fields == list(ENTRY.fields)


DEFAULT_KEYS = {r["key"] for r in DEFAULT_RATINGS}
