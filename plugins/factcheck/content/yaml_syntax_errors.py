"""YAML syntax errors in an editor's words, placed where the editor has to look.

PyYAML speaks of "mapping values" and "block scalars"; editors wrote a colon
in a sentence or text on the line of a ``>-``. Each common mistake is named
with its fix, in a table, placed where the construct opened when that is
where the mistake is (the opening bracket or quote, not the end of the
file), and the line is shown as written. Rarer errors keep PyYAML's words.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .problems import Problem


@dataclass(frozen=True, slots=True)
class _KnownError:
    problem: str  # how PyYAML's problem starts
    explanation: str  # in the editor's words, with the fix
    context: str = ""  # a word PyYAML's context must contain
    at_opening: bool = False  # placed where the construct opened, not where PyYAML noticed


_KNOWN_ERRORS = (
    _KnownError(
        "mapping values are not allowed",
        "a ': ' inside a value: put text that contains ': ' in quotes, "
        "or line the field up with the fields above",
    ),
    _KnownError(
        "did not find expected comment or line break",
        "text after '>-' or '|' must start on the next line, indented",
        context="block scalar",
        at_opening=True,
    ),
    _KnownError(
        "did not find expected ',' or ']'",
        "a list opened with '[' is not closed with ']': close it, "
        "and put an item that contains ',' or ']' in quotes",
        at_opening=True,
    ),
    _KnownError(
        "did not find expected ',' or '}'",
        "a mapping opened with '{' is not closed with '}': close it, "
        "and put a value that contains ',' or '}' in quotes",
        at_opening=True,
    ),
    _KnownError(
        "found unexpected end of stream",
        "a quotation mark opened here is never closed",
        context="quoted scalar",
        at_opening=True,
    ),
    _KnownError(
        "found unknown escape character",
        "a backslash inside double quotes: use single quotes, or write \\\\",
    ),
    _KnownError(
        "could not find expected ':'",
        "a line without 'field: value': indent it to continue the text above, "
        "or add the field's name",
        at_opening=True,
    ),
    _KnownError(
        "did not find expected key",
        "unexpected text after a value: quote all of a value that starts with a quotation "
        "mark, and line each field up with the fields above",
    ),
    _KnownError(
        "block sequence entries are not allowed",
        "a list item ('- ') cannot follow a field on its line: "
        "start the list on the next line, indented",
    ),
    _KnownError(
        "did not find expected '-' indicator",
        "this line interrupts a list: start every item with '- ', all at the same indentation",
    ),
    _KnownError("found undefined alias", "a value cannot start with '*': put it in quotes"),
    _KnownError(
        "but found another document",
        "a line '---' starts a second document, and a file holds one: remove the line",
    ),
)

# The one problem whose explanation depends on the character PyYAML stopped at.
_UNUSABLE_CHARACTER = "found character that cannot start any token"


def syntax_error_problem(error: yaml.YAMLError, text: str, rel_path: str) -> Problem:
    """The problem to report for a file that PyYAML could not compose."""
    if isinstance(error, yaml.MarkedYAMLError):
        line, col, message = explain_syntax_error(error, text)
    elif isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow
        # Its text names PyYAML's input ("<unicode string>") on a second line,
        # and it has no mark: place it at its position in the file instead.
        line, col = line_and_column(text, min(error.position, len(text)))
        message = f"unacceptable character #x{error.character:04x}: {error.reason}"
    else:
        mark = getattr(error, "problem_mark", None) or getattr(error, "mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(error).split())  # one line, as every problem is shown
    return Problem(rel_path, line, col, "", f"YAML syntax error: {message}")


def explain_syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """The 1-based line and column of a YAML syntax error, and what it means in plain words."""
    mark, explanation = _explain(error, text)
    if mark is None:
        return 1, 1, explanation
    return mark.line + 1, mark.column + 1, explanation + _line_as_written(text, mark)


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index into `text`."""
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _explain(error: yaml.MarkedYAMLError, text: str) -> tuple[yaml.Mark | None, str]:
    """Where the error belongs, and the explanation from the table or PyYAML's own words."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    known = _known_error(problem, context)
    if known is not None:
        if known.at_opening and error.context_mark is not None:
            mark = error.context_mark
        return mark, known.explanation
    if problem == _UNUSABLE_CHARACTER:
        return mark, _explain_unusable_character(text, mark)
    return mark, _in_pyyaml_words(problem, context)


def _known_error(problem: str, context: str) -> _KnownError | None:
    for known in _KNOWN_ERRORS:
        if problem.startswith(known.problem) and known.context in context:
            return known
    return None


def _in_pyyaml_words(problem: str, context: str) -> str:
    explanation = f"{problem} ({context})" if problem and context else problem or context
    return explanation or "the file is not valid YAML"


def _explain_unusable_character(text: str, mark: yaml.Mark | None) -> str:
    character = text[mark.index] if mark and mark.index < len(text) else ""
    if character == "\t":
        return "a tab character: indent with spaces only"
    return f"a value cannot start with {character!r}: put the whole value in quotes"


def _line_as_written(text: str, mark: yaml.Mark) -> str:
    """`` (line N reads '...')`` for the line of the error, shortened; empty for a blank line."""
    lines = text.split("\n")
    shown = lines[mark.line].strip() if mark.line < len(lines) else ""
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f" (line {mark.line + 1} reads {shown!r})" if shown else ""
