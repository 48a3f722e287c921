"""Reader-quality checks of the built site in a real Chromium.

A package, so that this folder's conftest is imported as browser.conftest and
never takes the place of tests/conftest.py, which other test modules import.
"""
