"""Pelican's writer, naming the content file and template in any error, in one line.

The plugin's own generator reports an unexpected error while rendering as one
line naming the file and the template (:class:`factcheck.content.problems.GenerationError`).
Pelican's generators render explainers and pages through its writer, where
the same error surfaced as a Jinja traceback; this writer reports it the same
way.
"""

from __future__ import annotations

from pathlib import Path

from pelican.writers import Writer

from .content.problems import reported_as


class LocatedErrorsWriter(Writer):
    def write_file(self, name, template, context, *args, **kwargs):
        document = kwargs.get("article") or kwargs.get("page")
        if document is not None:
            folder = Path(self.settings.get("PATH", "content")).name
            source = f"{folder}/{document.relative_source_path}"
        else:
            source = name
        with reported_as(f"{source} (template {Path(template.name or '').name})"):
            return super().write_file(name, template, context, *args, **kwargs)
