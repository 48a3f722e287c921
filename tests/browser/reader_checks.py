"""Checks of one page as a reader's browser shows it.

Each check takes a loaded Playwright page (or the traffic recorded while it
loaded) and returns a list of problems in words; an empty list means the page
passes. The tests of the built site and the tests of the deliberately bad
fixture call these same functions, so a passing run means something.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response
from site_pages import VIEWPORT_HEIGHTS

# WCAG 2.1 levels A and AA; axe's best-practice rules are advice, not the bar.
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    "resultTypes": ["violations"],
}

MINIMUM_TEXT_PX = 16
BODY_TEXT_SELECTOR = "p, li, dd, td"
RATING_SELECTOR = "[data-rating]"
# Enough tab stops to cover the skip link, the site name, the navigation and
# the first links of the content, without walking a whole long page.
FOCUS_TAB_STOPS = 12
# With JavaScript off a page must show nearly all the text it shows with it on.
NO_SCRIPT_TEXT_SHARE = 0.9
LOCAL_SCHEMES_WITHOUT_HOST = {"data", "blob", "about"}


@dataclass
class RecordedPage:
    """A page plus everything it asked for and complained about since the last visit."""

    page: Page
    url: str = ""
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    focus_moved: bool = False
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

    def visit(self, url: str) -> None:
        """Load ``url`` from scratch, forgetting what earlier visits recorded."""
        self._requests_of_this_visit.clear()
        self.requests.clear()
        self.failed_requests.clear()
        self.console_errors.clear()
        self.url = url
        self.focus_moved = False
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

    Opening a context costs far more than a page; sharing them is what keeps
    forty page views within a few seconds each.
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


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page, each with its failing nodes."""
    results = Axe().run(page, options=AXE_OPTIONS)
    return results.response["violations"]


def describe_axe_violations(violations: list[dict]) -> str:
    """Rule, impact, and each failing element with axe's own explanation."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"[{len(violation['nodes'])} element(s)] {violation.get('helpUrl', '')}"
        )
        for node in violation["nodes"][:8]:
            target = " ".join(str(part) for part in node.get("target", []))
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}: {node.get('html', '')[:160]}\n      {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def console_error_problems(recorded: RecordedPage) -> list[str]:
    """Console errors and uncaught exceptions while the page loaded."""
    return [f"console error: {message}" for message in recorded.console_errors]


def failed_request_problems(recorded: RecordedPage) -> list[str]:
    """Requests that failed or answered 4xx/5xx."""
    return [f"failed request: {failure}" for failure in recorded.failed_requests]


def foreign_host_requests(recorded: RecordedPage, site_url: str) -> list[str]:
    """Requests to any host other than the local server (a reader's privacy, and offline use)."""
    local = urlsplit(site_url)
    problems = []
    for url in recorded.requests:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES_WITHOUT_HOST:
            continue
        if (parts.scheme, parts.netloc) != (local.scheme, local.netloc):
            problems.append(f"request to another host: {parts.netloc or parts.scheme} ({url})")
    return problems


def horizontal_overflow_problems(page: Page) -> list[str]:
    """The page scrolls sideways; names the elements that stick out to the right."""
    measurement = page.evaluate(
        """() => {
            const width = window.innerWidth;
            const scrollWidth = document.documentElement.scrollWidth;
            const culprits = [];
            if (scrollWidth > width) {
                for (const el of document.body.querySelectorAll('*')) {
                    const rect = el.getBoundingClientRect();
                    if (rect.right > width + 0.5 && rect.width > 0) {
                        culprits.push(`${describe(el)} right edge at ${Math.round(rect.right)}px`);
                    }
                    if (culprits.length >= 5) break;
                }
            }
            return {width, scrollWidth, culprits};

            function describe(el) {
                const id = el.id ? '#' + el.id : '';
                const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
                return `<${el.tagName.toLowerCase()}${id}${cls}>`;
            }
        }"""
    )
    if measurement["scrollWidth"] <= measurement["width"]:
        return []
    return [
        f"scrolls sideways: document is {measurement['scrollWidth']}px wide in a "
        f"{measurement['width']}px window; widest: {', '.join(measurement['culprits'])}"
    ]


def small_text_problems(page: Page, minimum_px: float = MINIMUM_TEXT_PX) -> list[str]:
    """Rendered body text (p, li, dd, td) set smaller than ``minimum_px``."""
    offenders = page.evaluate(
        """([selector, minimum]) => {
            const found = [];
            for (const el of document.querySelectorAll(selector)) {
                if (!el.textContent.trim() || el.getClientRects().length === 0) continue;
                const size = parseFloat(getComputedStyle(el).fontSize);
                if (size < minimum) {
                    const text = el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50);
                    const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
                    found.push(`<${el.tagName.toLowerCase()}${cls}> at ${size}px: "${text}"`);
                }
            }
            return found;
        }""",
        [BODY_TEXT_SELECTOR, minimum_px],
    )
    shown = [f"text smaller than {minimum_px}px: {offender}" for offender in offenders[:10]]
    if len(offenders) > 10:
        shown.append(f"... and {len(offenders) - 10} more elements")
    return shown


def rating_outside_first_viewport(page: Page, selector: str = RATING_SELECTOR) -> list[str]:
    """The claim's rating badge is not wholly visible before the reader scrolls."""
    placement = page.evaluate(
        """(selector) => {
            window.scrollTo(0, 0);
            const badge = document.querySelector('main ' + selector) || document.querySelector(selector);
            if (!badge) return null;
            const rect = badge.getBoundingClientRect();
            return {
                html: badge.outerHTML.slice(0, 120),
                visible: badge.checkVisibility({visibilityProperty: true, opacityProperty: true}),
                top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right,
                width: window.innerWidth, height: window.innerHeight,
            };
        }""",
        selector,
    )
    if placement is None:
        return [f"no rating badge: nothing matches {selector!r}"]
    inside = (
        placement["visible"]
        and placement["top"] >= 0
        and placement["left"] >= 0
        and placement["bottom"] <= placement["height"]
        and placement["right"] <= placement["width"]
    )
    if inside:
        return []
    return [
        f"rating badge {placement['html']!r} is not wholly in the first "
        f"{placement['width']}x{placement['height']} viewport: top {placement['top']:.0f}, "
        f"bottom {placement['bottom']:.0f}, left {placement['left']:.0f}, "
        f"right {placement['right']:.0f}, visible={placement['visible']}"
    ]


# Waits for finite transitions on the focused element to end, so a focus
# ring that fades in is measured as drawn, not as it starts.
_DESCRIBE_FOCUS = """async () => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const finite = el.getAnimations().filter(a => Number.isFinite(a.effect.getComputedTiming().endTime));
    await Promise.all(finite.map(a => a.finished.catch(() => null)));
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const main = document.querySelector('main, [role="main"]');
    let place = 'outside';
    if (main && (el === main || main.contains(el))) place = 'inside';
    else if (main && (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) place = 'after';
    return {
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        text: (el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
        width: rect.width, height: rect.height,
        onScreen: rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth && rect.top < innerHeight,
        relativeToMain: place,
    };
}"""


# Whether anything a Tab can reach lies inside or after the main landmark.
_TABBABLE_FROM_MAIN = """() => {
    const main = document.querySelector('main, [role="main"]');
    const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, ' +
        '[contenteditable=""], [contenteditable="true"], [tabindex]';
    return [...document.querySelectorAll(selector)].some(el =>
        el.tabIndex >= 0 && !el.disabled && el.checkVisibility({visibilityProperty: true}) &&
        (main.contains(el) || (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)));
}"""


def _describe(focused: dict) -> str:
    href = f' href="{focused["href"]}"' if focused.get("href") else ""
    return f'<{focused["tag"]}{href}> "{focused["text"]}"'


def _is_transparent(color: str) -> bool:
    return color == "transparent" or bool(re.search(r"rgba\([^)]*,\s*0\)$", color))


def _focus_indicator_missing(focused: dict) -> str | None:
    """Why a focused element shows no focus indicator, or None when it shows one."""
    has_outline = (
        focused["outlineStyle"] not in ("none", "hidden")
        and focused["outlineWidth"] > 0
        and not _is_transparent(focused["outlineColor"])
    )
    has_shadow = focused["boxShadow"] not in ("none", "")
    if not (has_outline or has_shadow):
        return "no outline or box-shadow while focused"
    if focused["width"] <= 1 or focused["height"] <= 1:
        return f"focused but drawn {focused['width']:.0f}x{focused['height']:.0f}px (still hidden)"
    if not focused["onScreen"]:
        return "focused but outside the window (still hidden)"
    return None


def skip_link_problems(recorded: RecordedPage) -> list[str]:
    """The first Tab must reach a skip link to the main landmark, and Enter must use it."""
    page = recorded.with_untouched_focus()
    page.keyboard.press("Tab")
    first_stop = page.evaluate(
        """() => {
            const el = document.activeElement;
            const main = document.querySelector('main, [role="main"]');
            const href = el ? el.getAttribute('href') : null;
            const targetId = href && href.startsWith('#') ? decodeURIComponent(href.slice(1)) : null;
            const target = targetId ? document.getElementById(targetId) : null;
            return {
                tag: el ? el.tagName.toLowerCase() : null,
                href, targetId,
                text: el ? (el.innerText || '').trim().slice(0, 40) : '',
                hasMain: !!main,
                targetExists: !!target,
                targetIsMain: !!(main && target && (target === main || target.contains(main) || main.contains(target))),
            };
        }"""
    )
    if not first_stop["hasMain"]:
        return ["no <main> landmark for a skip link to reach"]
    if first_stop["tag"] != "a" or not first_stop["targetId"]:
        return [
            f"first Tab stop is <{first_stop['tag']} href={first_stop['href']!r}> "
            f"{first_stop['text']!r}, not a skip link to the main content"
        ]
    if not first_stop["targetExists"]:
        return [f"skip link points to #{first_stop['targetId']}, which no element has"]
    if not first_stop["targetIsMain"]:
        return [f"skip link points to #{first_stop['targetId']}, which is not the main landmark"]

    page.keyboard.press("Enter")
    after = page.evaluate(
        "async () => ({hash: decodeURIComponent(location.hash.slice(1)), focus: await ("
        + _DESCRIBE_FOCUS
        + ")(), tabbableFromMain: ("
        + _TABBABLE_FROM_MAIN
        + ")()})"
    )
    if after["hash"] != first_stop["targetId"]:
        return [f"activating the skip link did not go to #{first_stop['targetId']}"]
    focus = after["focus"]
    if focus is not None and focus["relativeToMain"] == "inside":
        return []
    if not after["tabbableFromMain"]:
        return []  # nothing to Tab to after the skip: reaching #main is all it can do
    # The target need not take focus itself, but the next Tab must land in (or
    # after) the main content: that is what lets a keyboard reader skip the header.
    page.keyboard.press("Tab")
    next_stop = page.evaluate(_DESCRIBE_FOCUS)
    if next_stop is not None and next_stop["relativeToMain"] in ("inside", "after"):
        return []
    where = _describe(next_stop) if next_stop else "nothing"
    return [f"after the skip link, the next Tab stop is {where}, before the main content"]


def invisible_focus_problems(recorded: RecordedPage, tab_stops: int = FOCUS_TAB_STOPS) -> list[str]:
    """Tab through the first stops of the page; each must show a focus indicator."""
    page = recorded.with_untouched_focus()
    problems = []
    seen = 0
    for stop in range(1, tab_stops + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(_DESCRIBE_FOCUS)
        if focused is None:
            break  # focus left the document: every stop has been seen
        seen += 1
        missing = _focus_indicator_missing(focused)
        if missing:
            problems.append(f"Tab stop {stop}, {_describe(focused)}: {missing}")
    if seen == 0:
        problems.append("Tab reaches nothing on the page")
    return problems


def print_problems(page: Page) -> list[str]:
    """In print, the header navigation is hidden and external links print their address."""
    page.emulate_media(media="print")
    try:
        found = page.evaluate(
            """() => {
                const navs = [...document.querySelectorAll('header nav')];
                const shownNavs = navs.filter(nav => nav.checkVisibility({visibilityProperty: true}));
                const main = document.querySelector('main, [role="main"]');
                const silentLinks = [];
                let externalLinks = 0;
                for (const a of main ? main.querySelectorAll('a[href]') : []) {
                    const url = new URL(a.href, location.href);
                    if (!/^https?:$/.test(url.protocol) || url.origin === location.origin) continue;
                    if (!a.checkVisibility({visibilityProperty: true})) continue;
                    externalLinks += 1;
                    const after = getComputedStyle(a, '::after').content;
                    const before = getComputedStyle(a, '::before').content;
                    const href = a.getAttribute('href');
                    if (!(after.includes(href) || before.includes(href))) {
                        silentLinks.push(`${href} ("${a.innerText.trim().slice(0, 30)}"): ::after is ${after}`);
                    }
                }
                return {navCount: navs.length, shownNavs: shownNavs.map(n => n.outerHTML.slice(0, 80)),
                        externalLinks, silentLinks};
            }"""
        )
    finally:
        page.emulate_media(media="screen")
    problems = []
    if found["navCount"] == 0:
        problems.append("no <nav> inside <header> to hide in print")
    problems += [f"navigation still printed: {nav}" for nav in found["shownNavs"]]
    problems += [
        f"external link prints without its address: {link}" for link in found["silentLinks"][:5]
    ]
    if len(found["silentLinks"]) > 5:
        problems.append(f"... and {len(found['silentLinks']) - 5} more external links")
    return problems


def main_text(page: Page) -> str | None:
    """The text a reader sees in the main landmark, or None without one."""
    return page.evaluate(
        "() => { const m = document.querySelector('main, [role=\"main\"]'); "
        "return m ? m.innerText : null; }"
    )


def javascript_dependency_problems(with_script: Page, without_script: Page, url: str) -> list[str]:
    """Loaded with JavaScript off, the page must show (nearly) all its main text."""
    with_script.goto(url, wait_until="load")
    without_script.goto(url, wait_until="load")
    scripted_text = main_text(with_script)
    plain_text = main_text(without_script)
    if plain_text is None:
        return ["without JavaScript there is no <main> landmark"]
    scripted_length = len((scripted_text or "").split())
    plain_length = len(plain_text.split())
    if plain_length == 0:
        return ["without JavaScript the main content shows no text"]
    if plain_length < NO_SCRIPT_TEXT_SHARE * scripted_length:
        return [
            f"without JavaScript the main content shows {plain_length} words, "
            f"with it {scripted_length}"
        ]
    return []
