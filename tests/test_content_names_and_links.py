"""The rules that name content files, each with one home, as the check and the pages read them.

File names (``<slug>.<lang>.<ext>``), explainer or page, ``{filename}`` and
``{static}`` links, and ``[@id]`` citations: the check, the links, the reader
and the renderer ask the same functions, and these tables pin what they say.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from factcheck.content.content_files import ContentFileName, is_explainer, parse_file_name
from factcheck.content.markdown_references import collect_citations, collect_links
from factcheck.content.reading import Reader
from factcheck.content.validate import resolve_site_link
from factcheck.settings import FactcheckSettings
from factcheck.views.links import LinkTable, content_url
from factcheck.views.markdown_html import MarkdownRenderer

FILE_NAMES = [
    ("jane-doe.yaml", ContentFileName("jane-doe", "", "yaml", False)),
    ("jane-doe.es.yaml", ContentFileName("jane-doe", "es", "yaml", True)),
    ("city-budget.es.md", ContentFileName("city-budget", "es", "md", True)),
    # An empty language part still makes a translation, refused by its name check.
    ("x..md", ContentFileName("x", "", "md", True)),
    ("a.b.c.md", ContentFileName("a", "b.c", "md", True)),
]


@pytest.mark.parametrize(("name", "expected"), FILE_NAMES, ids=[n for n, _ in FILE_NAMES])
def test_a_file_name_says_slug_language_and_extension(name, expected):
    assert parse_file_name(name) == expected


def test_an_explainer_is_told_from_a_page_by_its_folder():
    assert is_explainer("explainers/city-budget.md")
    assert is_explainer("explainers/city-budget.es.md")
    assert not is_explainer("pages/about.md")
    assert not is_explainer("pages/explainers.md")


SETTINGS = FactcheckSettings(
    content_dir=Path("content"),
    project_root=Path("."),
    ratings={},
    default_lang="en",
    article_url="explainers/{slug}/",
    article_lang_url="{lang}/explainers/{slug}/",
    page_url="{slug}/",
    page_lang_url="{lang}/{slug}/",
)
URLS = [
    ("people/jane-doe.yaml", "people/jane-doe/"),
    ("people/jane-doe.es.yaml", "es/people/jane-doe/"),
    ("claims/x.yaml", "claims/x/"),
    ("explainers/city-budget.md", "explainers/city-budget/"),
    ("explainers/city-budget.es.md", "es/explainers/city-budget/"),
    ("pages/about.es.md", "es/about/"),
    ("people/jane-doe.md", None),
    ("sources/news.yaml", None),
]


@pytest.mark.parametrize(("relative", "url"), URLS, ids=[r for r, _ in URLS])
def test_a_content_file_is_published_where_its_name_says(relative, url):
    assert content_url(relative, SETTINGS) == url


# (link, folder of the file it is written in) -> (static, path, fragment, leaves the folder)
SITE_LINKS = [
    ("{filename}/people/x.yaml", "claims", (False, "people/x.yaml", "", False)),
    ("{filename}../people/x.yaml#born", "claims", (False, "people/x.yaml", "born", False)),
    ("{filename}y.yaml", "claims", (False, "claims/y.yaml", "", False)),
    ("{static}/images/a.jpg", "explainers", (True, "images/a.jpg", "", False)),
    ("{static}../images/a.jpg", "explainers", (True, "images/a.jpg", "", False)),
    ("{filename}../../etc/passwd", "claims", (False, "../etc/passwd", "", True)),
    ("{filename}/..", "pages", (False, "..", "", True)),
]


@pytest.mark.parametrize(
    ("target", "folder", "expected"), SITE_LINKS, ids=[t for t, *_ in SITE_LINKS]
)
def test_a_site_link_names_one_file_under_content(target, folder, expected):
    link = resolve_site_link(target, folder)
    assert (link.static, link.path, link.fragment, link.leaves_content_folder) == expected


def test_the_rendered_link_leads_where_the_check_resolved_it():
    renderer = MarkdownRenderer(LinkTable({"people/x.yaml": "people/x/"}, ""))
    renderer.start_page("claims/y.yaml")
    # The last link names no file: the check reports it before any page is rendered.
    html = renderer.inline(
        "[a]({filename}../people/x.yaml#born), [b]({filename}/people/x.yaml), "
        "![c]({static}../images/c.jpg), [d]({filename}/people/missing.yaml)"
    )
    assert str(html) == (
        '<a href="/people/x/#born" rel="noopener noreferrer">a</a>, '
        '<a href="/people/x/" rel="noopener noreferrer">b</a>, '
        '<img alt="c" src="/images/c.jpg">, '
        '<a href="#" rel="noopener noreferrer">d</a>'
    )


def test_a_picture_of_this_site_is_kept_under_an_absolute_siteurl():
    """A publish build (SITEURL set) gives {static} pictures absolute addresses."""
    renderer = MarkdownRenderer(LinkTable({}, "https://desk.example/site"))
    renderer.start_page("explainers/y.md")
    html = renderer.inline(
        "![ours]({static}/images/c.jpg) ![theirs](https://elsewhere.example/c.jpg) "
        "![lookalike](https://desk.example/site-copy/c.jpg)"
    )
    assert str(html) == (
        '<img alt="ours" src="https://desk.example/site/images/c.jpg"> '
        '<img alt="theirs"> <img alt="lookalike">'
    )


CITED_TEXTS = [
    "One [@a].",
    "Two at once [@a; @b], then [@b].",
    "Spacing [@a;@b;   @c] and order [@c] [@a].",
    "Next to each other [@a][@b] and before a link [@c](https://example.org/).",
    # Markdown shows a code span as written: what it holds cites nothing.
    "Written `[@a]` in code, ``or `[@b]` here``, then cited [@c].",
    "An unclosed ` backtick still lets [@a] cite, as does ``this [@b].",
]


@pytest.mark.parametrize("text", CITED_TEXTS)
def test_the_page_numbers_every_source_the_check_recorded_in_the_same_order(text):
    written = json.dumps(text)  # a YAML scalar, double-quoted
    reader = Reader("claims/x.yaml", written, [], [])
    node = yaml.compose(written)
    collect_citations(text, node, "analysis", reader, allowed=True)
    renderer = MarkdownRenderer(LinkTable({}, ""))
    citations = renderer.start_page("claims/x.yaml")
    renderer.block(text)
    assert citations.log == [ref.key for ref in reader.references]


def test_a_link_written_in_code_is_shown_not_checked():
    """Code shows an address as text; the same address as a link is refused."""
    text = "Scripts such as `[x](javascript:alert(1))` are shown as code; [y](ftp://a) is a link."
    written = json.dumps(text)
    reader = Reader("claims/x.yaml", written, [], [])
    collect_links(text, yaml.compose(written), "analysis", reader)
    assert [problem.message for problem in reader.problems] == [
        "only http and https links are allowed, found 'ftp://a'"
    ]
