"""Checks of one page as a reader's browser shows it.

Each check takes a loaded Playwright page (or the traffic recorded while it
loaded, see reader_browser) and returns a list of problems in words; an
empty list means the page passes. The tests of the built site and of the
deliberately bad fixture call these same functions, so a passing run means
something. The keyboard checks live in keyboard_checks.
"""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .reader_browser import RecordedPage

# WCAG 2.1 levels A and AA; axe's best-practice rules are advice, not the bar.
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    "resultTypes": ["violations"],
}

MINIMUM_TEXT_PX = 16
BODY_TEXT_SELECTOR = "p, li, dd, td"
RATING_SELECTOR = "[data-rating]"
# With JavaScript off a page must show nearly all the text it shows with it on.
NO_SCRIPT_TEXT_SHARE = 0.9
LOCAL_SCHEMES_WITHOUT_HOST = {"data", "blob", "about"}

_AXE = Axe()


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page, each with its failing nodes."""
    results = _AXE.run(page, options=AXE_OPTIONS)
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


def csp_violation_problems(recorded: RecordedPage) -> list[str]:
    """What the page's Content-Security-Policy blocked, in any of its frames."""
    return [f"CSP violation: {violation}" for violation in recorded.csp_violations]


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
                // The outermost elements that stick out, skipping any inside a
                // box that clips or scrolls its own overflow (those are fine).
                const reported = [];
                for (const el of document.body.querySelectorAll('*')) {
                    const rect = el.getBoundingClientRect();
                    if (rect.right <= width + 0.5 || rect.width === 0) continue;
                    if (reported.some(outer => outer.contains(el))) continue;
                    if (insideClippingBox(el)) continue;
                    reported.push(el);
                    culprits.push(`${describe(el.parentElement)} > ${describe(el)} right edge at ${Math.round(rect.right)}px`);
                    if (culprits.length >= 5) break;
                }
            }
            return {width, scrollWidth, culprits};

            function insideClippingBox(el) {
                for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
                    if (getComputedStyle(box).overflowX !== 'visible') return true;
                }
                return false;
            }
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
