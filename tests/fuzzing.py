"""Hypothesis strategies that break valid content files, and a check that runs one.

Every strategy starts from one of the fixture site's own files (a person, a
claim, a sources file, an explainer, a page) or one of its Spanish
translations (kept in ``tests/data/fuzz-seeds/``, as the fixture site has
none) and damages it a little: most
examples stay close to a valid file, so they travel deep into the schema
instead of stopping at the first YAML syntax error. The damage comes in three
layers, each optional, applied in order:

1. structure: keys dropped, duplicated or renamed, values of the wrong type,
   hostile Unicode, very long text, deep nesting, long lists, tags and aliases
   (YAML is re-emitted by PyYAML's serializer, in random styles);
2. text: YAML syntax fragments, directives, extra documents, a BOM, tabs,
   control characters, lines deleted, repeated or swapped;
3. bytes: invalid UTF-8, encoded surrogates, other encodings.

``check_site`` writes the result over the seed file in a copy of the fixture
site (with the translations added and Spanish among its languages) and runs
the same whole-site check as ``invoke check``; ``build_site`` runs the real
build of such a copy. The property
tests in ``test_fuzz.py`` and the long ``invoke fuzz`` run share all of this.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import yaml
from conftest import FIXTURE_SITE, REPO, Project, copy_fixture_site
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factcheck.content.loading import Site
from factcheck.content.problems import Problem
from factcheck.content.validate import check_content
from factcheck.settings import FactcheckSettings

# The file each kind of example replaces, relative to content/.
SEED_FILES = {
    "person": "people/jane-doe.yaml",
    "claim": "claims/budget-doubled.yaml",
    "sources": "sources/main.yaml",
    "explainer": "explainers/city-budget.md",
    "page": "pages/about.md",
    "person-translation": "people/jane-doe.es.yaml",
    "claim-translation": "claims/budget-doubled.es.yaml",
    "explainer-translation": "explainers/city-budget.es.md",
    "page-translation": "pages/about.es.md",
}
YAML_KINDS = ("person", "claim", "sources", "person-translation", "claim-translation")
MARKDOWN_KINDS = ("explainer", "page", "explainer-translation", "page-translation")
KINDS = YAML_KINDS + MARKDOWN_KINDS
TRANSLATION_KINDS = tuple(kind for kind in KINDS if kind.endswith("-translation"))

# Valid translations of the fixture site's files, the seeds of the translation
# kinds; the site every example is checked in holds them all.
TRANSLATION_SEEDS = REPO / "tests" / "data" / "fuzz-seeds"
LANGUAGES = ["en", "es"]

_FastDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml, where PyYAML has it

STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
NULL_TAG = "tag:yaml.org,2002:null"


def seed_text(kind: str) -> str:
    folder = TRANSLATION_SEEDS if kind in TRANSLATION_KINDS else FIXTURE_SITE / "content"
    return (folder / SEED_FILES[kind]).read_text(encoding="utf-8")


# -- hostile text -------------------------------------------------------------

# Characters that have broken parsers and terminals before: NUL and other C0
# controls, DEL, C1 controls (NEL is a YAML line break), Unicode line and
# paragraph separators, direction overrides ("Trojan Source"), zero-width
# characters, BOMs, non-characters, lone surrogates, and characters outside
# the Basic Multilingual Plane.
HOSTILE_CHARACTERS = (
    "\x00\x01\x07\x08\t\x0b\x0c\r\x1b\x7f\x80\x85\x9f"
    "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u200b\u200d\u200e\u200f\u2060\ufeff\ufffe\uffff\ufffd"
    "\ud800\udbff\udc00\udfff"
    "\U0001f600\U0010ffff\u0301\u00e9\u4e2d"
)

# Pieces of YAML syntax, dropped into values, keys or anywhere in a file.
YAML_FRAGMENTS = (
    "&a ",
    "*a",
    "&a [1, 2]",
    "*a\n",
    "!!python/object/apply:os.system ['true']",
    "!!python/name:os.system",
    "!!binary aGVsbG8=",
    "!custom ",
    "!<tag:example.com,2000:x> ",
    "{",
    "}",
    "[",
    "]",
    "- ",
    "? ",
    ": ",
    ":",
    "\t",
    " \t",
    "#",
    "|",
    ">-",
    "|+9",
    '"',
    "'",
    "\\",
    '"\\ud800"',
    '"\\x00\\u202e\\U0010ffff"',
    "%YAML 1.1\n---\n",
    "%YAML 1.3\n",
    "%TAG ! tag:example.com,2000:\n---\n",
    "---\n",
    "...\n",
    "\n---\nname: second document\n",
    "\ufeff",
    "<<: {name: merged}",
    "~",
    "null",
    "yes",
    "no",
    "0x1F",
    "1e400",
    ".nan",
    "2025-02-30",
    "2025-13-01",
    "0000-00-00",
    "9999-12-31T23:59:60Z",
)

# Values that try to name something outside the content or output folder.
PATH_VALUES = (
    "../../evil",
    "../x",
    "/etc/passwd",
    "..",
    ".",
    "",
    "a/../../b",
    "..\\..\\evil",
    "%2e%2e/evil",
    "C:/Windows/win.ini",
    "~/.ssh/id_rsa",
    "file:///etc/passwd",
    "index",
    "feeds",
    "theme",
)

# Markdown that reaches links, citations and raw HTML in explainers and pages.
MARKDOWN_FRAGMENTS = (
    "[x]({filename}../../etc/passwd)",
    "[x]({filename}/people/nobody.yaml)",
    "[x]({static}/../../pelicanconf.py)",
    "![x](/etc/passwd)",
    "![x](../../evil.png)",
    "[x](javascript:alert(1))",
    "<JaVaScRiPt:alert(1)>",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[@",
    "[@]",
    "[@unknown-source]",
    "[@city-2025-01-10; @]",
    "[@Bad Id]",
    "<script>alert(1)</script>",
    "<!--",
    "```\n",
    "> " * 60,
    "".join("  " * depth + "- item\n" for depth in range(40)),
    "\t- tabbed",
    "[x](<{filename}/people/jane-doe.yaml>)",
    '[x]( {filename}/claims/budget-doubled.yaml "t" )',
)

MARKDOWN_HEADER_KEYS = (
    "Title",
    "Date",
    "Summary",
    "Modified",
    "People",
    "Sources",
    "Updates",
    "Slug",
    "Lang",
    "Status",
    "Template",
    "Save_as",
    "Url",
    "Category",
    "TITLE",
    "title",
    "x-unknown",
)


def characters() -> st.SearchStrategy[str]:
    """Any code point, surrogates included, weighted towards hostile ones."""
    return st.one_of(
        st.sampled_from(HOSTILE_CHARACTERS),
        st.characters(exclude_categories=()),  # surrogates too
    )


def long_text() -> st.SearchStrategy[str]:
    """Text long enough to cross the line limit, or the file size limit."""
    return st.builds(
        lambda unit, count: unit * count,
        st.sampled_from(["a", "é", "word ", "\u202e", "[@", "{", "\\", " ", "\n"]),
        st.sampled_from([300, 21_000, 120_000, 1_100_000]),
    )


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(characters(), max_size=30),
        st.sampled_from(YAML_FRAGMENTS),
        st.sampled_from(PATH_VALUES),
        st.sampled_from(MARKDOWN_FRAGMENTS),
        long_text(),
    )


# -- layer 1: YAML structure ----------------------------------------------------

HOSTILE_TAGS = (
    "tag:yaml.org,2002:python/object/apply:os.system",
    "tag:yaml.org,2002:python/name:os.system",
    "tag:yaml.org,2002:binary",
    "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:timestamp",
    "!custom",
    "tag:example.com,2000:x",
)

KEY_NAMES = (
    "name",
    "Name",
    "nmae",
    "kind",
    "summary",
    "sources",
    "source",
    "date",
    "url",
    "offline",
    "image",
    "file",
    "claimant",
    "claimant_name",
    "rating",
    "updates",
    "",
    "<<",
    "__proto__",
)


def _slots(root: Node) -> list[tuple[Node, int]]:
    """Every place a value sits: (mapping or list, index), parents before children."""
    found: list[tuple[Node, int]] = []
    seen: set[int] = set()  # an alias can make the tree a graph, even a cycle
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for index, (_, value) in enumerate(node.value):
                found.append((node, index))
                queue.append(value)
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                found.append((node, index))
                queue.append(item)
    return found


def _get(slot: tuple[Node, int]) -> Node:
    container, index = slot
    item = container.value[index]
    return item[1] if isinstance(container, MappingNode) else item


def _set(slot: tuple[Node, int], node: Node) -> None:
    container, index = slot
    if isinstance(container, MappingNode):
        container.value[index] = (container.value[index][0], node)
    else:
        container.value[index] = node


def _scalar(value: str, tag: str = STR_TAG) -> ScalarNode:
    return ScalarNode(tag, value)


def _key_name(key: Node) -> str:
    # An earlier mutation may have made the key a list.
    return key.value if isinstance(key, ScalarNode) else "key"


@st.composite
def replacement_node(draw, old: Node) -> Node:
    """A value of another type, or the same type with hostile content."""
    choice = draw(st.sampled_from(["text", "null", "list", "mapping", "nested", "long-list"]))
    if choice == "text":
        return _scalar(draw(hostile_text()))
    if choice == "null":
        return _scalar("", NULL_TAG)
    if choice == "list":
        return SequenceNode(SEQ_TAG, [old])
    if choice == "mapping":
        return MappingNode(MAP_TAG, [(_scalar(draw(st.sampled_from(KEY_NAMES))), old)])
    if choice == "nested":
        # Deep enough to cross the depth limit; shallow enough for PyYAML's
        # recursive serializer. Deeper nesting comes from text fragments.
        depth = draw(st.sampled_from([1, 6, 7, 8, 9, 60, 250]))
        node = old
        for level in range(depth):
            node = (
                SequenceNode(SEQ_TAG, [node])
                if level % 2
                else MappingNode(MAP_TAG, [(_scalar("k"), node)])
            )
        return node
    count = draw(st.sampled_from([0, 1, 2_000, 2_001]))
    return SequenceNode(SEQ_TAG, [_scalar(f"item-{number}") for number in range(count)])


@st.composite
def mutated_tree(draw, root: MappingNode) -> MappingNode:
    """Apply one to four structural mutations to a composed YAML tree."""
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(root)
        operation = draw(
            st.sampled_from(
                ["replace", "drop-key", "duplicate-key", "rename-key", "tag", "alias", "add-key"]
            )
        )
        # Mapping slots for key operations; the top-level mapping counts too.
        mappings = [root] + [_get(s) for s in slots if isinstance(_get(s), MappingNode)]
        mapping = draw(st.sampled_from(mappings))
        if operation == "replace" and slots:
            slot = draw(st.sampled_from(slots))
            _set(slot, draw(replacement_node(_get(slot))))
        elif operation == "drop-key" and mapping.value:
            del mapping.value[draw(st.integers(0, len(mapping.value) - 1))]
        elif operation == "duplicate-key" and mapping.value:
            index = draw(st.integers(0, len(mapping.value) - 1))
            key, value = mapping.value[index]
            if draw(st.booleans()):
                value = draw(replacement_node(value))
            mapping.value.insert(
                draw(st.integers(0, len(mapping.value))), (_scalar(_key_name(key)), value)
            )
        elif operation == "rename-key" and mapping.value:
            index = draw(st.integers(0, len(mapping.value) - 1))
            key, value = mapping.value[index]
            new_key: Node = _scalar(draw(st.one_of(st.sampled_from(KEY_NAMES), hostile_text())))
            if draw(st.integers(0, 5)) == 0:  # a list or mapping as a key
                new_key = SequenceNode(SEQ_TAG, [_scalar(_key_name(key))], flow_style=True)
            mapping.value[index] = (new_key, value)
        elif operation == "add-key":
            key = _scalar(draw(st.one_of(st.sampled_from(KEY_NAMES), hostile_text())))
            mapping.value.append((key, _scalar(draw(hostile_text()))))
        elif operation == "tag" and slots:
            node = _get(draw(st.sampled_from(slots)))
            node.tag = draw(st.sampled_from(HOSTILE_TAGS))
        elif operation == "alias" and len(slots) >= 2:
            # PyYAML's serializer writes a node that occurs twice as &anchor / *alias.
            source = _get(draw(st.sampled_from(slots)))
            _set(draw(st.sampled_from(slots)), source)
    return root


@st.composite
def emitted_yaml(draw, root: MappingNode) -> str:
    """The tree written back as YAML text, in a random but valid style."""
    scalar_style = draw(st.sampled_from([None, None, '"', "'", "|", ">"]))
    flow_style = draw(st.sampled_from([None, False, True]))
    seen: set[int] = set()
    scalars: list[ScalarNode] = []
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            scalars.append(node)
            node.style = scalar_style if scalar_style is not None else node.style
        else:
            node.flow_style = flow_style if flow_style is not None else node.flow_style
            children = node.value
            if isinstance(node, MappingNode):
                children = [part for pair in node.value for part in pair]
            stack.extend(children)
    options = {
        "allow_unicode": draw(st.booleans()),
        "width": draw(st.sampled_from([80, 40, 1_000_000])),
        "canonical": draw(st.integers(0, 7)) == 0,
        "explicit_start": draw(st.booleans()),
        "version": (1, 1) if draw(st.integers(0, 7)) == 0 else None,
    }
    try:
        # libyaml's emitter: PyYAML's own takes seconds for the long values.
        return yaml.serialize(root, Dumper=_FastDumper, **options)
    except UnicodeEncodeError:
        # libyaml cannot take a lone surrogate; PyYAML's emitter escapes it
        # ("\ud800"), which is what a hostile editor would write.
        if sum(len(node.value) for node in scalars) > 50_000:
            for node in scalars:  # too slow in pure Python: give up the surrogates
                node.value = node.value.encode("utf-8", "replace").decode("utf-8")
            return yaml.serialize(root, Dumper=_FastDumper, **options)
        return yaml.serialize(root, Dumper=yaml.SafeDumper, **options)


@st.composite
def mutated_yaml_structure(draw, kind: str) -> str:
    root = yaml.compose(seed_text(kind), Loader=yaml.SafeLoader)
    return draw(emitted_yaml(draw(mutated_tree(root))))


# -- layer 1: Markdown header and body ----------------------------------------


@st.composite
def mutated_markdown_structure(draw, kind: str) -> str:
    """Header lines dropped, duplicated, renamed or given hostile values; body fragments."""
    header_text, _, body = seed_text(kind).partition("\n\n")
    lines = header_text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(
            st.sampled_from(
                ["drop", "duplicate", "value", "add", "continuation", "fence", "body", "case"]
            )
        )
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        if operation == "drop" and lines:
            del lines[index]
        elif operation == "duplicate" and lines:
            lines.insert(draw(st.integers(0, len(lines))), lines[index])
        elif operation == "value" and lines:
            key = lines[index].partition(":")[0]
            lines[index] = f"{key}: {draw(hostile_text())}"
        elif operation == "add":
            key = draw(st.sampled_from(MARKDOWN_HEADER_KEYS))
            value = draw(st.one_of(hostile_text(), st.sampled_from(PATH_VALUES)))
            lines.insert(draw(st.integers(0, len(lines))), f"{key}: {value}")
        elif operation == "continuation" and lines:
            lines.insert(index + 1, " " * draw(st.sampled_from([4, 8, 2])) + draw(hostile_text()))
        elif operation == "fence":
            lines = ["---", *lines, draw(st.sampled_from(["---", "...", ""]))]
        elif operation == "case" and lines:
            key, colon, value = lines[index].partition(":")
            lines[index] = key.upper() + colon + value
        elif operation == "body":
            fragment = draw(st.one_of(st.sampled_from(MARKDOWN_FRAGMENTS), hostile_text()))
            at = draw(st.integers(0, len(body)))
            body = body[:at] + fragment + body[at:]
    return "\n".join(lines) + "\n\n" + body


# -- layer 2: text ---------------------------------------------------------------


@st.composite
def mutated_text(draw, text: str) -> str:
    """Syntax fragments and hostile characters anywhere; lines removed, repeated, swapped."""
    for _ in range(draw(st.integers(1, 3))):
        operation = draw(
            st.sampled_from(
                ["insert", "delete", "repeat-line", "drop-line", "swap-lines", "tabs", "prefix"]
            )
        )
        at = draw(st.integers(0, len(text)))
        lines = text.split("\n")
        line = draw(st.integers(0, len(lines) - 1))
        if operation == "insert":
            piece = draw(st.one_of(st.sampled_from(YAML_FRAGMENTS), st.text(characters())))
            text = text[:at] + piece + text[at:]
        elif operation == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif operation == "repeat-line":
            lines.insert(draw(st.integers(0, len(lines))), lines[line])
            text = "\n".join(lines)
        elif operation == "drop-line":
            del lines[line]
            text = "\n".join(lines)
        elif operation == "swap-lines":
            other = draw(st.integers(0, len(lines) - 1))
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
        elif operation == "tabs":
            text = text.replace("  ", "\t", draw(st.integers(1, 3)))
        elif operation == "prefix":
            text = (
                draw(st.sampled_from(["\ufeff", "%YAML 1.1\n---\n", "---\n", "\n\n", " "])) + text
            )
    return text


# -- layer 3: bytes ------------------------------------------------------------------

INVALID_UTF8 = (
    b"\xff",
    b"\xfe\xff",
    b"\xc3",  # a truncated two-byte sequence
    b"\xe2\x82",  # a truncated three-byte sequence
    b"\xc0\xaf",  # an overlong '/'
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xf4\x90\x80\x80",  # above U+10FFFF
    b"\x80",  # a lone continuation byte
)


@st.composite
def mutated_bytes(draw, text: str) -> bytes:
    """Invalid UTF-8 somewhere in the file, or the whole file in another encoding."""
    operation = draw(st.sampled_from(["insert", "flip", "truncate", "encoding"]))
    if operation == "encoding":
        encoding = draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "cp1252"]))
        return text.encode(encoding, "replace")
    data = text.encode("utf-8", "surrogatepass")
    at = draw(st.integers(0, len(data)))
    if operation == "insert":
        return data[:at] + draw(st.sampled_from(INVALID_UTF8)) + data[at:]
    if operation == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    return data[:at]


# -- all layers ------------------------------------------------------------------------


@st.composite
def mutated_file(draw, kind: str) -> str | bytes:
    """A damaged version of the seed file of `kind`, as text or as raw bytes."""
    structure = mutated_yaml_structure if kind in YAML_KINDS else mutated_markdown_structure
    text = draw(structure(kind)) if draw(st.integers(0, 3)) else seed_text(kind)
    if draw(st.integers(0, 2)) == 0:
        text = draw(mutated_text(text))
    if draw(st.integers(0, 5)) == 0:
        return draw(mutated_bytes(text))
    return text


# -- files the check accepts, for the build ------------------------------------------

# Text a field can hold and the check may well accept, for the renderer and
# the templates to show: markup, links, citations, hostile characters.
RENDERED_TEXT = (
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7 * 7 }} {% raw %}",
    "*emphasis* **strong** `code` ~~struck~~",
    "# A heading\n\n- a list\n- of items\n\n> a quote",
    "| a | table |\n|---|---|\n| x | y |",
    "[a link](https://example.com/a?b=c&d=e)",
    "[Jane]({filename}/people/jane-doe.yaml)",
    "[the claim]({filename}/claims/budget-doubled.yaml)",
    "See [@city-2025-01-10] and [@paper-2025-03-02; @city-2025-01-10].",
    "[^1]\n\n[^1]: A footnote.",
    "&amp; &lt; &#0; &#x110000; &nonsense;",
    "\u202eevil\u202c \u200b \U0001f600 \u0301e",
    "a\\b\\\\c",
    "",
    " ",
    "word " * 2_000,
)


def rendered_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(RENDERED_TEXT),
        st.sampled_from(MARKDOWN_FRAGMENTS),
        st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40),
    )


@st.composite
def text_values_changed(draw, kind: str) -> str:
    """The seed with some of its text values (never keys) replaced by text to render."""
    if kind in MARKDOWN_KINDS:
        header_text, _, body = seed_text(kind).partition("\n\n")
        lines = header_text.split("\n")
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):
                at = draw(st.integers(0, len(body)))
                body = body[:at] + draw(rendered_text()) + body[at:]
            else:
                index = draw(st.integers(0, len(lines) - 1))
                key = lines[index].partition(":")[0]
                if key in ("Title", "Summary"):
                    value = " ".join(draw(rendered_text()).split())
                    lines[index] = f"{key}: {value}"
        return "\n".join(lines) + "\n\n" + body
    root = yaml.compose(seed_text(kind), Loader=yaml.SafeLoader)
    texts = [
        slot
        for slot in _slots(root)
        if isinstance(_get(slot), ScalarNode) and _get(slot).tag == STR_TAG
    ]
    for slot in draw(st.lists(st.sampled_from(texts), min_size=1, max_size=3)):
        _set(slot, _scalar(draw(rendered_text())))
    return draw(emitted_yaml(root))


def file_to_build(kind: str) -> st.SearchStrategy[str | bytes]:
    """A changed seed file of `kind` that the check may accept: gentle changes, or any damage."""
    return st.one_of(text_values_changed(kind), mutated_file(kind))


# -- running the check ---------------------------------------------------------------------


def add_translations(content: Path) -> None:
    """Put the translation seeds into a copy of the fixture site's content/."""
    shutil.copytree(TRANSLATION_SEEDS, content, dirs_exist_ok=True)


def site_copy(tmp_dir: Path) -> Path:
    """A copy of the fixture site's content under tmp_dir, made once and reused."""
    root = tmp_dir / "fuzz-site"
    if not (root / "content").is_dir():
        shutil.copytree(FIXTURE_SITE / "content", root / "content")
        add_translations(root / "content")
    return root


def settings_for(root: Path) -> FactcheckSettings:
    # The fixture site uses the default limits and rating scale, so the check
    # needs no settings file: skipping it saves a Python file run per example.
    return FactcheckSettings.from_pelican(
        {"PATH": str(root / "content"), "DEFAULT_LANG": "en", "FACTCHECK_LANGUAGES": LANGUAGES}
    )


def as_bytes(content: str | bytes) -> bytes:
    # A lone surrogate cannot be written as UTF-8; written as its raw bytes it
    # is just one more way a file can fail to be UTF-8.
    return content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")


def check_site(kind: str, content: str | bytes, tmp_dir: Path) -> tuple[Site, list[Problem]]:
    """Check the fixture site with the seed file of `kind` replaced by `content`.

    The seed file is put back afterwards, so every example starts from the
    same valid site whatever the previous one wrote.
    """
    root = site_copy(tmp_dir)
    target = root / "content" / SEED_FILES[kind]
    original = target.read_bytes()
    target.write_bytes(as_bytes(content))
    try:
        return check_content(settings_for(root))
    finally:
        target.write_bytes(original)


def build_project(tmp_dir: Path) -> Project:
    """A copy of the fixture site with its settings file, for real builds; made once."""
    root = tmp_dir / "build-site"
    if not (root / "content").is_dir():
        copy_fixture_site(root, FACTCHECK_LANGUAGES=LANGUAGES)
        add_translations(root / "content")
    return Project(root)


@contextlib.contextmanager
def damaged(project: Project, kind: str, content: str | bytes) -> Iterator[Path]:
    """The project with the seed file of `kind` replaced by `content`, then put back."""
    target = project.root / "content" / SEED_FILES[kind]
    original = target.read_bytes()
    target.write_bytes(as_bytes(content))
    try:
        yield target
    finally:
        target.write_bytes(original)


def relative_path(kind: str) -> str:
    """How problems name the seed file of `kind`: relative to the project."""
    return f"content/{SEED_FILES[kind]}"


class CheckHung(AssertionError):
    """The check ran longer than any input can justify."""


@contextlib.contextmanager
def hang_guard(*, cpu_seconds: float, wall_seconds: float = 60.0) -> Iterator[None]:
    """Turn a hang into a failure (with Hypothesis's reproducer) instead of a stuck run.

    The CPU bound counts only this process's own work, so other test runs
    loading the machine do not trip it; it also stops a super-linear regular
    expression, since Python's regex engine checks for signals as it runs.
    The wall-clock bound catches a check that waits without computing.
    Signals can only be handled in the main thread; elsewhere (some
    pytest-xdist set-ups) the guard does nothing and the callers' timing
    assertions still catch a slow check once it returns.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def give_up(signum, frame):
        clock = "CPU" if signum == signal.SIGPROF else "wall-clock"
        limit = cpu_seconds if signum == signal.SIGPROF else wall_seconds
        raise CheckHung(f"the check did not finish within {limit} s of {clock} time")

    previous = {number: signal.signal(number, give_up) for number in _GUARD_SIGNALS}
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
    signal.setitimer(signal.ITIMER_REAL, wall_seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        for number, handler in previous.items():
            signal.signal(number, handler)


_GUARD_SIGNALS = (signal.SIGPROF, signal.SIGALRM)
