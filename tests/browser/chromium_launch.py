"""How the browser suite and its scripts start Debian's Chromium.

Playwright's own browser download does not work on these machines, so every
caller launches the system Chromium through ``executable_path`` with the same
flags; keeping them here means pytest, the screenshots script and the audit
script cannot drift apart.
"""

import os
from pathlib import Path

CHROMIUM_PATH = Path("/usr/bin/chromium")

# Headless, and quiet on the network: no background fetches, component or sync
# traffic that would show up as requests to hosts other than the local server.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-gpu",
    "--disable-dev-shm-usage",
]


def chromium_missing_reason() -> str | None:
    """Why Chromium cannot be launched here, or None when it can."""
    if not CHROMIUM_PATH.exists():
        return f"Chromium is not installed at {CHROMIUM_PATH} (apt-get install chromium)"
    if not os.access(CHROMIUM_PATH, os.X_OK):
        return f"{CHROMIUM_PATH} is not executable"
    return None


def chromium_launch_options() -> dict:
    """Keyword arguments for ``playwright.chromium.launch``."""
    return {"executable_path": str(CHROMIUM_PATH), "args": list(CHROMIUM_FLAGS)}
