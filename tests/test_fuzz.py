"""Damaged content never crashes or hangs the check or the build, and every problem is located.

Property-based tests over the loader, the validator and the build: Hypothesis
damages the fixture site's valid files and their Spanish translations (see
``fuzzing.py``), and

- the whole-site check must either accept the result or report problems
  that each fit on one line and name a file, a line, a column and a field,
  or else match one of the declared whole-file messages (WHOLE_FILE_MESSAGES,
  each with the reason it has no field);
- for a file the check accepts (warnings allowed), the real build must either
  succeed or stop with a located error (ContentInvalid, GenerationError or a
  SystemExit naming a file), never another exception.

The default profile, ``ci``, runs a few hundred checks and a few dozen builds
in under a minute; ``HYPOTHESIS_PROFILE=long`` (``invoke fuzz``) runs many
more. A failure prints a ``@reproduce_failure`` blob and the damaged file.

Bugs the properties found are pinned at the end of the file as regression
tests; a bug not yet fixed would be pinned as an xfail reproducer and its
input left out of the properties (an ``assume`` where the damaged file is
drawn), so that they keep looking for new ones.
"""

from __future__ import annotations

import os
import re
import time

import pytest
import yaml
from fuzzing import (
    KINDS,
    SEED_FILES,
    YAML_FRAGMENTS,
    CheckHung,
    build_project,
    characters,
    check_site,
    damaged,
    file_to_build,
    hang_guard,
    hostile_text,
    mutated_file,
    relative_path,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.building.atomic import build
from factcheck.content.limits import Limits
from factcheck.content.loading import Site
from factcheck.content.markdown_header import parse_markdown_document
from factcheck.content.problems import ContentInvalid, GenerationError, Problem
from factcheck.content.validate import check_content
from factcheck.content.yamlfile import parse_yaml_text

# To tell which sources a damaged sources file holds, as fast as PyYAML can.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Examples per test (and per kind of file, for the test that takes one).
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,  # the machine is shared: timing is bounded below, generously
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("long", parent=settings.get_profile("ci"), max_examples=3_000)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
EXAMPLES = PROFILE.max_examples

# Bounds against hangs, not benchmarks: a check of the fixture site takes a
# few tens of milliseconds of CPU. CPU time barely depends on how loaded the
# shared machine is, so the guard stops a check at a tight CPU bound; the
# wall-clock bounds are wide, for a check that waits rather than computes.
CPU_SECONDS_PER_CHECK = 2.0
WALL_SECONDS_PER_CHECK = 20.0
HANG_GUARD = {"cpu_seconds": CPU_SECONDS_PER_CHECK, "wall_seconds": 60.0}

# The only problems allowed without a field path: each is about the file as a
# whole (or about text that is not yet fields), so there is no field to name.
# Every other problem must name its field. Each pattern matches a whole message.
WHOLE_FILE_MESSAGES = [
    (r"cannot read the file: .+", "the file could not be opened: nothing in it was read"),
    (
        r"the file is [\d,]+ bytes, over the limit of [\d,]+: split it into smaller files",
        "refused by size before it is parsed",
    ),
    (
        r"the file is not UTF-8 \(byte 0x[0-9a-f]{2}\): save it with UTF-8 encoding",
        "refused before it is decoded into text, let alone fields",
    ),
    (r"the file is empty: expected a mapping of fields", "an empty file has no field"),
    (r"the file is a link to outside the content folder", "the file is never read"),
    (
        r"the line is [\d,]+ characters long, over the limit of [\d,]+: .+",
        "lines are measured before the YAML is parsed, to bound the parser's work",
    ),
    (r"YAML syntax error: .+", "text that is not YAML has no fields to tell apart"),
    (
        r"YAML (anchor '&|alias '\*)[^']*' is not allowed: write the value out in full",
        "anchors and aliases are refused from the parser's events, before any tree exists",
    ),
    (
        r"YAML tag '[^']*' is not allowed: remove it",
        "only on the top-level value, which is the whole file (elsewhere the field is named)",
    ),
    (
        r"a key must be a plain name, not a list or mapping",
        "only for a top-level key, which has no name to show (inside a mapping the parent is named)",
    ),
    (
        r"expected a mapping of fields \(key: value\) at the top of the file, found .+",
        "the file holds no fields at all",
    ),
    (r"file name: .+", "about the file's name, not its content"),
    (r"rename the file to end in \.(yaml|md)", "about the file's name, not its content"),
    (
        r"duplicate slug '[^']*': also used by .+",
        "the slug comes from the file name: the clash is between two files",
    ),
    (
        r"\d+ references? to '[^']*' cannot be checked until \S+ loads: fix the error above first",
        "stands for references in other files to a file that did not load",
    ),
    (
        r"translation of (the (person or organization|claim) )?'[^']*', which does not exist.*",
        "a translation's file name names its original: the whole file has none",
    ),
]
WHOLE_FILE_MESSAGE = re.compile("|".join(f"(?:{pattern})" for pattern, _ in WHOLE_FILE_MESSAGES))


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    # One copy of the fixture site for all examples: check_site restores the
    # damaged file after each one.
    return tmp_path_factory.mktemp("fuzz")


def timed_check(kind: str, content: str | bytes, tmp_dir) -> tuple[Site, list[Problem]]:
    started = time.perf_counter()
    with hang_guard(**HANG_GUARD):
        site, problems = check_site(kind, content, tmp_dir)
    elapsed = time.perf_counter() - started
    assert elapsed < WALL_SECONDS_PER_CHECK, f"the check took {elapsed:.1f} s"
    return site, problems


def assert_located(problem: Problem) -> None:
    shown = problem.format()
    assert problem.path.startswith("content/"), shown
    assert ".." not in problem.path.split("/"), shown
    assert problem.line >= 1, shown
    assert problem.col >= 1, shown
    assert problem.message.strip(), shown
    assert "\n" not in problem.message and "\r" not in problem.message, shown
    assert problem.field or WHOLE_FILE_MESSAGE.fullmatch(problem.message), (
        f"a problem without a field path, and not about the whole file: {shown}"
    )


def was_loaded(kind: str, content: str | bytes, site: Site) -> bool:
    """Whether the file's content reached the site (an accepted file must)."""
    if kind == "person":
        return "jane-doe" in site.people
    if kind == "claim":
        return "budget-doubled" in site.claims
    if kind in ("person-translation", "claim-translation"):
        return any(t.path == relative_path(kind) for t in site.sheet_translations)
    if kind == "sources":
        # Read as the check reads it: text without its byte-order mark, which
        # lets libyaml take a second mark for the stream's own.
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        root = yaml.compose(text.removeprefix("\ufeff"), Loader=FAST_LOADER)
        return all(key.value in site.sources for key, _ in root.value)
    store = site.explainers if kind.startswith("explainer") else site.pages
    documents = [*store.values(), *site.translations]
    return any(document.source_path == SEED_FILES[kind] for document in documents)


def draw_damaged_file(data, kind: str) -> str | bytes:
    return data.draw(mutated_file(kind), label="content")


@pytest.mark.parametrize("kind", KINDS)
@settings(PROFILE)
@given(data=st.data())
def test_a_damaged_file_is_accepted_or_every_problem_is_located(kind, data, fuzz_dir):
    content = draw_damaged_file(data, kind)
    site, problems = timed_check(kind, content, fuzz_dir)
    for problem in problems:
        assert_located(problem)
    errors_in_file = [p for p in problems if p.is_error and p.path == relative_path(kind)]
    if not errors_in_file:
        assert was_loaded(kind, content, site), "accepted without a problem, yet not loaded"


# Real builds cost a few tenths of a second each: a few dozen in the default
# profile, many more in the long one.
BUILDS = max(EXAMPLES // 2, 10)
BUILD_GUARD = {"cpu_seconds": 30.0, "wall_seconds": 120.0}
LOCATED_LINE = re.compile(r"content/[^\s:]+:\d+:\d+: .+")


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    # One project for all builds: each example changes one file and puts it back.
    return tmp_path_factory.mktemp("fuzz-build")


def assert_a_located_build_failure(error: SystemExit) -> None:
    """The build stopped with a message an editor can act on: a file, and no traceback."""
    message = str(error.code if error.code is not None else "")
    assert "Traceback" not in message, message
    if isinstance(error, ContentInvalid):
        *problems, summary = message.split("\n")
        assert problems and all(LOCATED_LINE.fullmatch(line) for line in problems), message
        assert re.fullmatch(r"\d+ errors?, \d+ warnings?", summary), message
    elif isinstance(error, GenerationError):
        assert "\n" not in message and message.startswith("content/"), message
    else:
        assert re.search(r"content/\S+", message), f"a build failure naming no file: {message!r}"


@settings(
    PROFILE,
    max_examples=BUILDS,
    suppress_health_check=[*PROFILE.suppress_health_check, HealthCheck.filter_too_much],
)
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_a_file_the_check_accepts_builds_or_fails_with_a_located_error(kind, data, build_dir):
    project = build_project(build_dir)
    content = data.draw(file_to_build(kind), label="content")
    with damaged(project, kind, content):
        with hang_guard(**HANG_GUARD):
            problems = check_content(project.settings())[1]
        # Only what the check lets through reaches the build (and warnings do).
        assume(not any(p.is_error for p in problems))
        try:
            with hang_guard(**BUILD_GUARD):
                build(project.settings_file, build_dir / "output")
        except SystemExit as error:
            assert_a_located_build_failure(error)
        else:
            assert (build_dir / "output" / "index.html").is_file()


@settings(PROFILE, max_examples=max(EXAMPLES // 2, 10))
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_checking_the_same_file_twice_gives_the_same_problems(kind, data, fuzz_dir):
    content = draw_damaged_file(data, kind)
    first = timed_check(kind, content, fuzz_dir)[1]
    second = timed_check(kind, content, fuzz_dir)[1]
    assert [p.format() for p in first] == [p.format() for p in second]


def arbitrary_text() -> st.SearchStrategy[str]:
    """Text with no seed at all: characters, YAML fragments and hostile values.

    It is text as decoded from a UTF-8 file, so without lone surrogates: a
    file holding one is refused as not UTF-8 before it is parsed.
    """
    piece = st.one_of(st.text(characters(), max_size=10), st.sampled_from(YAML_FRAGMENTS))
    text = st.one_of(st.lists(piece, max_size=30).map("".join), hostile_text())
    return text.map(lambda value: value.encode("utf-8", "replace").decode("utf-8"))


@settings(PROFILE, max_examples=EXAMPLES * 2)
@given(text=arbitrary_text())
def test_parsing_any_text_as_yaml_locates_every_problem(text):
    # Cheap enough for many examples: one file, no site around it.
    problems: list[Problem] = []
    with hang_guard(**HANG_GUARD):
        parsed = parse_yaml_text(text, "content/people/x.yaml", problems, Limits())
    for problem in problems:
        assert_located(problem)
    if parsed is None:
        assert any(p.is_error for p in problems), "refused without saying why"


@settings(PROFILE, max_examples=EXAMPLES * 2)
@given(text=arbitrary_text())
def test_markdown_header_positions_point_at_what_was_written(text):
    problems: list[Problem] = []
    with hang_guard(**HANG_GUARD):
        document = parse_markdown_document(text, "content/pages/x.md", problems)
    for problem in problems:
        assert_located(problem)
    written = document.text
    for key, _ in document.header.value:
        mark = key.start_mark
        # Each key is where the editor wrote it, by index and by line and column.
        assert written[mark.index : mark.index + len(key.value)].lower() == key.value
        assert written.count("\n", 0, mark.index) == mark.line
        assert mark.index - (written.rfind("\n", 0, mark.index) + 1) == mark.column


def test_the_hang_guard_stops_a_check_that_would_never_end():
    # The properties and the known-bug tests rely on it: prove it interrupts.
    with pytest.raises(CheckHung), hang_guard(cpu_seconds=0.2, wall_seconds=60.0):
        while True:
            pass


# -- Regressions: bugs the properties found, since fixed --------------------------


# The patterns that find citations and links in Markdown values backtracked
# quadratically on runs of their opening characters: 16,000 characters of
# '[@' took 14 s of CPU, and a 1 MB file would have taken hours. Markdown files
# have no line-length limit, and in YAML a double-quoted value continued with
# backslashes joins its lines without spaces, so any length up to the file
# size limit reached them. Linear patterns take milliseconds.
EXPLAINER_HEADER = "Title: T\nDate: 2025-05-30\nSummary: S\n\n"
LONG_RUNS = [
    ("citations", "content/explainers/city-budget.md", "[@" * 40_000),
    ("citation-lists", "content/explainers/city-budget.md", "[@a;@" * 20_000),
    ("links", "content/explainers/city-budget.md", "](" * 40_000),
    ("link-titles", "content/explainers/city-budget.md", '](a "' * 20_000),
    ("autolinks", "content/explainers/city-budget.md", "<a:" * 30_000),
    ("autolink-schemes", "content/explainers/city-budget.md", "<a" * 40_000),
    (
        "citations-in-a-claim-analysis",
        "content/claims/budget-doubled.yaml",
        # Eight lines of 10,000 characters, under the line limit, joined into one value.
        ("[@" * 5_000 + "\\\n  ") * 8,
    ),
]


@pytest.mark.parametrize(
    "relative, value", [case[1:] for case in LONG_RUNS], ids=[case[0] for case in LONG_RUNS]
)
def test_long_runs_of_link_or_citation_syntax_are_checked_in_linear_time(project, relative, value):
    if relative.endswith(".md"):
        project.write(relative, EXPLAINER_HEADER + value + "\n", dedent=False)
    else:
        original = project.read(relative)
        start = original.index("analysis: |")
        end = original.index("sources:")
        analysis = f'analysis: "{value}"\n'
        project.write(relative, original[:start] + analysis + original[end:], dedent=False)
    settings = project.settings()
    with hang_guard(**HANG_GUARD):
        check_content(settings)


# An empty key was reported with an empty field path, the path of a
# top-level key being its name; it is now shown as "".
EMPTY_KEYS = [
    (
        "in-a-sheet",
        "content/people/jane-doe.yaml",
        '"": x\nname: Jane Doe\nsummary: S.\npublished: 2025-05-30\n',
    ),
    ("as-a-source-id", "content/sources/main.yaml", '"": {title: T}\n'),
]


@pytest.mark.parametrize(
    "relative, text", [case[1:] for case in EMPTY_KEYS], ids=[case[0] for case in EMPTY_KEYS]
)
def test_a_problem_about_an_empty_key_names_a_field(project, relative, text):
    project.write(relative, text, dedent=False)
    in_file = [p for p in project.problems() if p.path == relative]
    assert [p.format() for p in in_file if p.line == 1 and p.field == '""'] != []
    # Only the line counting what waits for this file to load names no field.
    assert [p.format() for p in in_file if not p.field and p.rank != 1] == []


# A character YAML does not allow (a control character) was reported with
# PyYAML's own text, which names its input "<unicode string>" and a position
# on a second line, breaking the one-line format, and always at line 1,
# column 1, wherever the character was.
CONTROL_CHARACTERS = [
    (
        "in-a-value",
        "content/people/jane-doe.yaml",
        "name: Jane Doe\nsummary: A\x07 mayor.\npublished: 2025-05-30\n",
        "content/people/jane-doe.yaml:2:11: YAML syntax error: unacceptable character "
        "#x0007: control characters are not allowed",
    ),
    (
        "first-in-a-translation",
        "content/claims/budget-doubled.es.yaml",
        "\x1ftranslated: 2025-06-05\n",
        "content/claims/budget-doubled.es.yaml:1:1: YAML syntax error: unacceptable character "
        "#x001f: control characters are not allowed",
    ),
]


@pytest.mark.parametrize(
    "relative, text, expected",
    [case[1:] for case in CONTROL_CHARACTERS],
    ids=[case[0] for case in CONTROL_CHARACTERS],
)
def test_a_control_character_is_reported_in_one_line_where_it_is(project, relative, text, expected):
    project.write(relative, text, dedent=False)
    reported = [p.format() for p in project.problems() if p.path == relative and p.rank != 1]
    assert reported == [expected]


# -- Bugs found by the properties ----------------------------------------------
# Minimal reproducers of bugs the properties found, all fixed since.

# Bug 1: a list or mapping as a key crashes the check.
LIST_OR_MAPPING_KEYS = [
    (
        "list-key-in-a-sheet",
        "content/people/jane-doe.yaml",
        "[name]: Jane Doe\n",
        "content/people/jane-doe.yaml:1:1: a key must be a plain name, not a list or mapping",
    ),
    (
        "mapping-key-in-a-sheet",
        "content/people/jane-doe.yaml",
        "? {a: b}\n: Jane Doe\n",
        "content/people/jane-doe.yaml:1:3: a key must be a plain name, not a list or mapping",
    ),
    (
        "list-key-in-a-nested-mapping",
        "content/people/jane-doe.yaml",
        "name: Jane Doe\nsummary: A mayor.\npublished: 2025-05-30\nimage:\n  [file]: x.png\n",
        "content/people/jane-doe.yaml:5:3: image: a key must be a plain name, not a list or mapping",
    ),
    # In a translation, the check for fields kept in the original raised
    # TypeError (unhashable type: 'list') on such a key.
    (
        "list-key-in-a-translation",
        "content/people/jane-doe.es.yaml",
        "translated: 2025-06-05\n[summary]: Una alcaldesa.\n",
        "content/people/jane-doe.es.yaml:2:1: a key must be a plain name, not a list or mapping",
    ),
    (
        "mapping-key-in-a-translated-image",
        "content/people/jane-doe.es.yaml",
        "translated: 2025-06-05\nimage:\n  ? {alt: x}\n  : Jane Doe\n",
        "content/people/jane-doe.es.yaml:3:5: image: a key must be a plain name, not a list or mapping",
    ),
    (
        "list-key-in-a-sources-file",
        "content/sources/main.yaml",
        "[paper-2025-03-02]: {title: T}\n",
        "content/sources/main.yaml:1:1: a key must be a plain name, not a list or mapping",
    ),
]


@pytest.mark.parametrize(
    "relative, text, expected",
    [case[1:] for case in LIST_OR_MAPPING_KEYS],
    ids=[case[0] for case in LIST_OR_MAPPING_KEYS],
)
def test_a_list_or_mapping_as_a_key_is_reported_not_raised(project, relative, text, expected):
    project.write(relative, text, dedent=False)
    assert expected in project.report()


# Bug 2: a duplicate empty key ("": a twice) at the top of a file gets a
# problem whose field path is empty: yamlfile._check_tree names the field after
# the key, and does not show an empty name as "" as the schema now does.
DUPLICATE_EMPTY_KEYS = [
    ("in-a-sheet", "content/people/jane-doe.yaml", '"": a\n"": b\n'),
    ("in-a-sources-file", "content/sources/main.yaml", '"": {}\n"": {}\n'),
]


@pytest.mark.parametrize(
    "relative, text",
    [case[1:] for case in DUPLICATE_EMPTY_KEYS],
    ids=[case[0] for case in DUPLICATE_EMPTY_KEYS],
)
def test_a_duplicate_empty_key_is_reported_with_a_field(project, relative, text):
    project.write(relative, text, dedent=False)
    duplicates = [p for p in project.problems() if p.path == relative and p.line == 2]
    assert duplicates, "the duplicate is reported"
    assert [p.format() for p in duplicates if not p.field] == []
