"""Limits and paths: what one file may cost, and where content may point.

Every cap has its own clear error (file size, nesting, list length, line
length, YAML aliases) and is enforced before the expensive work it guards.
Nothing in the content makes the check or the build read or write outside
the project: images and links stay inside content/, symbolic links leaving
it are refused, and no header moves a page out of the output folder.

Each case changes one thing of the valid fixture site and lists the exact
problems reported for the changed file.
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import copy_fixture_site
from fuzzing import hang_guard

from factcheck.building.atomic import build
from factcheck.content import loading, yamlfile
from factcheck.content.limits import Limits
from factcheck.content.problems import ContentInvalid
from factcheck.content.validate import check_content

PERSON = "content/people/jane-doe.yaml"
SOURCES = "content/sources/main.yaml"
EXPLAINER = "content/explainers/city-budget.md"
PAGE = "content/pages/about.md"

# A valid fact sheet whose last line is the one each case changes.
SHEET = "name: Jane Doe\nsummary: A mayor who talks about budgets.\npublished: 2025-05-30\n"
EXPLAINER_HEADER = "Title: How the city budget works\nDate: 2025-05-30\nSummary: Who votes on it.\n"
PAGE_HEADER = "Title: About\nSummary: Who publishes this site.\nModified: 2025-05-30\n"

IMAGE_NAME_HELP = (
    "is not an image file name: give the name of a .jpg, .png, .webp, .gif, .avif or "
    ".svg file in content/images/, without folders"
)
LINK_HELP = (
    "link to pages of the site with {filename}/people/<slug>.yaml "
    "(or claims/, explainers/, pages/) and elsewhere with https://"
)
SLUG_HELP = "is not a valid slug (the name used in file names and web addresses): use lower-case ASCII letters, digits and hyphens"

# A cap on work, not a benchmark: each of these checks takes milliseconds of
# CPU when the cap works, and minutes or hours when it does not.
QUICKLY = {"cpu_seconds": 3.0, "wall_seconds": 120.0}


def problems_in(project, relative: str, settings=None) -> list[str]:
    """Every problem reported for one file, formatted, in order.

    Without the line counting the references that wait for a refused file to
    load (rank 1): tests/test_validation_errors.py tests that line.
    """
    problems = check_content(settings or project.settings())[1]
    return [p.format() for p in problems if p.path == relative and p.rank != 1]


# -- File size ---------------------------------------------------------------------


def lines_of_bad_yaml(total_bytes: int) -> str:
    """Text of an exact size in which every line is a YAML syntax error."""
    line = "[unclosed: {\n"
    count, rest = divmod(total_bytes, len(line))
    return line * count + "#" * rest


@pytest.mark.parametrize("relative", [PERSON, SOURCES, EXPLAINER, PAGE])
def test_a_file_over_the_size_limit_is_refused_without_being_parsed(project, monkeypatch, relative):
    project.write(relative, lines_of_bad_yaml(1_300_000), dedent=False)
    parsed: list[str] = []

    def recording(parse):
        def record(text, rel_path, *args):
            parsed.append(rel_path)
            return parse(text, rel_path, *args)

        return record

    monkeypatch.setattr(yamlfile, "parse_yaml_text", recording(yamlfile.parse_yaml_text))
    monkeypatch.setattr(
        loading, "parse_markdown_document", recording(loading.parse_markdown_document)
    )
    with hang_guard(**QUICKLY):
        report = problems_in(project, relative)
    assert report == [
        f"{relative}:1:1: the file is 1,300,000 bytes, over the limit of 1,000,000: "
        "split it into smaller files"
    ]
    assert relative not in parsed


def sheet_of_size(total_bytes: int) -> str:
    """A valid fact sheet padded with comment lines to an exact size in bytes."""
    padding = total_bytes - len(SHEET)
    full_lines, rest = divmod(padding, 10_000)
    text = SHEET + ("#" + "a" * 9_998 + "\n") * full_lines
    if rest:
        text += "#" + "a" * (rest - 1)
    assert len(text.encode()) == total_bytes
    return text


def test_a_file_of_exactly_the_size_limit_is_accepted_and_one_byte_more_is_not(project):
    project.write(PERSON, sheet_of_size(1_000_000), dedent=False)
    assert problems_in(project, PERSON) == []
    project.write(PERSON, sheet_of_size(1_000_001), dedent=False)
    assert problems_in(project, PERSON) == [
        f"{PERSON}:1:1: the file is 1,000,001 bytes, over the limit of 1,000,000: "
        "split it into smaller files"
    ]


def test_limits_are_settings(tmp_path):
    project = copy_fixture_site(
        tmp_path / "site",
        FACTCHECK_LIMITS={"max_file_bytes": 200, "max_line_chars": 60},
    )
    project.write(PERSON, sheet_of_size(201), dedent=False)
    assert problems_in(project, PERSON) == [
        f"{PERSON}:1:1: the file is 201 bytes, over the limit of 200: split it into smaller files"
    ]
    project.write(PERSON, SHEET + "aliases: [" + "a" * 50 + "]\n", dedent=False)
    assert problems_in(project, PERSON) == [
        f"{PERSON}:4:61: the line is 61 characters long, over the limit of 60: break it "
        "(YAML block text with '>-' folds lines)"
    ]


# -- Nesting, list length, line length -------------------------------------------------

# The top-level mapping is level 1 and `aliases` level 2, so the text inside
# six lists is at level 8, the deepest allowed.
LIMIT_CASES = [
    (
        "nesting-at-the-limit",
        "aliases: " + "[" * 6 + "x" + "]" * 6 + "\n",
        [f"{PERSON}:4:11: aliases[0]: expected text, found a list"],
    ),
    (
        "nesting-over-the-limit",
        "aliases: " + "[" * 7 + "x" + "]" * 7 + "\n",
        [f"{PERSON}:4:17: aliases[0][0][0][0][0][0][0]: values are nested more than 8 levels deep"],
    ),
    (
        "nesting-of-mappings-over-the-limit",
        "image: " + "{a: " * 7 + "x" + "}" * 7 + "\n",
        [f"{PERSON}:4:36: image.a.a.a.a.a.a.a: values are nested more than 8 levels deep"],
    ),
    (
        # libyaml itself stops at 1,000 levels, before any node is built.
        "nesting-far-over-the-limit",
        "aliases:\n" + "  [\n" * 100_000,
        [
            f"{PERSON}:1004:3: YAML syntax error: exceeded maximum nesting depth "
            "(while increasing flow level) (line 1004 reads '[')"
        ],
    ),
    ("list-at-the-limit", "aliases:\n" + "- a\n" * 2_000, []),
    (
        "list-over-the-limit",
        "aliases:\n" + "- a\n" * 2_001,
        [f"{PERSON}:5:1: aliases: the list has 2,001 items, over the limit of 2,000"],
    ),
    (
        "list-far-over-the-limit",
        "aliases:\n" + "- a\n" * 100_000,
        [f"{PERSON}:5:1: aliases: the list has 100,000 items, over the limit of 2,000"],
    ),
    ("line-at-the-limit", "aliases: [" + "a" * 19_989 + "]\n", []),
    (
        "line-over-the-limit",
        "aliases: [" + "a" * 19_990 + "]\n",
        [
            f"{PERSON}:4:20001: the line is 20,001 characters long, over the limit of 20,000: "
            "break it (YAML block text with '>-' folds lines)"
        ],
    ),
]


@pytest.mark.parametrize(
    "last_lines, expected",
    [case[1:] for case in LIMIT_CASES],
    ids=[case[0] for case in LIMIT_CASES],
)
def test_each_limit_has_a_clear_error(project, last_lines, expected):
    project.write(PERSON, SHEET + last_lines, dedent=False)
    with hang_guard(**QUICKLY):
        assert problems_in(project, PERSON) == expected


# -- YAML aliases --------------------------------------------------------------------------


def billion_laughs(*, flow: bool) -> tuple[str, list[str]]:
    """The classic entity-expansion document, and the problem for each anchor and alias.

    Expanded, the last key would hold 9**9 (387 million) strings. The flow
    form is written as JSON would be ('"b":&b'), with no space before the
    anchors, all on one line.
    """
    names = "abcdefghi"
    entries = [("a", '["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]')]
    entries += [
        (name, "[" + ", ".join(f"*{previous}" for _ in range(9)) + "]")
        for previous, name in zip(names, names[1:], strict=False)
    ]
    if flow:
        written = [f'"{name}":&{name} {value}' for name, value in entries]
        text = "{" + ", ".join(written) + "}\n"
        starts = [(1, 1 + len("{") + sum(len(w) + 2 for w in written[:n])) for n in range(9)]
        anchor_offset = len('"a":')
    else:
        text = "".join(f"{name}: &{name} {value}\n" for name, value in entries)
        starts = [(number, 1) for number in range(1, 10)]
        anchor_offset = len("a: ")
    expected = []
    for (line, col), (name, value) in zip(starts, entries, strict=True):
        anchor = col + anchor_offset
        expected.append(
            f"{PERSON}:{line}:{anchor}: YAML anchor '&{name}' is not allowed: "
            "write the value out in full"
        )
        expected += [
            f"{PERSON}:{line}:{anchor + 4 + 4 * item}: YAML alias '*{value[2]}' is not allowed: "
            "write the value out in full"
            for item in range(9)
            if value.startswith("[*")
        ]
    return text, expected


@pytest.mark.parametrize("flow", [False, True], ids=["block", "flow"])
def test_a_billion_laughs_is_refused_quickly_without_being_expanded(project, flow):
    text, expected = billion_laughs(flow=flow)
    project.write(PERSON, text, dedent=False)
    # Expanding would take minutes and gigabytes; refusing it takes milliseconds.
    with hang_guard(**QUICKLY):
        report = problems_in(project, PERSON)
    assert [line for line in report if "YAML anchor" in line or "YAML alias" in line] == expected
    assert "jane-doe" not in check_content(project.settings())[0].people


def test_a_merge_key_is_refused_with_its_anchor_and_alias(project):
    project.write(
        PERSON,
        "base: &base {kind: person}\n<<: *base\n" + SHEET,
        dedent=False,
    )
    assert problems_in(project, PERSON) == [
        f"{PERSON}:1:7: YAML anchor '&base' is not allowed: write the value out in full",
        f"{PERSON}:2:5: YAML alias '*base' is not allowed: write the value out in full",
    ]


# -- Images ------------------------------------------------------------------------------

IMAGE_FILES = [
    ("parent-folder", "../jane-doe.png", f"'../jane-doe.png' {IMAGE_NAME_HELP}"),
    ("far-parent", "../../../etc/passwd.png", f"'../../../etc/passwd.png' {IMAGE_NAME_HELP}"),
    ("absolute", "/etc/passwd.png", f"'/etc/passwd.png' {IMAGE_NAME_HELP}"),
    ("folder-inside", "images/jane-doe.png", f"'images/jane-doe.png' {IMAGE_NAME_HELP}"),
    ("backslashes", "..\\..\\x.png", f"'..\\\\..\\\\x.png' {IMAGE_NAME_HELP}"),
    ("encoded-dots", "%2e%2e%2fx.png", f"'%2e%2e%2fx.png' {IMAGE_NAME_HELP}"),
    ("home", "~/x.png", f"'~/x.png' {IMAGE_NAME_HELP}"),
    ("file-url", "file:///etc/x.png", f"'file:///etc/x.png' {IMAGE_NAME_HELP}"),
    ("windows-drive", "C:/x.png", f"'C:/x.png' {IMAGE_NAME_HELP}"),
    ("dots-inside-a-name", "x..png", f"'x..png' {IMAGE_NAME_HELP}"),
    ("not-an-image", "jane-doe.yaml", f"'jane-doe.yaml' {IMAGE_NAME_HELP}"),
    ("missing", "nobody.png", "image 'nobody.png' not found in content/images/"),
]


@pytest.mark.parametrize(
    "file, message",
    [case[1:] for case in IMAGE_FILES],
    ids=[case[0] for case in IMAGE_FILES],
)
def test_an_image_file_outside_content_images_is_an_error(project, file, message):
    # Single-quoted, so that YAML keeps '%', '~' and backslashes as written.
    sheet = project.read(PERSON).replace("file: jane-doe.png", f"file: '{file}'")
    project.write(PERSON, sheet, dedent=False)
    assert problems_in(project, PERSON) == [f"{PERSON}:6:9: image.file: {message}"]


# Targets of links and images in Markdown, in an explainer's body and in a fact
# sheet's summary; each problem is located where the target starts.
LINK_TARGETS = [
    ("image-parent-folder", "![x](../../etc/passwd)", f"link to '../../etc/passwd': {LINK_HELP}"),
    ("image-absolute", "![x](/etc/passwd)", f"link to '/etc/passwd': {LINK_HELP}"),
    (
        "image-file-url",
        "![x](file:///etc/passwd)",
        "only http and https links are allowed, found 'file:///etc/passwd'",
    ),
    (
        "link-parent-folder",
        "[x](../../pelicanconf.py)",
        f"link to '../../pelicanconf.py': {LINK_HELP}",
    ),
    (
        "filename-parent-folder",
        "[x]({filename}../../etc/passwd)",
        "link '{filename}../../etc/passwd' points outside the content folder",
    ),
    (
        "filename-rooted-parent-folder",
        "[x]({filename}/../pelicanconf.py)",
        "link '{filename}/../pelicanconf.py' points outside the content folder",
    ),
    (
        "filename-out-through-a-folder",
        "[x]({filename}/people/../../../etc/passwd)",
        "link '{filename}/people/../../../etc/passwd' points outside the content folder",
    ),
    (
        "static-parent-folder",
        "![x]({static}/../../etc/passwd)",
        "link '{static}/../../etc/passwd' points outside the content folder",
    ),
    (
        "static-out-through-images",
        "![x]({static}/images/../../../etc/passwd)",
        "link '{static}/images/../../../etc/passwd' points outside the content folder",
    ),
    (
        "filename-absolute-path-inside",
        "[x]({filename}/etc/passwd)",
        "link to a file that does not exist: {filename}/etc/passwd "
        "(did you mean '{filename}/pages/about.md'?)",
    ),
    (
        "static-to-a-content-file",
        "[x]({static}/people/jane-doe.yaml)",
        "link to a file that does not exist: {static}/people/jane-doe.yaml",
    ),
    (
        "filename-to-an-image",
        "[x]({filename}/images/jane-doe.png)",
        "link to a file that does not exist: {filename}/images/jane-doe.png "
        "(did you mean '{filename}/people/jane-doe.yaml'?)",
    ),
]


@pytest.mark.parametrize(
    "markdown, message",
    [case[1:] for case in LINK_TARGETS],
    ids=[case[0] for case in LINK_TARGETS],
)
def test_a_link_or_image_pointing_outside_content_is_an_error(project, markdown, message):
    column = markdown.index("(") + 2
    project.write(EXPLAINER, f"{EXPLAINER_HEADER}\n{markdown}\n", dedent=False)
    assert problems_in(project, EXPLAINER) == [f"{EXPLAINER}:5:{column}: body: {message}"]
    summary = SHEET.replace("A mayor who talks about budgets.", f"See {markdown}")
    project.write(PERSON, summary, dedent=False)
    assert problems_in(project, PERSON) == [f"{PERSON}:2:{column + 13}: summary: {message}"]


# -- Symbolic links ---------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path):
    """A folder beside the project, with files an attacker would like published."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.png").write_bytes(b"SECRET-IMAGE-BYTES")
    (folder / "secret.yaml").write_text("name: Secret\nsummary: S.\npublished: 2025-05-30\n")
    (folder / "secret.md").write_text("Title: Secret\nDate: 2025-05-30\nSummary: S.\n\nSECRET\n")
    return folder


def test_an_image_that_links_outside_content_is_not_an_image(project, outside):
    image = project.root / "content/images/jane-doe.png"
    image.unlink()
    image.symlink_to(outside / "secret.png")
    project.write(
        EXPLAINER, f"{EXPLAINER_HEADER}\n![x]({{static}}/images/jane-doe.png)\n", dedent=False
    )
    assert problems_in(project, PERSON) == [
        f"{PERSON}:6:9: image.file: image 'jane-doe.png' not found in content/images/"
    ]
    assert problems_in(project, EXPLAINER) == [
        f"{EXPLAINER}:5:6: body: link to a file that does not exist: {{static}}/images/jane-doe.png"
    ]


def test_an_image_that_links_to_another_image_inside_content_is_accepted(project):
    (project.root / "content/images/mayor.png").symlink_to("jane-doe.png")
    sheet = project.read(PERSON).replace("file: jane-doe.png", "file: mayor.png")
    project.write(PERSON, sheet, dedent=False)
    assert problems_in(project, PERSON) == []


LINKED_CONTENT_FILES = [
    ("sheet", "content/people/secret.yaml", "secret.yaml"),
    ("claim", "content/claims/secret.yaml", "secret.yaml"),
    ("sources", "content/sources/secret.yaml", "secret.yaml"),
    ("explainer", "content/explainers/secret.md", "secret.md"),
    ("page", "content/pages/secret.md", "secret.md"),
    ("system-file", "content/people/passwd.yaml", "/etc/passwd"),
    ("dangling", "content/people/gone.yaml", "gone.yaml"),
]


@pytest.mark.parametrize(
    "relative, target",
    [case[1:] for case in LINKED_CONTENT_FILES],
    ids=[case[0] for case in LINKED_CONTENT_FILES],
)
def test_a_content_file_that_links_outside_content_is_refused(project, outside, relative, target):
    (project.root / relative).symlink_to(outside / target)
    assert problems_in(project, relative) == [
        f"{relative}:1:1: the file is a link to outside the content folder"
    ]


@pytest.mark.parametrize("folder", ["people", "claims"])
def test_a_person_or_claim_in_a_subfolder_is_refused_before_the_build(project, tmp_path, folder):
    """Its address comes from its file name alone, so these folders are flat."""
    original = next((project.root / "content" / folder).glob("*.yaml"))
    moved = project.root / "content" / folder / "2025" / original.name
    moved.parent.mkdir()
    original.rename(moved)
    relative = moved.relative_to(project.root).as_posix()
    assert problems_in(project, relative) == [
        f"{relative}:1:1: {folder} are read from content/{folder}/ itself: move the file up into it"
    ]
    with pytest.raises(ContentInvalid):
        build(project.settings_file, tmp_path / "output")


def test_a_broken_link_inside_content_is_reported_not_raised(project):
    (project.root / "content/people/gone.yaml").symlink_to("nobody.yaml")
    assert problems_in(project, "content/people/gone.yaml") == [
        "content/people/gone.yaml:1:1: cannot read the file: No such file or directory"
    ]


def test_an_unused_image_that_links_outside_content_is_an_error(project, outside):
    (project.root / "content/images/leak.png").symlink_to(outside / "secret.png")
    report = problems_in(project, "content/images/leak.png")
    assert any("outside the content folder" in line for line in report), report


# Each way a link in content/ could lead the build to a file outside it, with
# the file the check refuses. The image is the route Pelican itself would
# take: it copies content/images/ into the site as it finds it.
LEAKS = [
    ("unused-image", "content/images/leak.png", "secret.png"),
    ("image-in-use", "content/images/jane-doe.png", "secret.png"),
    ("explainer", "content/explainers/leak.md", "secret.md"),
    ("page", "content/pages/leak.md", "secret.md"),
    ("sheet", "content/people/leak.yaml", "secret.yaml"),
]


def files_holding_the_secret(folder) -> list[str]:
    if folder.is_file():
        return [folder.name] if b"SECRET" in folder.read_bytes() else []
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and b"SECRET" in p.read_bytes()
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "relative, target", [case[1:] for case in LEAKS], ids=[case[0] for case in LEAKS]
)
def test_the_build_publishes_nothing_from_outside_content(
    project, outside, tmp_path, relative, target
):
    link = project.root / relative
    link.unlink(missing_ok=True)
    link.symlink_to(outside / target)
    out = tmp_path / "out"
    refused = None
    try:
        build(project.settings_file, out)
    except ContentInvalid as error:
        refused = str(error)
    # Whatever the build did, no file it wrote holds the secret: not in the
    # output folder, nor in anything it left beside it.
    written = [p for p in tmp_path.iterdir() if p not in (outside, project.root)]
    assert [name for folder in written for name in files_holding_the_secret(folder)] == []
    # And the build refused, naming the link, rather than leaving it out quietly.
    assert refused is not None, "the build published a site with a link to outside content/"
    assert f"{relative}:1:1: the file is a link to outside the content folder" in refused


LINKED_FOLDERS = [
    ("a-content-folder", "content/people"),
    ("a-folder-inside-one", "content/explainers/more"),
]


@pytest.mark.parametrize(
    "folder", [case[1] for case in LINKED_FOLDERS], ids=[case[0] for case in LINKED_FOLDERS]
)
def test_a_folder_that_links_outside_content_is_refused(project, outside, folder):
    link = project.root / folder
    if link.exists():  # keep its files beside the secret, where the link now leads
        for path in link.iterdir():
            path.rename(outside / path.name)
        link.rmdir()
    link.symlink_to(outside)
    problems = check_content(project.settings())[1]
    refused = [p for p in problems if p.path.startswith(folder) and "outside" in p.message]
    assert refused, [p.format() for p in problems]


LINK_LOOPS = [
    ("in-a-content-folder", "content/people/loop.yaml"),
    ("in-the-images", "content/images/loop.png"),
]


@pytest.mark.parametrize(
    "relative", [case[1] for case in LINK_LOOPS], ids=[case[0] for case in LINK_LOOPS]
)
def test_a_link_loop_is_reported_not_raised(project, relative):
    loop = project.root / relative
    loop.symlink_to(loop.name)
    assert problems_in(project, relative) != []


# -- Slugs and the output folder ----------------------------------------------------------------

# Header lines that try to choose where Pelican writes a page: each is refused
# by the check. Columns are those of the value, on line 4 of the header.
HOSTILE_HEADERS = [
    ("slug-up", "Slug: ../../evil", f"slug: '../../evil' {SLUG_HELP} (did you mean 'evil'?)"),
    (
        "slug-absolute",
        "Slug: /tmp/evil",
        f"slug: '/tmp/evil' {SLUG_HELP} (did you mean 'tmp-evil'?)",
    ),
    ("slug-folder", "Slug: a/b", f"slug: 'a/b' {SLUG_HELP} (did you mean 'a-b'?)"),
    ("slug-dots", "Slug: ..", f"slug: '..' {SLUG_HELP}"),
    (
        "slug-encoded",
        "Slug: %2e%2e%2fevil",
        f"slug: '%2e%2e%2fevil' {SLUG_HELP} (did you mean '2e-2e-2fevil'?)",
    ),
    (
        "slug-backslashes",
        "Slug: ..\\..\\evil",
        f"slug: '..\\\\..\\\\evil' {SLUG_HELP} (did you mean 'evil'?)",
    ),
    ("lang-up", "Lang: ../../evil", "lang: '../../evil' is not a language code such as en or es"),
    ("lang-folder", "Lang: en/../..", "lang: 'en/../..' is not a language code such as en or es"),
]


@pytest.mark.parametrize("relative", [EXPLAINER, PAGE])
@pytest.mark.parametrize(
    "line, message",
    [case[1:] for case in HOSTILE_HEADERS],
    ids=[case[0] for case in HOSTILE_HEADERS],
)
def test_a_slug_or_language_that_is_a_path_is_refused(project, relative, line, message):
    header = EXPLAINER_HEADER if relative == EXPLAINER else PAGE_HEADER
    project.write(relative, f"{header}{line}\n\nText.\n", dedent=False)
    column = line.index(":") + 3
    assert problems_in(project, relative) == [f"{relative}:4:{column}: {message}"]


# Metadata Pelican would honour (save_as, url, template) is not part of the
# content model, so it is refused as an unknown field before Pelican sees it.
PELICAN_PATH_HEADERS = [
    ("save-as", "Save_as: ../../evil.html", "save_as"),
    ("url", "Url: ../../evil/", "url"),
    ("template", "Template: ../../../etc/passwd", "template"),
]


@pytest.mark.parametrize(
    "line, field",
    [case[1:] for case in PELICAN_PATH_HEADERS],
    ids=[case[0] for case in PELICAN_PATH_HEADERS],
)
def test_pelican_metadata_that_names_a_path_is_refused(project, line, field):
    project.write(EXPLAINER, f"{EXPLAINER_HEADER}{line}\n\nText.\n", dedent=False)
    report = problems_in(project, EXPLAINER)
    assert len(report) == 1
    assert report[0].startswith(f"{EXPLAINER}:4:1: {field}: unknown field '{field}' (")


def tree_of(folder) -> dict[str, bytes | None]:
    """Every path under `folder` with its bytes (None for folders)."""
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """The fixture site built once, and the folder holding the project and its output."""
    parent = tmp_path_factory.mktemp("build")
    project = copy_fixture_site(parent / "site")
    before = tree_of(parent)
    out = parent / "out"
    build(project.settings_file, out)
    return project, out, before


@pytest.mark.slow
def test_a_valid_build_writes_only_into_its_output_and_its_lock(built_site):
    project, out, before = built_site
    created = set(tree_of(out.parent)) - set(before)
    outside_output = {path for path in created if path != "out" and not path.startswith("out/")}
    # The lock sits beside the output on purpose: it must outlive a swap of the output.
    assert outside_output == {".out.lock"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "line",
    ["Slug: ../../evil", "Slug: /tmp/evil", "Lang: ../../evil", "Save_as: ../../evil.html"],
)
def test_no_header_makes_the_build_write_anything(built_site, line):
    project, out, _ = built_site
    original = project.read(EXPLAINER)
    project.write(EXPLAINER, f"{EXPLAINER_HEADER}{line}\n\nText.\n", dedent=False)
    try:
        before = tree_of(out.parent)
        with pytest.raises(ContentInvalid) as refused:
            build(project.settings_file, out)
        assert tree_of(out.parent) == before
    finally:
        project.write(EXPLAINER, original, dedent=False)
    assert any(p.path == EXPLAINER and p.line == 4 for p in refused.value.problems)


def test_settings_limits_reach_the_check(project):
    # The limits that check_content applies are the ones in the settings.
    settings = dataclasses.replace(project.settings(), limits=Limits(max_list_items=1))
    project.write(PERSON, SHEET + "aliases: [a, b]\n", dedent=False)
    assert problems_in(project, PERSON, settings) == [
        f"{PERSON}:4:10: aliases: the list has 2 items, over the limit of 1"
    ]
