"""Screenshots of every reader page type at phone and laptop widths, for a person to look at.

    uv run python tests/browser/screenshots.py OUTPUT_DIR [--site BUILT_SITE_DIR]

Without --site the example site is built into a temporary folder first.
`invoke screenshots` calls take_screenshots() on the site it built.
"""

import argparse
import sys
import tempfile
from pathlib import Path

if __package__:  # imported as tests.browser.screenshots
    from .chromium_launch import chromium_launch_options, chromium_missing_reason
    from .site_build import build_example_site
    from .site_pages import NARROW_WIDTH, READER_PAGE_TYPES, VIEWPORT_HEIGHTS, WIDE_WIDTH
    from .site_server import serve_site
else:  # run as a script: its folder is on sys.path
    from chromium_launch import chromium_launch_options, chromium_missing_reason
    from site_build import build_example_site
    from site_pages import NARROW_WIDTH, READER_PAGE_TYPES, VIEWPORT_HEIGHTS, WIDE_WIDTH
    from site_server import serve_site

from playwright.sync_api import sync_playwright


def take_screenshots(site_dir: Path, out_dir: Path) -> list[Path]:
    """Write '<page type>-<width>.png' (whole page, light scheme) for each page type and width."""
    reason = chromium_missing_reason()
    if reason:
        raise RuntimeError(reason)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with serve_site(site_dir) as site_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        try:
            for width in (NARROW_WIDTH, WIDE_WIDTH):
                context = browser.new_context(
                    viewport={"width": width, "height": VIEWPORT_HEIGHTS[width]},
                    color_scheme="light",
                )
                page = context.new_page()
                for page_type in READER_PAGE_TYPES:
                    page.goto(site_url + page_type.url_path(site_dir), wait_until="load")
                    target = out_dir / f"{page_type.name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder for the PNG files")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-site-") as scratch:
        site_dir = arguments.site or build_example_site(Path(scratch))
        for path in take_screenshots(site_dir, arguments.out_dir):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
