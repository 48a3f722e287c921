"""Checks of a whole built site: HTML validity, internal links and page weight.

Like the page checks, each returns problems in words (an empty list passes)
and is shared by the tests of the real site and of the bad fixture.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .site_build import REPO_ROOT
from .site_pages import html_pages, url_path_of

VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGE_BUDGET_BYTES = 60_000
CSS_BUDGET_BYTES = 30_000
HEAVIEST_PAGES_SHOWN = 5

# Attributes that make the browser fetch something or take the reader somewhere.
LINKING_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "object": ("data",),
    "input": ("src",),
}
# Social cards name an image the crawler of a messaging app will fetch.
LINKING_META_PROPERTIES = {"og:image", "og:url", "twitter:image"}
IGNORED_SCHEMES = {"mailto", "tel", "data", "javascript", "sms"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""")
# A <script> runs only with no type or a JavaScript type; anything else
# (application/ld+json, say) is a data block the browser never executes.
EXECUTABLE_SCRIPT_TYPES = {
    "",
    "module",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}
# Browsers scroll to the top for '#top' even without such an id.
FRAGMENTS_THAT_NEED_NO_TARGET = {"", "top"}


class NuHtmlCheckerBroke(RuntimeError):
    """The checker did not finish its run, so its silence proves nothing."""


def vnu_missing_reason() -> str | None:
    """Why the Nu Html Checker cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "java is not installed (apt-get install default-jre-headless)"
    if not VNU_JAR.is_file():
        return f"{VNU_JAR.relative_to(REPO_ROOT)} is missing (npm ci installs vnu-jar)"
    return None


def html_validation_errors(site_dir: Path) -> list[str]:
    """The Nu Html Checker's errors for every HTML file under ``site_dir``."""
    return html_validation_errors_by_site([site_dir])[site_dir]


def html_validation_errors_by_site(site_dirs: list[Path]) -> dict[Path, list[str]]:
    """Errors for several sites from one checker run (starting Java costs seconds)."""
    command = [
        "java",
        # The checker's schema recursion overflows Java's default 1 MB thread
        # stack now and then, prints the error and still exits 0.
        "-Xss4m",
        # One short run: compiling hot code fully costs more than it saves
        # (half the CPU time on the example site).
        "-XX:TieredStopAtLevel=1",
        "-jar",
        str(VNU_JAR),
        "--errors-only",
        "--skip-non-html",
        *(str(site_dir) for site_dir in site_dirs),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = (result.stderr + result.stdout).strip()
    # A clean run prints nothing; anything else on exit 0 means the checker
    # itself broke, which must not pass as "no errors".
    if result.returncode not in (0, 1) or (result.returncode == 0 and output):
        raise NuHtmlCheckerBroke(
            f"`{' '.join(command)}` exited with {result.returncode}:\n{output}"
        )
    errors: dict[Path, list[str]] = {site_dir: [] for site_dir in site_dirs}
    # The checker names files '"file:/abs/path"'; keep only the path inside the site.
    prefixes = {
        site_dir: re.compile(r'"file:(?://)?' + re.escape(site_dir.resolve().as_posix()) + "/")
        for site_dir in site_dirs
    }
    for line in output.splitlines():
        for site_dir, prefix in prefixes.items():
            if prefix.match(line):
                errors[site_dir].append(prefix.sub('"', line, count=1))
                break
        else:
            if line.strip():  # a message about no file in particular concerns every site
                for site_errors in errors.values():
                    site_errors.append(line)
    return errors


@dataclass
class ParsedPage:
    """What the link check needs from one HTML file."""

    anchors: set[str] = field(default_factory=set)
    # (line, tag.attribute, reference)
    references: list[tuple[int, str, str]] = field(default_factory=list)
    runs_scripts: bool = False
    stylesheets: list[str] = field(default_factory=list)


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = ParsedPage()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if "id" in values:
            self.parsed.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.parsed.anchors.add(values["name"])
        if tag == "style":
            self._in_style = True
        if tag == "script" and values.get("type", "").strip().lower() in EXECUTABLE_SCRIPT_TYPES:
            self.parsed.runs_scripts = True
        if tag == "link" and "stylesheet" in values.get("rel", "").lower().split():
            self.parsed.stylesheets.append(values.get("href", ""))
        for attribute in LINKING_ATTRIBUTES.get(tag, ()):
            if attribute not in values:
                continue
            if attribute == "srcset":
                for candidate in values["srcset"].split(","):
                    if candidate.strip():
                        url = candidate.split()[0]
                        self.parsed.references.append((line, f"{tag}.srcset", url))
            else:
                self.parsed.references.append((line, f"{tag}.{attribute}", values[attribute]))
        if tag == "meta" and values.get("property") in LINKING_META_PROPERTIES:
            self.parsed.references.append((line, f"meta[{values['property']}]", values["content"]))
        if "style" in values:
            for url in css_references(values["style"]):
                self.parsed.references.append((line, f"{tag}.style", url))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            line = self.getpos()[0]
            for url in css_references(data):
                self.parsed.references.append((line, "style", url))


def css_references(css: str) -> list[str]:
    """The URLs a stylesheet loads (url() and @import)."""
    return [match.group(2) or match.group(4) for match in CSS_URL.finditer(css)]


def parse_page(html_file: Path) -> ParsedPage:
    collector = _LinkCollector()
    collector.feed(html_file.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector.parsed


def pages_that_run_scripts(site_dir: Path) -> list[Path]:
    """HTML files with a script the browser executes; only these can need JavaScript to read."""
    return [path for path in html_pages(site_dir) if parse_page(site_dir / path).runs_scripts]


class _Site:
    """Answers 'what does this URL path serve?' the way http.server and static hosts do."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir.resolve()
        self._parsed: dict[Path, ParsedPage] = {}

    def file_for(self, url_path: str) -> Path | None:
        relative = unquote(url_path).lstrip("/")
        candidate = (self.site_dir / relative).resolve()
        if not candidate.is_relative_to(self.site_dir):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def parsed(self, html_file: Path) -> ParsedPage:
        if html_file not in self._parsed:
            self._parsed[html_file] = parse_page(html_file)
        return self._parsed[html_file]


def _is_internal(reference: str) -> bool:
    parts = urlsplit(reference)
    if parts.scheme in IGNORED_SCHEMES:
        return False
    # Absolute URLs (and '//host/...') belong to other sites; the link check
    # does not reach the network.
    return not (parts.scheme or parts.netloc)


def broken_internal_links(site_dir: Path) -> list[str]:
    """Every internal href/src (HTML and CSS) that names a missing file or anchor.

    Reads the built files directly rather than driving LinkChecker through the
    server: LinkChecker took about 0.1 s a URL here (18 s for 160 pages),
    while this resolves the same references, fragments included, in well
    under a second.
    """
    site = _Site(site_dir)
    problems = []
    for relative in html_pages(site.site_dir):
        page_url = "/" + url_path_of(relative)
        parsed = site.parsed(site.site_dir / relative)
        for line, where, reference in parsed.references:
            problem = _reference_problem(site, page_url, reference)
            if problem:
                problems.append(f"{relative.as_posix()}:{line}: {where}={reference!r}: {problem}")
    for stylesheet in sorted(site.site_dir.rglob("*.css")):
        relative = stylesheet.relative_to(site.site_dir)
        for reference in css_references(stylesheet.read_text(encoding="utf-8", errors="replace")):
            problem = _reference_problem(site, "/" + relative.as_posix(), reference)
            if problem:
                problems.append(f"{relative.as_posix()}: url({reference!r}): {problem}")
    return problems


def _reference_problem(site: _Site, page_url: str, reference: str) -> str | None:
    reference = reference.strip()
    if not _is_internal(reference):
        return None
    target = urlsplit(urljoin(page_url, reference))
    target_file = site.file_for(target.path)
    if target_file is None:
        return f"{target.path} is not in the site"
    fragment = unquote(target.fragment)
    if fragment in FRAGMENTS_THAT_NEED_NO_TARGET:
        return None
    if target_file.suffix != ".html":
        return None  # fragments of images, PDFs and feeds are not ids
    if fragment not in site.parsed(target_file).anchors:
        return f"no id {fragment!r} in {target_file.relative_to(site.site_dir).as_posix()}"
    return None


@dataclass
class WeightReport:
    """Sizes measured against the budget, heaviest pages first."""

    heaviest_pages: list[tuple[str, int]]
    stylesheets: list[tuple[str, int]]
    problems: list[str]

    @property
    def css_total_bytes(self) -> int:
        return sum(size for _, size in self.stylesheets)

    def summary(self) -> str:
        pages = ", ".join(f"{path} {size / 1000:.1f} kB" for path, size in self.heaviest_pages)
        sheets = ", ".join(f"{path} {size / 1000:.1f} kB" for path, size in self.stylesheets)
        return (
            f"heaviest pages: {pages}; CSS the pages link: {self.css_total_bytes / 1000:.1f} kB "
            f"({sheets}) "
            f"(budgets: {PAGE_BUDGET_BYTES / 1000:.0f} kB a page, "
            f"{CSS_BUDGET_BYTES / 1000:.0f} kB of CSS)"
        )


def page_weight_report(
    site_dir: Path,
    page_budget: int = PAGE_BUDGET_BYTES,
    css_budget: int = CSS_BUDGET_BYTES,
) -> WeightReport:
    """Every HTML page under ``page_budget`` bytes and all CSS together under ``css_budget``.

    The CSS counted is what readers can download: every stylesheet a page
    links (and what those import). Unlinked files, such as the alternative
    interfaces Pagefind writes beside the one the search page uses, are never
    fetched and do not count.
    """
    site = _Site(site_dir)
    sizes = sorted(
        ((path.as_posix(), (site.site_dir / path).stat().st_size) for path in html_pages(site_dir)),
        key=lambda item: (-item[1], item[0]),
    )
    stylesheets = sorted(
        (path.relative_to(site.site_dir).as_posix(), path.stat().st_size)
        for path in _linked_stylesheets(site)
    )
    report = WeightReport(sizes[:HEAVIEST_PAGES_SHOWN], stylesheets, [])
    report.problems += [
        f"{path} is {size:,} bytes, over the {page_budget:,}-byte page budget"
        for path, size in sizes
        if size >= page_budget
    ]
    if report.css_total_bytes >= css_budget:
        report.problems.append(
            f"the CSS pages link is {report.css_total_bytes:,} bytes in total, "
            f"over the {css_budget:,}-byte budget"
        )
    return report


def _linked_stylesheets(site: "_Site") -> set[Path]:
    """Stylesheet files linked from any page of the site, following @import."""
    found: set[Path] = set()
    pending: list[tuple[str, str]] = [
        ("/" + url_path_of(relative), href)
        for relative in html_pages(site.site_dir)
        for href in site.parsed(site.site_dir / relative).stylesheets
    ]
    while pending:
        base_url, reference = pending.pop()
        if not _is_internal(reference):
            continue
        target_path = urlsplit(urljoin(base_url, reference)).path
        stylesheet = site.file_for(target_path)
        if stylesheet is None or stylesheet in found:
            continue
        found.add(stylesheet)
        css = stylesheet.read_text(encoding="utf-8", errors="replace")
        pending += [
            (target_path, match.group(4)) for match in CSS_URL.finditer(css) if match.group(4)
        ]
    return found
