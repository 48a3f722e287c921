"""The type checker reads a model's attribute types from its one declaration.

A model is declared once, as fields (``name = Text(required=True)``); the
fields are generic so that mypy knows ``person.name`` is a ``str`` without a
second annotation. These tests run mypy on a small model using every field
type and assert the type of each attribute, and that mistakes are reported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (declaration, the attribute's type as the type checker must see it)
DECLARED_TYPES = [
    ('Text(required=True, doc="x")', "str"),
    ("Text()", "str | None"),
    ("Markdown(inline=True, required=True)", "str"),
    ("Markdown(citations=True)", "str | None"),
    ("Url()", "str | None"),
    ("Date(partial=True, required=True)", "PartialDate"),
    ("Date()", "PartialDate | None"),
    ("Bool(default=False)", "bool"),
    ("Bool()", "bool | None"),
    ('Choice("a", "b", default="a")', "str"),
    ('Choice("a", "b", required=True)', "str"),
    ('Choice("a", "b")', "str | None"),
    ("Slug()", "str | None"),
    ('Ref("person", required=True)', "str"),
    ('Ref("person")', "str | None"),
    ("RatingRef(required=True)", "str"),
    ("ListOf(Text())", "tuple[str, ...]"),
    ('ListOf(Ref("source"), min_items=1, required=True)', "tuple[str, ...]"),
    ("ListOf(Nested(Inner))", "tuple[Inner, ...]"),
    ("Nested(Inner)", "Inner | None"),
    ("Nested(Inner, required=True)", "Inner"),
]

HEADER = """\
from typing import assert_type

from factcheck.content.dates import PartialDate
from factcheck.content.schema import (
    Bool, Choice, Date, ListOf, Markdown, Model, Nested, RatingRef, Ref, Slug, Text, Url,
)


class Inner(Model):
    text = Text(required=True)
"""


def mypy(tmp_path: Path, source: str) -> list[str]:
    """mypy's errors in `source` ("line: error: message"), with the project's configuration."""
    path = tmp_path / "sample.py"
    path.write_text(source, encoding="utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(REPO / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--no-error-summary",
            "--no-warn-unused-configs",
            "--hide-error-context",
            str(path),
        ],
        cwd=tmp_path,
        env={"MYPYPATH": str(REPO / "plugins"), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.stderr == "", completed.stderr
    return [
        line.removeprefix("sample.py:")
        for line in completed.stdout.splitlines()
        if line.startswith("sample.py:") and ": error: " in line
    ]


def test_each_field_types_its_attribute_and_mistakes_are_reported(tmp_path):
    declarations = "".join(
        f"    field_{i} = {declaration}\n" for i, (declaration, _) in enumerate(DECLARED_TYPES)
    )
    assertions = "".join(
        f"    assert_type(sheet.field_{i}, {expected})\n"
        for i, (_, expected) in enumerate(DECLARED_TYPES)
    )
    required_text = DECLARED_TYPES.index(('Text(required=True, doc="x")', "str"))
    optional_text = DECLARED_TYPES.index(("Text()", "str | None"))
    a_list = next(i for i, (declared, _) in enumerate(DECLARED_TYPES) if "ListOf" in declared)
    mistakes = [
        f"    sheet.field_{required_text} = None  # a required field holds no None\n",
        f"    sheet.field_{a_list} = None  # a list is empty, never None\n",
        f"    print(Sheet.field_{optional_text})  # the fields are taken off the class\n",
        "    Text(requird=True)  # a misspelt option\n",
    ]
    source = (
        HEADER
        + "\n\nclass Sheet(Model):\n"
        + declarations
        + "\n\ndef read(sheet: Sheet) -> None:\n"
        + assertions
        + f"    sheet.field_{optional_text} = None\n    sheet.field_{optional_text} = 'text'\n"
        + "".join(mistakes)
    )
    errors = mypy(tmp_path, source)
    first_mistake = source.count("\n") - len(mistakes) + 1
    assert [line.split(":")[0] for line in errors] == [
        str(first_mistake + i) for i in range(len(mistakes))
    ], "\n".join(errors)
