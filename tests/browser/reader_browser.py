"""How the checks open pages: one context per reader width and scheme, every request recorded."""

import re
from dataclasses import dataclass, field

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response

from .site_pages import VIEWPORT_HEIGHTS

# Runs in every frame before the page's own scripts; a binding is not subject
# to the page's Content-Security-Policy, so even a page with default-src 'none'
# can report what that policy blocked.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__recordCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${document.URL}`
  );
});
"""


@dataclass
class RecordedPage:
    """A page plus everything it asked for and complained about since the last visit."""

    page: Page
    url: str = ""
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    # Reported by the page itself: Chromium also logs most of these to the
    # console, but the event is the standard's record and covers every frame.
    csp_violations: list[str] = field(default_factory=list)
    focus_moved: bool = False
    # Results other checks derive from this visit (the keyboard tour); cleared by visit().
    findings: dict[str, object] = field(default_factory=dict)
    # Playwright hands out one Request object per request, so identity tells
    # this visit's requests from the previous page's late cancellations.
    # (Holding the objects keeps their ids from being reused.)
    _requests_of_this_visit: dict[int, Request] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.page.on("request", self._on_request)
        self.page.on("requestfailed", self._on_request_failed)
        self.page.on("response", self._on_response)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_page_error)
        self.page.expose_function("__recordCspViolation", self._on_csp_violation)
        self.page.add_init_script(REPORT_CSP_VIOLATIONS)

    def visit(self, url: str) -> None:
        """Load ``url`` from scratch, forgetting what earlier visits recorded."""
        self._requests_of_this_visit.clear()
        self.requests.clear()
        self.failed_requests.clear()
        self.console_errors.clear()
        self.csp_violations.clear()
        self.url = url
        self.focus_moved = False
        self.findings.clear()
        response = self.page.goto(url, wait_until="load")
        if response is None or not response.ok:
            status = "no response" if response is None else f"HTTP {response.status}"
            raise AssertionError(f"{url} did not load: {status}")

    def with_untouched_focus(self) -> Page:
        """The page as a keyboard reader finds it on arrival: reloaded if a check moved focus."""
        if self.focus_moved:
            self.visit(self.url)
        self.focus_moved = True
        return self.page

    def _on_request(self, request: Request) -> None:
        self._requests_of_this_visit[id(request)] = request
        self.requests.append(request.url)

    def _on_request_failed(self, request: Request) -> None:
        # A lazy image of the previous page, cancelled by this navigation, is not this page's fault.
        if id(request) not in self._requests_of_this_visit:
            return
        # Chromium also aborts a resource after its 4xx answer; one line per URL is enough.
        if not any(failure.startswith(f"{request.url}: ") for failure in self.failed_requests):
            self.failed_requests.append(f"{request.url}: {request.failure}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400 and id(response.request) in self._requests_of_this_visit:
            self.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location
            where = f" ({location.get('url')}:{location.get('lineNumber')})" if location else ""
            self.console_errors.append(f"{message.text}{where}")

    def _on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"uncaught exception: {error}")

    def _on_csp_violation(self, violation: str) -> None:
        self.csp_violations.append(violation)

    def settle(self) -> None:
        """Wait until the network is idle, so late loads (a favicon) have been tried."""
        self.page.wait_for_load_state("networkidle")


def new_reader_context(
    browser: Browser,
    site_url: str,
    width: int,
    color_scheme: str,
    *,
    java_script_enabled: bool = True,
) -> BrowserContext:
    """A browser context at one reader width and colour scheme.

    Requests to any host but the local server are aborted before they leave
    the machine: they are still recorded (and reported by
    ``foreign_host_requests``), and a test never waits on a network timeout.
    """
    context = browser.new_context(
        viewport={"width": width, "height": VIEWPORT_HEIGHTS.get(width, 800)},
        color_scheme=color_scheme,
        java_script_enabled=java_script_enabled,
    )
    local_origin = re.escape(site_url.rstrip("/"))
    context.route(
        re.compile(rf"^(?!{local_origin}/)(?!(?:data|blob|about):)"),
        lambda route: route.abort("blockedbyclient"),
    )
    return context


class ReaderContexts:
    """One browser context per (width, colour scheme), opened on first use and shared.

    Opening a context, or even a page, costs more than navigating one: each
    view of the suite is one navigation of the shared page of its context.
    """

    def __init__(self, browser: Browser, site_url: str) -> None:
        self.browser = browser
        self.site_url = site_url
        self._contexts: dict[tuple[int, str, bool], BrowserContext] = {}
        self._shared_pages: dict[tuple[int, str], RecordedPage] = {}

    def get(
        self, width: int, color_scheme: str, *, java_script_enabled: bool = True
    ) -> BrowserContext:
        key = (width, color_scheme, java_script_enabled)
        if key not in self._contexts:
            self._contexts[key] = new_reader_context(
                self.browser,
                self.site_url,
                width,
                color_scheme,
                java_script_enabled=java_script_enabled,
            )
        return self._contexts[key]

    def open_page(self, width: int, color_scheme: str, **options: bool) -> RecordedPage:
        """A new page of its own; the caller closes it."""
        return RecordedPage(self.get(width, color_scheme, **options).new_page())

    def shared_page(self, width: int, color_scheme: str) -> RecordedPage:
        """The one page kept open in this context: navigating it is cheaper than a new page."""
        key = (width, color_scheme)
        if key not in self._shared_pages:
            self._shared_pages[key] = self.open_page(width, color_scheme)
        return self._shared_pages[key]

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()
        self._contexts.clear()
        self._shared_pages.clear()
