"""The editor's guide's tables of settings and of the default rating scale, from the declarations.

docs/editing.md carries these tables as they are printed here; a test fails
when they differ, so a setting cannot be added, dropped or changed without
the guide saying so. After changing a declaration, print them with
``uv run python -m factcheck.settings.guide`` and paste them in.
"""

from __future__ import annotations

import json
from typing import Any

from .declarations import SETTINGS, Setting
from .options import Mistakes
from .rating_scale import DEFAULT_RATINGS, RatingScale

# The guide's heading over each group's table.
GROUP_HEADINGS = {
    "plugin": "The site's settings",
    "pelican": "Pelican's settings that the plugin reads",
    "internal": "Set by the build tools",
}


def literal(value: Any) -> str:
    """A default as a settings file writes it: "fallback", [], None."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def shown_default(setting: Setting) -> str:
    return setting.default_text or f"`{literal(setting.default)}`"


def settings_table(group: str) -> str:
    """The table of one group of settings, in declaration order."""
    rows = ["| Setting | Kind | Default | Meaning |", "|---|---|---|---|"]
    rows += [
        f"| `{s.name}` | {s.option.kind} | {shown_default(s)} | {s.doc} |"
        for s in SETTINGS
        if s.group == group
    ]
    return "\n".join(rows)


def scale_table() -> str:
    """The default rating scale, with the icons and colours it gets from its places."""
    ratings = RatingScale().read(list(DEFAULT_RATINGS), (), Mistakes())
    rows = [
        "| Key | Label | Definition | Value | Icon | Colour (light, dark) |",
        "|---|---|---|---|---|---|",
    ]
    rows += [
        f"| `{r.key}` | {r.label} | {r.definition} | {'none' if r.value is None else r.value} "
        f"| {r.icon} | `{r.colour.light}`, `{r.colour.dark}` |"
        for r in ratings.values()
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    for group, heading in GROUP_HEADINGS.items():
        print(f"### {heading}\n\n{settings_table(group)}\n")
    print(f"The default scale:\n\n{scale_table()}")
