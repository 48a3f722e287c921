"""Hostile text in every kind of field comes out inert.

In the style of goldmark's attack tables: each payload is written into plain
text fields (shown escaped, never dropped) and Markdown fields (sanitized) of
the fixture site, the site is built once, and every page is checked for
anything executable, anything loaded from elsewhere, and anything that could
restyle or redirect the page. A second table pins the exact sanitized output
of the Markdown renderer.
"""

from __future__ import annotations

import functools
import json
import xml.dom.minidom
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import copy_fixture_site

from factcheck.build import build
from factcheck.markdown_html import LinkTable, MarkdownRenderer

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

# Elements no page of this site ever has in its body, whatever the content.
FORBIDDEN_ELEMENTS = {
    "audio", "base", "button", "embed", "form", "frame", "iframe", "input", "math",
    "noscript", "object", "select", "source", "style", "svg", "template", "textarea", "video",
}  # fmt: skip
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcdoc", "data", "poster", "xlink:href")


def yaml_text(value: str) -> str:
    """A YAML scalar holding exactly `value` (JSON strings are YAML)."""
    return json.dumps(value)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    project = copy_fixture_site(root / "site")
    sources = []
    for number, payload in enumerate(PAYLOADS):
        text = yaml_text(payload)
        sources.append(
            f"hostile-{number}:\n  title: {text}\n  publisher: {text}\n"
            f"  url: https://example.org/{number}\n  date: 2025-01-10\n"
            f"  archive_url: https://web.archive.org/{number}\n"
        )
        project.write(
            f"content/people/person-{number}.yaml",
            f"name: {text}\naliases: [{text}]\nsummary: {text}\npublished: 2025-05-30\n"
            f"facts:\n  - label: {text}\n    value: {text}\n    sources: [hostile-{number}]\n"
            f"timeline:\n  - date: 2025-01\n    text: {text}\n    sources: [hostile-{number}]\n"
            f"updates:\n  - date: 2025-06-01\n    kind: correction\n    text: {text}\n",
            dedent=False,
        )
        project.write(
            f"content/claims/claim-{number}.yaml",
            f"claim: {text}\nclaimant: person-{number}\ndate: 2025-03\n"
            f"appearances: [hostile-{number}]\nrating: mixed\nverdict: {text}\n"
            f"analysis: {yaml_text(payload + ' [@hostile-' + str(number) + ']')}\n"
            f"sources:\n  - source: hostile-{number}\n    quote: {text}\n    note: {text}\n"
            f"published: 2025-05-30\n"
            f"updates:\n  - date: 2025-06-01\n    kind: update\n    text: {text}\n",
            dedent=False,
        )
    project.write("content/sources/hostile.yaml", "".join(sources), dedent=False)
    project.write(
        "content/explainers/hostile.md",
        "Title: Hostile\nDate: 2025-05-30\nSummary: Every payload in a body.\n\n"
        + "\n\n".join(PAYLOADS)
        + "\n",
        dedent=False,
    )
    out = root / "output"
    build(project.settings_file, out)
    return out


@functools.lru_cache(maxsize=256)
def parse(out, url):
    """Each page is parsed once; tests only read the tree."""
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def assert_inert(soup: BeautifulSoup, where: str) -> None:
    for element in soup.find_all(True):
        name = element.name
        assert name not in FORBIDDEN_ELEMENTS, (where, str(element)[:200])
        if name == "script":
            assert element.get("type") == "application/ld+json", (where, str(element)[:200])
            json.loads(element.string)
        if name == "meta" and element.get("http-equiv"):
            assert element["http-equiv"] == "Content-Security-Policy", (where, str(element))
        if name == "link":
            assert element.find_parent("head") is not None, (where, str(element))
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), (where, str(element)[:200])
            assert attribute.lower() not in ("style", "target", "srcdoc", "formaction"), (
                where,
                str(element)[:200],
            )
            if attribute.lower() in URL_ATTRIBUTES:
                parts = urlsplit(value.strip())
                assert parts.scheme in ("", "http", "https"), (where, str(element)[:200])
                if attribute == "src":
                    assert not parts.netloc and not value.startswith("//"), (
                        where,
                        str(element)[:200],
                    )


@pytest.mark.parametrize("number", range(len(PAYLOADS)), ids=[p[:40] for p in PAYLOADS])
def test_payload_is_inert_on_every_page_it_reaches(hostile_site, number):
    for url in (f"claims/claim-{number}", f"people/person-{number}"):
        assert_inert(parse(hostile_site, url), url)


@pytest.mark.parametrize("number", range(len(PAYLOADS)), ids=[p[:40] for p in PAYLOADS])
def test_plain_text_fields_show_the_payload_escaped_not_dropped(hostile_site, number):
    payload = PAYLOADS[number]
    claim = parse(hostile_site, f"claims/claim-{number}")
    assert claim.h1.get_text() == f"Claim: “{payload}”"
    quote = claim.select_one("section.evidence blockquote")
    assert quote.get_text(strip=True) == f"“{payload}”".strip()
    person = parse(hostile_site, f"people/person-{number}")
    assert person.h1.get_text() == payload
    assert person.select_one("dl.facts dt").get_text() == payload
    bibliography = parse(hostile_site, "sources")
    entry = bibliography.find(id=f"src-hostile-{number}")
    assert entry.find("cite").get_text() == payload


@pytest.mark.parametrize("number", range(len(PAYLOADS)), ids=[p[:40] for p in PAYLOADS])
def test_json_ld_keeps_the_text_and_cannot_close_its_script(hostile_site, number):
    payload = PAYLOADS[number]
    html = (hostile_site / f"claims/claim-{number}/index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    raw = html[start : html.index("</script>", start)]
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw
    data = json.loads(raw)
    assert data["claimReviewed"] == payload
    assert data["itemReviewed"]["author"]["name"] == payload


def test_index_pages_and_explainer_are_inert(hostile_site):
    for url in ("", "claims", "people", "sources", "updates", "explainers", "explainers/hostile"):
        assert_inert(parse(hostile_site, url) if url else parse(hostile_site, "."), url or "home")


def test_update_feed_is_well_formed_xml(hostile_site):
    xml.dom.minidom.parse(str(hostile_site / "feeds" / "updates.atom.xml"))


def test_the_table_has_at_least_forty_payloads():
    assert len(PAYLOADS) >= 40


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
