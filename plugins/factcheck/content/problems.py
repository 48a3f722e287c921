"""Problems found in content: where, which field, what is wrong.

Every mistake an editor can make is reported as one `Problem`, printed as
``path:line:col: field.path: message``. Problems are collected, never raised
one at a time, so an editor sees all of them in one run.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class Severity(enum.IntEnum):
    WARNING = 1
    ERROR = 2


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One mistake in one place. Lines and columns are 1-based."""

    path: str
    line: int
    col: int
    field: str
    message: str
    # dataclasses.field in full: to the type checker, the attribute `field` above
    # hides the bare name.
    severity: Severity = dataclasses.field(default=Severity.ERROR, compare=False)
    # Names a kind of warning, e.g. "no-archive".
    code: str = dataclasses.field(default="", compare=False)
    # Reports list root causes first: 0 for a file that could not be loaded,
    # 1 for what waits on it, 2 for the rest.
    rank: int = dataclasses.field(default=2, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        message = self.message if self.is_error else f"warning: {self.message}"
        where = f"{self.path}:{self.line}:{self.col}"
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        level = "error" if self.is_error else "warning"
        title = _escape_property(self.field or "content")
        message = _escape_data(self.message)
        return (
            f"::{level} file={_escape_property(self.path)},line={self.line},"
            f"col={self.col},title={title}::{message}"
        )


def _escape_data(text: str) -> str:
    # The escaping GitHub's @actions/core applies to workflow command data.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class ContentInvalid(SystemExit):
    """Raised when content has errors; exits with status 1 without a traceback.

    It derives from SystemExit on purpose: Pelican logs any other exception with
    a full traceback, which buries the editor's list of mistakes.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_report(problems))


def build_fails(problems: Iterable[Problem], *, strict: bool, allowed: Iterable[str] = ()) -> bool:
    """Errors always fail; in strict mode so do warnings, except the allowed kinds."""
    allowed = frozenset(allowed)
    return any(p.is_error or (strict and p.code not in allowed) for p in problems)


class GenerationError(SystemExit):
    """An unexpected failure while rendering one content file, reported in one line.

    The original exception is kept as ``__cause__``; `invoke build --debug`
    (or FACTCHECK_DEBUG=1 with Pelican's own command) prints its traceback.
    """

    def __init__(self, source: str, error: BaseException):
        self.source = source
        super().__init__(f"{source}: internal error: {type(error).__name__}: {error}")


@contextmanager
def reported_as(source: str) -> Iterator[None]:
    """Turn any unexpected error inside into one GenerationError line naming `source`.

    FACTCHECK_DEBUG=1 prints the traceback first.
    """
    try:
        yield
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as error:
        if os.environ.get("FACTCHECK_DEBUG"):
            traceback.print_exc()
        raise GenerationError(source, error) from error


def report_order(problems: Iterable[Problem]) -> list[Problem]:
    """Root causes first (files that did not load), then by file, line and column."""
    return sorted(problems, key=lambda p: (p.rank, p))


def summary_line(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def verbose_by_default() -> bool:
    """FACTCHECK_VERBOSE=1 lists every warning in builds, which take no options of ours."""
    return os.environ.get("FACTCHECK_VERBOSE", "") not in ("", "0")


def format_report(
    problems: Iterable[Problem], *, github: bool = False, verbose: bool | None = None
) -> str:
    """All problems, root causes first, then by file and line, one per line, then a count.

    Errors are always listed. A kind of warning found more than once is one
    line with its count (twelve sources without an archived copy would
    otherwise bury the one error an editor just made); `verbose` lists them.
    GitHub annotations are always one per problem: each marks its own line.
    """
    problems = report_order(problems)
    verbose = verbose_by_default() if verbose is None else verbose
    lines = [p.format_github() for p in problems] if github else []
    lines += summarize_warnings(problems) if not verbose else [p.format() for p in problems]
    lines.append(summary_line(problems))
    return "\n".join(lines)


def summarize_warnings(problems: list[Problem]) -> list[str]:
    """Each problem's line, except that a repeated kind of warning becomes one counted line."""
    kinds: dict[str, list[Problem]] = {}
    for problem in problems:
        if not problem.is_error and problem.code:
            kinds.setdefault(problem.code, []).append(problem)
    lines = []
    for problem in problems:
        same = kinds.get(problem.code, []) if not problem.is_error else []
        if len(same) < 2:
            lines.append(problem.format())
        elif problem is same[0]:
            lines.append(
                f"{len(same)} warnings '{problem.code}': {problem.message} (first at "
                f"{problem.path}:{problem.line}:{problem.col}; --verbose lists them all)"
            )
    return lines


def report_changes(previous: list[str], report: str) -> tuple[str, list[str]]:
    """What a report says that the previous one did not, for `invoke serve`'s rebuilds.

    Returns the text to print (new lines, a count of those shown before, the
    summary) and the lines to remember for the next time.
    """
    *lines, summary = report.splitlines()
    seen = set(previous)
    new = [line for line in lines if line not in seen]
    fixed = len(set(previous) - set(lines))
    notes = []
    if len(new) < len(lines):
        notes.append(f"{len(lines) - len(new)} shown before")
    if fixed:
        notes.append(f"{fixed} fixed")
    if notes:
        summary += f" ({', '.join(notes)})"
    return "\n".join([*new, summary]), lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
