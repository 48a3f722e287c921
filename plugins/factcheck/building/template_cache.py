"""Compiled templates kept for the life of the process.

Pelican gives each generator its own Jinja environment, and Jinja compiles
every template again for each one: in a build of a small site, compiling
templates costs more than rendering them, and ``invoke serve`` compiles them
all again on every full rebuild. Jinja's bytecode cache keeps the compiled
code in memory instead, keyed by the template's name, file and source
checksum, so an edited template is compiled afresh.

The compiled code also depends on the environment (its syntax and
whitespace options, autoescaping and extensions), which Jinja's own key does
not include: here the key does, so an environment set up differently never
receives code compiled for another.
"""

from __future__ import annotations

import threading
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

# The Environment attributes that change what a template compiles to.
COMPILE_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
    "finalize",
    "enable_async",
)


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        key = f"{self.get_cache_key(name, filename)}|{environment_key(environment)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        with self._lock:
            self._code[bucket.key] = code


def environment_key(environment: Environment) -> str:
    options = [repr(getattr(environment, name, None)) for name in COMPILE_OPTIONS]
    return repr((options, sorted(environment.extensions)))


COMPILED_TEMPLATES = MemoryBytecodeCache()


def with_template_cache(options: dict[str, Any]) -> dict[str, Any]:
    """JINJA_ENVIRONMENT options with the shared cache, unless the site set its own."""
    if "bytecode_cache" in options:
        return options
    return {**options, "bytecode_cache": COMPILED_TEMPLATES}
