"""The reader-facing page types and where each lives in a built site.

Pages whose slug depends on the content (a claim, an explainer) are discovered
from the built output, so the suite follows the example content as it changes.
"""

from dataclasses import dataclass
from pathlib import Path

# Reader widths: a small phone and a laptop.
NARROW_WIDTH = 375
WIDE_WIDTH = 1280
READER_WIDTHS = (NARROW_WIDTH, WIDE_WIDTH)
VIEWPORT_HEIGHTS = {NARROW_WIDTH: 812, WIDE_WIDTH: 800}
COLOR_SCHEMES = ("light", "dark")


class PageNotBuilt(LookupError):
    """A page type the site must have is missing from the built output."""


@dataclass(frozen=True)
class PageType:
    """One kind of page: a fixed path, or the first directory under a folder."""

    kind: str  # home, claim, person...
    path: str = ""
    first_under: str = ""
    widths: tuple[int, ...] = READER_WIDTHS
    edition: str = ""  # "" for the English site, "es" for the Spanish one

    @property
    def name(self) -> str:
        return f"{self.edition}-{self.kind}" if self.edition else self.kind

    def url_path(self, site_dir: Path) -> str:
        """The page's URL path relative to the site root, like 'claims/some-slug/'."""
        if self.first_under:
            folder = site_dir / self.first_under
            candidates = (
                sorted(
                    child.name
                    for child in folder.iterdir()
                    if child.is_dir() and (child / "index.html").is_file()
                )
                if folder.is_dir()
                else []
            )
            if not candidates:
                raise PageNotBuilt(
                    f"{self.name}: no '{self.first_under}<slug>/index.html' in {site_dir}"
                )
            return f"{self.first_under}{candidates[0]}/"
        if self.path.endswith(".html"):  # a file served as it is, such as 404.html
            if not (site_dir / self.path).is_file():
                raise PageNotBuilt(f"{self.name}: '{self.path}' is not in {site_dir}")
            return self.path
        if not (site_dir / self.path / "index.html").is_file():
            raise PageNotBuilt(f"{self.name}: '{self.path}index.html' is not in {site_dir}")
        return self.path


ENGLISH_PAGE_TYPES = (
    PageType("home", path=""),
    PageType("people-index", path="people/"),
    PageType("person", path="people/andry-hernandez-romero/"),
    PageType("claims-index", path="claims/"),
    PageType("claim", first_under="claims/"),
    PageType("explainer", first_under="explainers/"),
    PageType("sources", path="sources/"),
    PageType("updates", path="updates/"),
    PageType("methodology", path="methodology/"),
    PageType("content-page", path="about/"),
)


def edition(
    prefix: str, page_types: tuple[PageType, ...], widths: tuple[int, ...] = READER_WIDTHS
) -> tuple[PageType, ...]:
    """The same page types under a language prefix such as 'es/'."""
    return tuple(
        PageType(
            page.kind,
            path=f"{prefix}{page.path}" if not page.first_under else "",
            first_under=f"{prefix}{page.first_under}" if page.first_under else "",
            widths=widths,
            edition=prefix.strip("/"),
        )
        for page in page_types
    )


# The Spanish edition shares every template with the English one; what
# differs is the text, and longer words, the lang attribute and translated
# labels show their effects at the phone width. Checking it there only keeps
# the suite within its time budget; pass READER_WIDTHS to check both widths.
SPANISH_PAGE_TYPES = edition("es/", ENGLISH_PAGE_TYPES, widths=(NARROW_WIDTH,))

# One 404 page for the whole site, in every language: the host serves it at
# any missing address.
NOT_FOUND_PAGE_TYPE = PageType("not-found", path="404.html")

# Another edition is one more line here.
READER_PAGE_TYPES: tuple[PageType, ...] = (
    *ENGLISH_PAGE_TYPES,
    *SPANISH_PAGE_TYPES,
    NOT_FOUND_PAGE_TYPE,
)

PAGE_TYPES_BY_NAME = {page.name: page for page in READER_PAGE_TYPES}


def html_pages(site_dir: Path) -> list[Path]:
    """Every HTML file of the site, sorted, as paths relative to ``site_dir``."""
    return sorted(path.relative_to(site_dir) for path in site_dir.rglob("*.html"))


def url_path_of(html_file: Path) -> str:
    """The URL path a reader uses for a built file: 'a/index.html' is served as 'a/'."""
    posix = html_file.as_posix()
    if posix == "index.html":
        return ""
    if posix.endswith("/index.html"):
        return posix[: -len("index.html")]
    return posix
