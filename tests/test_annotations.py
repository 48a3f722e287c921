"""GitHub annotations: the exact workflow commands that mark lines in a pull request.

GitHub parses ``::error file=F,line=L,col=C,title=T::message``; a ``%``, a
newline, or (in the properties) a ``:`` or ``,`` left unescaped would cut the
command short or move the annotation, so each case is asserted byte for byte.
"""

from __future__ import annotations

import io

import pytest

from factcheck.content.problems import Problem, Severity, format_report
from factcheck.editors.cli import run_check


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        pytest.param(
            Problem("content/claims/x.yaml", 7, 9, "rating", "unknown rating 'flase'"),
            "::error file=content/claims/x.yaml,line=7,col=9,title=rating::unknown rating 'flase'",
            id="error",
        ),
        pytest.param(
            Problem(
                "content/sources/a.yaml",
                2,
                3,
                "a.archive_url",
                "no archived copy: add archive_url",
                Severity.WARNING,
            ),
            "::warning file=content/sources/a.yaml,line=2,col=3,title=a.archive_url::"
            "no archived copy: add archive_url",
            id="warning-has-no-prefix-in-the-message",
        ),
        pytest.param(
            Problem("content/people/x.yaml", 1, 1, "", "the file is empty"),
            "::error file=content/people/x.yaml,line=1,col=1,title=content::the file is empty",
            id="no-field-gets-a-generic-title",
        ),
        pytest.param(
            Problem("content/claims/x.yaml", 3, 1, "verdict", "100% sure"),
            "::error file=content/claims/x.yaml,line=3,col=1,title=verdict::100%25 sure",
            id="percent-in-message",
        ),
        pytest.param(
            Problem("content/claims/x.yaml", 3, 1, "verdict", "first\nsecond\r\nthird"),
            "::error file=content/claims/x.yaml,line=3,col=1,title=verdict::"
            "first%0Asecond%0D%0Athird",
            id="newlines-in-message",
        ),
        pytest.param(
            Problem("content/claims/x.yaml", 3, 1, "verdict", "a: b, c"),
            "::error file=content/claims/x.yaml,line=3,col=1,title=verdict::a: b, c",
            id="colon-and-comma-stay-in-message",
        ),
        pytest.param(
            Problem("content/sources/a,b:c.yaml", 4, 2, "x:y,z", "m"),
            "::error file=content/sources/a%2Cb%3Ac.yaml,line=4,col=2,title=x%3Ay%2Cz::m",
            id="colon-and-comma-escaped-in-properties",
        ),
        pytest.param(
            Problem("content/sources/100%.yaml", 4, 2, "a\nb", "m"),
            "::error file=content/sources/100%25.yaml,line=4,col=2,title=a%0Ab::m",
            id="percent-and-newline-escaped-in-properties",
        ),
        pytest.param(
            Problem("content/claims/x.yaml", 5, 1, "sources[0]", "::error::injected"),
            "::error file=content/claims/x.yaml,line=5,col=1,title=sources[0]::::error::injected",
            id="a-command-in-the-message-stays-data",
        ),
    ],
)
def test_format_github(problem, expected):
    assert problem.format_github() == expected


def test_report_lists_annotations_then_plain_lines_then_the_count():
    problems = [
        Problem("content/people/b.yaml", 2, 1, "name", "must not be empty"),
        Problem("content/claims/a.yaml", 9, 3, "sources[1]", "unknown source 'x'"),
        Problem(
            "content/sources/s.yaml", 1, 1, "s.archive_url", "no archived copy", Severity.WARNING
        ),
    ]
    assert format_report(problems, github=True).splitlines() == [
        "::error file=content/claims/a.yaml,line=9,col=3,title=sources[1]::unknown source 'x'",
        "::error file=content/people/b.yaml,line=2,col=1,title=name::must not be empty",
        "::warning file=content/sources/s.yaml,line=1,col=1,title=s.archive_url::no archived copy",
        "content/claims/a.yaml:9:3: sources[1]: unknown source 'x'",
        "content/people/b.yaml:2:1: name: must not be empty",
        "content/sources/s.yaml:1:1: s.archive_url: warning: no archived copy",
        "2 errors, 1 warning",
    ]


def test_report_without_github_has_no_annotations():
    problems = [Problem("content/people/b.yaml", 2, 1, "name", "must not be empty")]
    assert format_report(problems).splitlines() == [
        "content/people/b.yaml:2:1: name: must not be empty",
        "1 error, 0 warnings",
    ]


PERSON_WITH_TWO_MISTAKES = """\
name: Jane Doe
summary: A person.
published: 2025-13-01
nmae: Jane
"""

PLAIN_LINES = [
    "content/people/jane-doe.yaml:3:12: published: '2025-13-01' is not a valid date: "
    "there is no month 13",
    "content/people/jane-doe.yaml:4:1: nmae: unknown field 'nmae' (did you mean 'name'?)",
]
ANNOTATIONS = [
    "::error file=content/people/jane-doe.yaml,line=3,col=12,title=published::"
    "'2025-13-01' is not a valid date: there is no month 13",
    "::error file=content/people/jane-doe.yaml,line=4,col=1,title=nmae::"
    "unknown field 'nmae' (did you mean 'name'?)",
]


@pytest.fixture
def settings_file(tmp_path):
    (tmp_path / "pelicanconf.py").write_text('PATH = "content"\n', encoding="utf-8")
    people = tmp_path / "content" / "people"
    people.mkdir(parents=True)
    (people / "jane-doe.yaml").write_text(PERSON_WITH_TWO_MISTAKES, encoding="utf-8")
    return tmp_path / "pelicanconf.py"


@pytest.mark.parametrize(
    ("environment", "github", "expected"),
    [
        pytest.param("true", None, ANNOTATIONS + PLAIN_LINES, id="in-github-actions"),
        pytest.param(None, None, PLAIN_LINES, id="locally"),
        pytest.param("false", None, PLAIN_LINES, id="github-actions-false"),
        pytest.param(None, True, ANNOTATIONS + PLAIN_LINES, id="asked-for-locally"),
        pytest.param("true", False, PLAIN_LINES, id="turned-off-in-github-actions"),
    ],
)
def test_run_check_prints_annotations_in_github_actions(
    settings_file, monkeypatch, environment, github, expected
):
    if environment is None:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    else:
        monkeypatch.setenv("GITHUB_ACTIONS", environment)
    out = io.StringIO()
    assert run_check(settings_file, github=github, out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[:-1] == [*expected, "2 errors, 0 warnings"]
    assert lines[-1].startswith("check failed: 0 pages and 0 sources in 1 files, ")
