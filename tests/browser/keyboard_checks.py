"""Keyboard checks: a skip link that is the first Tab stop and works, and focus always visible.

Both checks read one tour of the page, taken from the state a keyboard reader
finds on arrival: Tab through the first stops, then go back to the first stop
and press Enter on it. One tour per visit means one fresh page load serves
both checks.
"""

import re
from dataclasses import dataclass

from .reader_browser import RecordedPage

# Enough tab stops to cover the skip link, the site name, the navigation and
# the first links of the content, without walking a whole long page.
FOCUS_TAB_STOPS = 12
_TOUR_KEY = "keyboard tour"

# Describes the focused element. Waits for finite transitions on it to end,
# so a focus ring that fades in is measured as drawn, not as it starts.
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

# Where the first Tab stop would take the reader. Keeps a reference to it in a
# script variable (not in the DOM) so the tour can come back to it.
_DESCRIBE_SKIP_LINK = """() => {
    const el = document.activeElement;
    window.__firstTabStop = el;
    const main = document.querySelector('main, [role="main"]');
    const href = el ? el.getAttribute('href') : null;
    const targetId = href && href.startsWith('#') ? decodeURIComponent(href.slice(1)) : null;
    const target = targetId ? document.getElementById(targetId) : null;
    return {
        isLink: !!el && el.tagName === 'A',
        hasMain: !!main,
        targetId,
        targetExists: !!target,
        targetIsMain: !!(main && target && (target === main || target.contains(main) || main.contains(target))),
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


@dataclass
class KeyboardTour:
    """What Tab and Enter did on a freshly loaded page."""

    stops: list[dict]  # the focused element after each Tab, in order
    skip_link: dict | None  # where the first stop points, when it is a link
    hash_after_enter: str | None = None
    focus_after_enter: dict | None = None
    tabbable_from_main: bool = True
    stop_after_skip: dict | None = None


def keyboard_tour(recorded: RecordedPage, tab_stops: int = FOCUS_TAB_STOPS) -> KeyboardTour:
    """Take the tour once per visit; later calls return the same findings."""
    if _TOUR_KEY not in recorded.findings:
        recorded.findings[_TOUR_KEY] = _take_tour(recorded, tab_stops)
    return recorded.findings[_TOUR_KEY]


def _take_tour(recorded: RecordedPage, tab_stops: int) -> KeyboardTour:
    page = recorded.with_untouched_focus()
    stops: list[dict] = []
    skip_link = None
    for _ in range(tab_stops):
        page.keyboard.press("Tab")
        if not stops:
            skip_link = page.evaluate(_DESCRIBE_SKIP_LINK)
        focused = page.evaluate(_DESCRIBE_FOCUS)
        if focused is None:
            break  # focus left the document: every stop has been seen
        stops.append(focused)
    tour = KeyboardTour(stops, skip_link)
    if not (skip_link and skip_link["isLink"] and skip_link["targetIsMain"]):
        return tour
    # Back to the first stop (how focus gets there does not matter: the tour
    # already saw Tab reach it) and activate it as a keyboard reader would.
    page.evaluate("() => window.__firstTabStop.focus()")
    page.keyboard.press("Enter")
    tour.hash_after_enter = page.evaluate("() => decodeURIComponent(location.hash.slice(1))")
    tour.focus_after_enter = page.evaluate(_DESCRIBE_FOCUS)
    tour.tabbable_from_main = page.evaluate(_TABBABLE_FROM_MAIN)
    if tour.focus_after_enter is None or tour.focus_after_enter["relativeToMain"] != "inside":
        page.keyboard.press("Tab")
        tour.stop_after_skip = page.evaluate(_DESCRIBE_FOCUS)
    return tour


def _describe(focused: dict | None) -> str:
    if focused is None:
        return "nothing"
    href = f' href="{focused["href"]}"' if focused.get("href") else ""
    return f'<{focused["tag"]}{href}> "{focused["text"]}"'


def skip_link_problems(recorded: RecordedPage) -> list[str]:
    """The first Tab must reach a skip link to the main landmark, and Enter must use it."""
    tour = keyboard_tour(recorded)
    first = tour.stops[0] if tour.stops else None
    link = tour.skip_link
    if link is None or first is None:
        return ["Tab reaches nothing on the page"]
    if not link["hasMain"]:
        return ["no <main> landmark for a skip link to reach"]
    if not link["isLink"] or not link["targetId"]:
        return [f"first Tab stop is {_describe(first)}, not a skip link to the main content"]
    if not link["targetExists"]:
        return [f"skip link points to #{link['targetId']}, which no element has"]
    if not link["targetIsMain"]:
        return [f"skip link points to #{link['targetId']}, which is not the main landmark"]
    if tour.hash_after_enter != link["targetId"]:
        return [f"pressing Enter on the skip link did not go to #{link['targetId']}"]
    if tour.focus_after_enter and tour.focus_after_enter["relativeToMain"] == "inside":
        return []
    if not tour.tabbable_from_main:
        return []  # nothing to Tab to after the skip: reaching #main is all it can do
    # The target need not take focus itself, but the next Tab must land in (or
    # after) the main content: that is what lets a keyboard reader skip the header.
    after = tour.stop_after_skip
    if after is not None and after["relativeToMain"] in ("inside", "after"):
        return []
    return [
        f"after the skip link, the next Tab stop is {_describe(after)}, before the main content"
    ]


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


def invisible_focus_problems(recorded: RecordedPage) -> list[str]:
    """Each of the first Tab stops must show a focus indicator, on screen."""
    tour = keyboard_tour(recorded)
    if not tour.stops:
        return ["Tab reaches nothing on the page"]
    problems = []
    for number, focused in enumerate(tour.stops, start=1):
        missing = _focus_indicator_missing(focused)
        if missing:
            problems.append(f"Tab stop {number}, {_describe(focused)}: {missing}")
    return problems
