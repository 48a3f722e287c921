"""``invoke check-links``: which sources' pages have died, moved or changed.

Every source's ``url`` and ``archive_url`` is fetched, a few at a time and
each within a time-out, and reported at the source's place as
``path:line:col: id.field: warning: message``, with what to do:

- a dead link: an HTTP error (4xx, 5xx), a host name that does not resolve,
  a TLS failure, or no answer in time;
- a redirect to another site (a moved or sold domain; redirects within the
  same site are followed);
- a page whose ``<title>`` no longer matches the source's title (only for
  ``url``: the archived copy is the page as cited).

The findings are warnings, never errors: a link that rots does not make the
site wrong, and a scheduled workflow reports them without stopping anything.
"""

from __future__ import annotations

import difflib
import html.parser
import os
import re
import socket
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO

from ..content.loading import load_site
from ..content.models import Source
from ..content.problems import Problem, Severity
from ..settings import FactcheckSettings

USER_AGENT = "Mozilla/5.0 (compatible; factcheck-site link check)"
MAX_REDIRECTS = 5
TITLE_BYTES = 512 * 1024  # a <title> is near the top; never read a whole video
CODE = "link-rot"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # followed by hand, to see where each hop goes


def fetch(url: str, timeout: float) -> tuple[str | None, str]:
    """GET `url`, following redirects within its site.

    Returns (the page's title or None, the first other site it redirects to
    or ""). Raises LinkDead with the reason a link is dead.
    """
    opener = urllib.request.build_opener(_NoRedirects)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(
            current, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"}
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                return _title_of(response), ""
        except urllib.error.HTTPError as error:
            if error.code in (301, 302, 303, 307, 308) and error.headers.get("Location"):
                target = urllib.parse.urljoin(current, error.headers["Location"])
                if _site(target) != _site(current):
                    return None, target
                current = target
                continue
            raise LinkDead(f"HTTP {error.code}") from error
        except (urllib.error.URLError, OSError) as error:
            raise LinkDead(describe_failure(error, timeout)) from error
    raise LinkDead(f"more than {MAX_REDIRECTS} redirects")


def _title_of(response) -> str | None:
    """The title of an HTML page, read from its start only; None for anything else."""
    kind = response.headers.get_content_type()
    charset = response.headers.get_content_charset() or "utf-8"
    body = response.read(TITLE_BYTES) if kind in ("text/html", "application/xhtml+xml") else b""
    return page_title(body.decode(charset, "replace")) if body else None


class LinkDead(Exception):
    """Why a link gives nothing to read."""


def describe_failure(error: BaseException, timeout: float) -> str:
    """A network failure in an editor's words: DNS, TLS, time-out or refusal."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.gaierror):
        return "the host name does not resolve (DNS)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate error: {reason.verify_message}"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {getattr(reason, 'reason', None) or reason.strerror or reason}"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    return f"cannot connect: {reason}"


def _site(url: str) -> str:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


class _TitleParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.title: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "title" and self.title is None:
            self.inside, self.title = True, ""

    def handle_endtag(self, tag):
        if tag == "title":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.title += data


def page_title(text: str) -> str | None:
    parser = _TitleParser()
    parser.feed(text)
    return " ".join(parser.title.split()) if parser.title else None


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def titles_match(source_title: str, page: str) -> bool:
    """Whether a page's title still names the source: sites add and drop their own name."""
    ours, theirs = _words(source_title), _words(page)
    if not ours or not theirs or ours in theirs or theirs in ours:
        return True
    return difflib.SequenceMatcher(None, ours, theirs).ratio() >= 0.75


@dataclass(frozen=True)
class Link:
    source: Source
    field: str  # "url" or "archive_url"
    url: str


def check_link(link: Link, timeout: float) -> Problem | None:
    source = link.source
    where = source.key_location
    try:
        title, elsewhere = fetch(link.url, timeout)
    except LinkDead as dead:
        message = f"dead link ({dead}): " + (
            "archive the page again: remove archive_url and run `uv run invoke archive`"
            if link.field == "archive_url"
            else "readers still have the archived copy; update the url if the page moved"
            if source.archive_url
            else "update the url if the page moved, or look for a capture with "
            f"`uv run invoke archive --only {source.id}`; if it is gone for good, "
            "add `dead: YYYY-MM-DD` so that pages citing it say so"
        )
    else:
        if elsewhere:
            message = (
                f"redirects to another site, {elsewhere}: update the url if the page moved "
                "there, or rely on the archived copy"
            )
        elif link.field == "url" and title is not None and not titles_match(source.title, title):
            message = (
                f"the page's title is now {title!r}: check that it is still the page cited, "
                "and if not, rely on the archived copy"
            )
        else:
            return None
    return Problem(
        where.path,
        where.line,
        where.col,
        f"{source.id}.{link.field}",
        message,
        Severity.WARNING,
        CODE,
    )


def collect_links(sources: Iterable[Source]) -> list[Link]:
    links = []
    for source in sources:
        if source.offline:
            continue
        links += [Link(source, name, getattr(source, name)) for name in ("url", "archive_url")]
    return [link for link in links if link.url]


def run_check_links(
    settings: FactcheckSettings,
    *,
    jobs: int = 8,
    timeout: float = 15.0,
    github: bool | None = None,
    summary_file: str | None = None,
    out: IO[str] = sys.stdout,
) -> int:
    """Fetch every source's links; print the findings; 1 when there are any."""
    site = load_site(settings, [], [])
    links = collect_links(site.sources.values())
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as executor:
        problems = sorted(p for p in executor.map(lambda k: check_link(k, timeout), links) if p)
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    lines = [p.format() for p in problems]
    verdict = _verdict(problems, len(links), len(site.sources))
    if github:
        for problem in problems:
            print(problem.format_github(), file=out)
    for line in lines:
        print(line, file=out)
    print(verdict, file=out)
    _add_step_summary(summary_file or os.environ.get("GITHUB_STEP_SUMMARY"), lines, verdict)
    return 1 if problems else 0


def _add_step_summary(summary_file: str | None, lines: list[str], verdict: str) -> None:
    """Append the report to the workflow run's summary, when there is one."""
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as summary:
            summary.write(step_summary(lines, verdict))


def _verdict(problems: list[Problem], links: int, sources: int) -> str:
    """The last line of the report: how many links were checked, and what was found."""
    counts = {
        start: sum(p.message.startswith(start) for p in problems)
        for start in ("dead link", "redirects", "the page's title")
    }
    retitled = counts["the page's title"]
    return (
        f"check-links: {links} links of {sources} sources, "
        f"{counts['dead link']} dead, {counts['redirects']} redirected elsewhere, "
        f"{retitled} retitled"
    )


def step_summary(lines: list[str], verdict: str) -> str:
    """The report as Markdown for the workflow run's page."""
    text = f"## Sources' links\n\n{verdict}\n"
    if lines:
        text += "\n```\n" + "\n".join(lines) + "\n```\n"
    return text
