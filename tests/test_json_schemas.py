"""The JSON Schemas in schemas/ (help while typing) agree with the check.

They must accept every valid content file, the example site's and the
fixture site's, and reject the mistakes of the validation table that one
file can show. Files are read as the YAML language server reads them (YAML
1.2: `no` is text, `2025` a number, a date a string), not as PyYAML's YAML 1.1.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from test_validation_errors import CASES

from factcheck.content.limits import Limits
from factcheck.content.yamlfile import MappingNode, ScalarNode, parse_yaml_text
from factcheck.editors.cli import read_pelican_settings
from factcheck.editors.json_schemas import content_schemas, schema_text
from factcheck.settings import FactcheckSettings

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "schemas"
SETTINGS = FactcheckSettings.from_pelican(read_pelican_settings(REPO / "pelicanconf.py"))
SCHEMA_OF_FOLDER = {"people": "person", "claims": "claim", "sources": "sources"}

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def as_yaml_12(node):
    """A composed node as Python values under YAML 1.2's core schema."""
    if isinstance(node, MappingNode):
        return {key.value: as_yaml_12(value) for key, value in node.value}
    if not isinstance(node, ScalarNode):
        return [as_yaml_12(item) for item in node.value]
    if node.style is not None:  # quoted or block text
        return node.value
    value = node.value
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return value.lower() == "true"
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def schema_for(relative: str) -> dict:
    """content/<folder>/<name>.yaml -> the schema .vscode/settings.json gives it."""
    folder, name = relative.split("/")[-2:]
    lang = name.split(".")[1] if name.count(".") == 2 else ""
    file = SCHEMA_OF_FOLDER[folder] + (f".{lang}" if lang else "") + ".schema.json"
    return json.loads((SCHEMAS / file).read_text(encoding="utf-8"))


def errors_in(relative: str, text: str) -> list[str]:
    problems = []
    yaml_file = parse_yaml_text(text, relative, problems, Limits())
    assert yaml_file is not None, problems
    validator = Draft202012Validator(schema_for(relative))
    return [error.message for error in validator.iter_errors(as_yaml_12(yaml_file.root))]


VALID_FILES = sorted(
    path.relative_to(REPO).as_posix()
    for base in (REPO / "content", REPO / "tests/fixtures/site/content")
    for folder in SCHEMA_OF_FOLDER
    for path in (base / folder).glob("*.yaml")
)


def test_every_schema_is_a_valid_json_schema():
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("relative", VALID_FILES)
def test_the_schemas_accept_every_valid_file(relative):
    assert errors_in(relative, (REPO / relative).read_text(encoding="utf-8")) == []


def test_the_valid_files_cover_every_schema():
    used = {json.dumps(schema_for(relative), sort_keys=True) for relative in VALID_FILES}
    assert len(used) == len(list(SCHEMAS.glob("*.schema.json")))


# The validation table's mistakes that one file shows, without other files or history.
REJECTED = [
    "unknown-field-with-suggestion",
    "unknown-field-without-suggestion",
    "missing-required-field",
    "list-where-text-expected",
    "text-where-list-expected",
    "date-in-other-format",
    "month-only-where-day-needed",
    "unknown-rating-far-off",
    "rating-written-as-its-label",
    "rating-synonym-half-true",
    "empty-sources",
    "evidence-entry-typo",
    "image-without-alt-and-credit",
    "image-path-leaving-images-folder",
    "unsourced-timeline-entry",
    "unknown-kind",
    "update-with-unknown-kind",
    "noindex-not-boolean",
    "ftp-address",
    "address-without-scheme",
    "invalid-source-id",
]
TABLE = {case[0]: case[1:] for case in CASES}


@pytest.mark.parametrize("case", REJECTED)
def test_the_schemas_reject_what_one_file_can_show(case):
    relative, text, expected = TABLE[case]
    assert expected, "a rejected case is an error in the validation table"
    assert errors_in(relative, text) != []


def test_text_the_check_accepts_is_accepted():
    relative, text, expected = TABLE["no-is-text-not-false"]
    assert expected == []
    assert errors_in(relative, text) == []


def test_the_committed_schemas_are_up_to_date():
    """Run `uv run invoke schemas` after changing a model or the rating scale."""
    expected = content_schemas(SETTINGS)
    committed = {path.name: path.read_text(encoding="utf-8") for path in SCHEMAS.glob("*.json")}
    assert sorted(committed) == sorted(expected)
    stale = [name for name, schema in expected.items() if committed[name] != schema_text(schema)]
    assert stale == [], "run uv run invoke schemas"


def test_the_editor_settings_map_every_schema_to_its_folder():
    mapping = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))[
        "yaml.schemas"
    ]
    assert sorted(Path(name).name for name in mapping) == sorted(content_schemas(SETTINGS))
    for name, globs in mapping.items():
        for relative in VALID_FILES:
            if not relative.startswith("content/"):
                continue
            matched = any(Path(relative).match(g) for g in globs if not g.startswith("!"))
            excluded = any(Path(relative).match(g[1:]) for g in globs if g.startswith("!"))
            if matched and not excluded:
                assert schema_for(relative) == json.loads((REPO / name).read_text()), relative
