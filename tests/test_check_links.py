"""invoke check-links against local pages that live, die, move and change title."""

from __future__ import annotations

import io
import socket
import ssl
import urllib.error

import pytest
from conftest import SETTINGS, Project
from local_server import LocalServer, Request, local_server

from factcheck.editors.linkcheck import describe_failure, run_check_links, titles_match

PAGES = {
    "/live": "<html><head><title>\n  Council passes the budget | Exampleton Post</title></head></html>",
    "/old-address": None,  # redirects to /live, on the same site
    "/retitled": "<html><head><title>Ten recipes for summer</title></head></html>",
    "/archive/live": "<title>Wayback Machine</title>",
}


def answer(request: Request, server: LocalServer):
    if request.path == "/old-address":
        return 301, {"Location": "/live"}, ""
    if request.path == "/sold":
        return 302, {"Location": "http://parked.example/for-sale"}, ""
    if request.path == "/slow":
        server.hang()
        return 200, {}, ""
    if request.path == "/broken":
        return 500, {}, "error"
    page = PAGES.get(request.path)
    if page is None:
        return 404, {"Content-Type": "text/html"}, "<title>Not found</title>"
    return 200, {"Content-Type": "text/html; charset=utf-8"}, page


def sources(base: str) -> str:
    def source(source_id: str, path: str, archive: str | None = None) -> str:
        text = (
            f"{source_id}:\n"
            "  title: Council passes the budget\n"
            "  publisher: Exampleton Post\n"
            f"  url: {base}{path}\n"
            "  date: 2025-03-01\n"
        )
        return text + (f"  archive_url: {base}{archive}\n" if archive else "") + "\n"

    return (
        source("live", "/live", "/archive/live")
        + source("moved-within", "/old-address")
        + source("dead", "/gone")
        + source("dead-archived", "/broken", "/archive/live")
        + source("archive-gone", "/live", "/archive/gone")
        + source("sold", "/sold")
        + source("retitled", "/retitled")
        + source("slow", "/slow")
        + "printed:\n  title: T\n  publisher: P\n  date: 2025-03-01\n"
        "  offline: true\n  citation: The printed edition\n"
    )


def test_dead_moved_and_retitled_pages_are_reported_at_their_source(tmp_path):
    with local_server(answer) as server:
        project = Project(tmp_path)
        project.write("pelicanconf.py", SETTINGS)
        project.write("content/sources/all.yaml", sources(server.url))
        out = io.StringIO()
        summary = tmp_path / "summary.md"
        status = run_check_links(
            project.settings(), jobs=4, timeout=0.3, github=False, summary_file=summary, out=out
        )
    path = "content/sources/all.yaml"
    expected = [
        f"{path}:14:1: dead.url: warning: dead link (HTTP 404): update the url if the page "
        "moved, or look for a capture with `uv run invoke archive --only dead`; if it is gone "
        "for good, add `dead: YYYY-MM-DD` so that pages citing it say so",
        f"{path}:20:1: dead-archived.url: warning: dead link (HTTP 500): readers still have the "
        "archived copy; update the url if the page moved",
        f"{path}:27:1: archive-gone.archive_url: warning: dead link (HTTP 404): archive the "
        "page again: remove archive_url and run `uv run invoke archive`",
        f"{path}:34:1: sold.url: warning: redirects to another site, "
        "http://parked.example/for-sale: update the url if the page moved there, or rely on "
        "the archived copy",
        f"{path}:40:1: retitled.url: warning: the page's title is now 'Ten recipes for summer': "
        "check that it is still the page cited, and if not, rely on the archived copy",
        f"{path}:46:1: slow.url: warning: dead link (no answer within 0.3 s): update the url if "
        "the page moved, or look for a capture with `uv run invoke archive --only slow`; if it "
        "is gone for good, add `dead: YYYY-MM-DD` so that pages citing it say so",
    ]
    verdict = "check-links: 11 links of 9 sources, 4 dead, 1 redirected elsewhere, 1 retitled"
    assert out.getvalue().splitlines()[:-1] == expected
    assert out.getvalue().splitlines()[-1] == verdict
    assert status == 1
    assert summary.read_text() == (
        "## Sources' links\n\n" + verdict + "\n\n```\n" + "\n".join(expected) + "\n```\n"
    )
    fetched = {r.path for r in server.requests}
    assert "/for-sale" not in fetched  # another site is named, never fetched


def test_annotations_for_github(tmp_path):
    with local_server(answer) as server:
        project = Project(tmp_path)
        project.write("pelicanconf.py", SETTINGS)
        project.write(
            "content/sources/one.yaml",
            f"gone:\n  title: T\n  publisher: P\n  url: {server.url}/gone\n  date: 2025-03-01\n",
        )
        out = io.StringIO()
        run_check_links(project.settings(), timeout=0.3, github=True, summary_file="", out=out)
    assert out.getvalue().splitlines()[0] == (
        "::warning file=content/sources/one.yaml,line=1,col=1,title=gone.url::dead link "
        "(HTTP 404): update the url if the page moved, or look for a capture with "
        "`uv run invoke archive --only gone`; if it is gone for good, add `dead: YYYY-MM-DD` so "
        "that pages citing it say so"
    )


def test_nothing_to_report_is_a_success(tmp_path):
    with local_server(answer) as server:
        project = Project(tmp_path)
        project.write("pelicanconf.py", SETTINGS)
        project.write("content/sources/all.yaml", sources(server.url).split("dead:")[0])
        out = io.StringIO()
        status = run_check_links(project.settings(), timeout=0.3, github=False, out=out)
    assert (status, out.getvalue()) == (
        0,
        "check-links: 3 links of 2 sources, 0 dead, 0 redirected elsewhere, 0 retitled\n",
    )


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            urllib.error.URLError(socket.gaierror(-2, "Name or service not known")),
            "the host name does not resolve (DNS)",
        ),
        (
            urllib.error.URLError(ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version")),
            "TLS error: [SSL: WRONG_VERSION_NUMBER] wrong version",
        ),
        (
            urllib.error.URLError(ConnectionRefusedError(111, "refused")),
            "the connection was refused",
        ),
        (TimeoutError("timed out"), "no answer within 2 s"),
    ],
    ids=["dns", "tls", "refused", "timeout"],
)
def test_network_failures_in_editors_words(error, message):
    assert describe_failure(error, 2.0) == message


def test_a_certificate_error_says_why():
    error = ssl.SSLCertVerificationError(1, "certificate verify failed")
    error.verify_message = "certificate has expired"
    assert describe_failure(urllib.error.URLError(error), 2.0) == (
        "TLS certificate error: certificate has expired"
    )


@pytest.mark.parametrize(
    ("page", "same"),
    [
        ("Council passes the budget | Exampleton Post", True),
        ("Exampleton Post - Council Passes The Budget", True),
        ("Council passes budget", True),
        ("Ten recipes for summer", False),
        ("Page not found", False),
    ],
)
def test_titles_match_despite_the_sites_own_name(page, same):
    assert titles_match("Council passes the budget", page) is same
