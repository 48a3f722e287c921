"""docs/editing.md documents every field the models declare, and nothing else.

Convention (the guide's "Field reference" follows it, and this test reads it):

- Under the heading ``## Field reference`` each content type has one
  ``### <Type>`` section: Person, Claim, Source, Explainer, Page, Update entry.
- Each field is one table row whose first cell is its path from
  ``Model.walk_fields()`` in backticks: ``| `image.alt` |`` for a field of a
  nested mapping, ``| `timeline[].sources` |`` for a field of each list entry.
- The second cell says whether the field is required, and starts with "yes"
  exactly when the model declares it required ("yes, in an image" is required
  inside an optional mapping; "no, default ...", "unless ..." are optional).

So adding a field to models.py without documenting it, removing one and
leaving it documented, or changing whether it is required fails here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from factcheck.content.history import NEW_ENTRY_KINDS_TEXT
from factcheck.content.models import Claim, Explainer, Page, Person, Source, Update
from factcheck.content.validate import check_content
from factcheck.editors.cli import read_pelican_settings
from factcheck.editors.scaffold import KINDS
from factcheck.settings import DEFAULT_RATINGS, FactcheckSettings

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "editing.md"
TEXT = GUIDE.read_text(encoding="utf-8")

SECTIONS = {
    "Person": Person,
    "Claim": Claim,
    "Source": Source,
    "Explainer": Explainer,
    "Page": Page,
    "Update entry": Update,
}

ROW_RE = re.compile(r"^\| `(?P<path>[^`]+)` \| (?P<required>[^|]*) \|", re.M)


def section(text: str, heading: str, level: int) -> str:
    """The text under `heading` up to the next heading of the same or a higher level."""
    marks = "#" * level
    match = re.search(rf"^{marks} {re.escape(heading)}\s*$", text, re.M)
    assert match, f"docs/editing.md has no heading {marks} {heading}"
    end = re.compile(rf"^#{{1,{level}}} ", re.M).search(text, match.end())
    return text[match.end() : end.start() if end else len(text)]


def documented_rows(heading: str) -> dict[str, str]:
    """Field path -> the Required cell, for each row of the type's table."""
    reference = section(TEXT, "Field reference", 2)
    rows = ROW_RE.findall(section(reference, heading, 3))
    paths = [path for path, _ in rows]
    assert len(paths) == len(set(paths)), f"{heading}: a field is documented twice"
    return {path: required.strip() for path, required in rows}


@pytest.mark.parametrize(("heading", "model"), SECTIONS.items(), ids=SECTIONS)
def test_every_model_field_is_documented(heading, model):
    documented = documented_rows(heading)
    missing = [path for path, _ in model.walk_fields() if path not in documented]
    assert missing == [], f"add these fields to '### {heading}' in docs/editing.md"


@pytest.mark.parametrize(("heading", "model"), SECTIONS.items(), ids=SECTIONS)
def test_no_documented_field_is_stale(heading, model):
    declared = {path for path, _ in model.walk_fields()}
    stale = [path for path in documented_rows(heading) if path not in declared]
    assert stale == [], f"these fields of '### {heading}' no longer exist in models.py"


@pytest.mark.parametrize(("heading", "model"), SECTIONS.items(), ids=SECTIONS)
def test_required_column_matches_the_model(heading, model):
    documented = documented_rows(heading)
    wrong = [
        f"{path}: model says {'required' if spec.required else 'optional'}, "
        f"guide says {documented[path]!r}"
        for path, spec in model.walk_fields()
        if path in documented and documented[path].startswith("yes") != spec.required
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "| `timeline[].sources` | yes, in an entry | Source ids. | `x` |",
            ("timeline[].sources", "yes, in an entry"),
        ),
        ("| `kind` | no, default `person` | ... |", ("kind", "no, default `person`")),
        ("| kind | yes | not in backticks |", None),
    ],
    ids=["nested-required", "optional-with-default", "path-without-backticks"],
)
def test_the_row_convention_itself(row, expected):
    match = ROW_RE.search(row)
    assert (match and (match["path"], match["required"])) == expected


def test_the_default_rating_scale_is_listed():
    scale = section(section(TEXT, "Field reference", 2), "Rating scale", 3)
    missing = [r["key"] for r in DEFAULT_RATINGS if f"| `{r['key']}` | {r['label']} |" not in scale]
    assert missing == []


def test_every_scaffold_task_is_shown():
    missing = [kind for kind in KINDS if f"uv run invoke new-{kind} " not in TEXT]
    assert missing == []


def test_the_rating_rule_message_is_explained_in_its_own_words():
    wording = f"without a new update entry of kind {NEW_ENTRY_KINDS_TEXT}"
    section_text = section(TEXT, "What each error message means", 2)
    assert wording in section_text
    assert wording in section(TEXT, "Correct a rating", 2)


# Where each worked example of the "Add a ..." sections goes, by its first line.
EXAMPLES = {
    "name: Jane Doe": "people/jane-doe.yaml",
    "example-2025-05-01:": "sources/example-2025-05-01.yaml",
    "claim: The department followed": "claims/department-followed-order.yaml",
    "Title: How the transfer": "explainers/the-transfer.md",
}


def test_the_worked_examples_pass_the_check(tmp_path):
    """Editors copy these examples: added to the example site, they must be valid."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    blocks = re.findall(r"^```(?:yaml)?\n(.*?)^```", TEXT, re.M | re.S)
    written = []
    for block in blocks:
        for start, name in EXAMPLES.items():
            if block.startswith(start):
                (content / name).write_text(block, encoding="utf-8")
                written.append(name)
    assert sorted(written) == sorted(EXAMPLES.values())
    # The examples join the example site, so they are checked with its settings.
    settings = read_pelican_settings(REPO / "pelicanconf.py") | {"PATH": str(content)}
    _, problems = check_content(FactcheckSettings.from_pelican(settings))
    assert [p.format() for p in problems if p.is_error] == []


def test_the_readme_maps_every_module_of_the_plugin():
    """A new module is named in the README's map of the code, under its folder."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") : readme.index("## What the checks guarantee")]
    plugin = REPO / "plugins" / "factcheck"
    missing = []
    for path in sorted(plugin.rglob("*.py")):
        folder = path.parent.relative_to(plugin).as_posix()
        if path.name == "__init__.py" and folder != ".":
            continue  # a folder's docstring; the folder itself is on the map
        if path.name not in layout or (folder != "." and f"{folder}/" not in layout):
            missing.append(path.relative_to(plugin).as_posix())
    assert missing == []


def test_the_contents_list_every_section_of_the_guide():
    contents = TEXT[TEXT.index("Contents:") : TEXT.index("## The editing loop")]
    sections = re.findall(r"^## (.+)$", TEXT, re.M)
    assert [title for title in sections if f"[{title}]" not in contents] == []
