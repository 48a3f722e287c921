"""The preview of `invoke serve` tells the truth: it reloads after each rebuild and shows errors.

The serve machinery (factcheck.building.preview.run_preview, which `invoke serve`
runs) builds a copy of the fixture site and serves it on 127.0.0.1. Chromium
opens a claim; the test breaks the claim file, finds the overlay with the
message and the file's lines, fixes the file with a visible edit, and sees
the page reload with it. The built files never hold the preview's script.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from factcheck.building.preview import run_preview

TESTS = Path(__file__).resolve().parents[1]
CLAIM = "content/claims/budget-doubled.yaml"


def _copy_fixture_site(root: Path):
    spec = importlib.util.spec_from_file_location("unit_conftest", TESTS / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module.copy_fixture_site(root)


@pytest.fixture
def preview(tmp_path):
    """The preview server of a fixture site copy; yields (project root, address, output)."""
    project = _copy_fixture_site(tmp_path / "site")
    output = tmp_path / "output"
    ready, stop = threading.Event(), threading.Event()
    bound: dict = {}

    def on_ready(server):
        bound["port"] = server.server_address[1]
        ready.set()

    log = io.StringIO()
    thread = threading.Thread(
        target=run_preview,
        args=(project.settings_file, output, 0, [project.root / "content"]),
        kwargs={"root": project.root, "stop_event": stop, "on_ready": on_ready, "out": log},
        daemon=True,
    )
    thread.start()
    assert ready.wait(120), log.getvalue()
    yield project.root, f"http://127.0.0.1:{bound['port']}/", output
    stop.set()
    thread.join(30)


def test_the_preview_shows_errors_then_reloads_after_the_fix(browser: Browser, preview):
    root, url, output = preview
    page = browser.new_page()
    policy_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            policy_errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(url + "claims/budget-doubled/")
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some("
        "e => e.name.includes('/__preview/state'))"
    )
    assert page.locator("#factcheck-preview-errors").count() == 0

    claim = root / CLAIM
    original = claim.read_text(encoding="utf-8")
    claim.write_text(original.replace("rating: mostly-false", "rating: flase"), encoding="utf-8")
    overlay = page.locator("#factcheck-preview-errors")
    overlay.wait_for(timeout=30_000)
    message = overlay.locator(".factcheck-preview-message").first.text_content()
    assert message == (f"{CLAIM}:6:9: rating: unknown rating 'flase' (did you mean 'false'?)")
    lines = overlay.locator(".factcheck-preview-lines").first.text_content()
    assert ">    6 | rating: flase" in lines
    assert "     5 | about: [city-council]" in lines

    fixed = original.replace(
        "verdict: The budget grew by a third,", "verdict: The budget grew by one third,"
    )
    with page.expect_navigation(timeout=30_000):
        claim.write_text(fixed, encoding="utf-8")
    page.wait_for_load_state()
    assert "The budget grew by one third" in page.content()
    assert page.locator("#factcheck-preview-errors").count() == 0
    assert policy_errors == []
    page.close()

    built = [path for path in output.rglob("*") if path.is_file()]
    assert built
    for path in built:
        data = path.read_bytes()
        # Neither the preview's script nor the policy that lets it run is ever written.
        assert b"__preview" not in data, path
        assert b"; script-src 'self'; connect-src 'self'\"" not in data, path
