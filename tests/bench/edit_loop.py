"""The edit loop as `invoke serve` runs it: one process, a cold build, then edits and rebuilds.

run.py starts this in a fresh interpreter inside the synthetic site's folder,
so the cold build pays for imports exactly as `invoke serve`'s first build
does, and the rebuilds reuse the warm process as serve's do. Like serve, it
uses the generator's incremental rebuilder when there is one, and indexes
the site for search unless --no-search is given. Each edit is timed twice
from the moment the rebuild starts: until its page is servable (written and
showing the edit), and until search shows it (the search-index refresh the
rebuilder runs in the background has finished, and the index holds the
edit's marker word). The refresh finishes before the next edit, so an
editor saving again while it runs is not measured. The time the file
watcher takes to notice a change (watchfiles waits at least 50 ms) is left
out: it is the same whatever the generator does.

Writes its figures as one JSON object to --json (Pelican prints to stdout).
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

VERDICT_START = "\nverdict: >-\n  "


@dataclass
class Loop:
    """How this generator builds once and then rebuilds after edits."""

    mode: str
    build: Callable[[], object]
    rebuild: Callable[[list[Path]], object]  # may return "incremental" or "full"
    settle: Callable[[], object] = lambda: None  # waits for work left running in the background


def serve_loop(settings: Path, output: Path, *, full: bool, search: bool) -> Loop:
    """The same calls `invoke serve` makes, whichever the generator offers."""
    from factcheck.building import atomic as builds

    after = refresh = None
    if search:
        try:
            from factcheck.outputs import search as site_search
        except ImportError:  # a generator from before site search
            site_search = None
        if site_search is not None:
            after = site_search.index_search
            # Newer generators refresh the index in the background, once pages are served.
            refresh = getattr(site_search, "refresh_search_index", None)

    def full_build() -> None:
        builds.build(settings, output, after=after)

    if not full:
        try:
            from factcheck.building.incremental import Rebuilder
        except ImportError:  # a generator from before incremental rebuilds
            pass
        else:
            options = {"after": after}
            if refresh is not None and "refresh" in inspect.signature(Rebuilder).parameters:
                options["refresh"] = refresh
            rebuilder = Rebuilder(settings, output, **options)
            settle = getattr(rebuilder, "wait", lambda: None)
            return Loop("incremental", rebuilder.build_all, rebuilder.rebuild, settle)
        planned = getattr(builds, "rebuild", None)
        if planned is not None:
            return Loop("incremental", full_build, lambda paths: planned(settings, output, paths))
    return Loop("full rebuild", full_build, lambda paths: full_build())


def _cpu_seconds() -> float:
    # Children too: the search indexer runs as a subprocess of the build.
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(action: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), _cpu_seconds()
    result = action()
    return time.perf_counter() - wall, _cpu_seconds() - cpu, result


def edit_claim(path: Path, marker: str) -> str:
    """Put a marker word at the start of the claim's verdict; return the original text."""
    original = path.read_text(encoding="utf-8")
    if VERDICT_START not in original:
        raise ValueError(f"{path}: no folded verdict to edit")
    path.write_text(original.replace(VERDICT_START, f"{VERDICT_START}{marker} ", 1), "utf-8")
    return original


def search_shows(output: Path, marker: str) -> bool:
    """Whether the live search index has the marker as a word: what a reader's search looks up.

    Pagefind writes its word index as gzipped CBOR, words as lower-case text.
    """
    word = marker.lower().encode()
    for index in (output / "pagefind").glob("index/*.pf_index"):
        if word in gzip.decompress(index.read_bytes()):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--edits", type=int, default=3, help="claims to edit, one at a time")
    parser.add_argument("--json", type=Path, required=True, help="where to write the figures")
    parser.add_argument(
        "--full", action="store_true", help="rebuild everything even if rebuilds can be incremental"
    )
    parser.add_argument(
        "--no-search", action="store_true", help="do not index the site for search after builds"
    )
    args = parser.parse_args(argv)

    settings = Path("pelicanconf.py").resolve()
    output = args.output.resolve()
    search = not args.no_search
    loop = serve_loop(settings, output, full=args.full, search=search)

    print(f"edit loop: cold build in one process ({loop.mode} after each edit)", file=sys.stderr)
    cold_wall, cold_cpu, _ = _timed(loop.build)

    claims = sorted(Path("content/claims").glob("*.yaml"))
    # Spread the edits over the alphabet: first, middle and last claims list differently.
    picked = [claims[i * (len(claims) - 1) // max(1, args.edits - 1)] for i in range(args.edits)]
    edits = []
    originals: dict[Path, str] = {}
    try:
        for number, claim in enumerate(picked, 1):
            marker = f"Benchmarkedit{number}"
            # Edits stay in place until the end, so each rebuild sees exactly one new change.
            originals[claim] = edit_claim(claim, marker)
            print(f"edit loop: edit {number}/{len(picked)}: {claim.name}", file=sys.stderr)
            started = time.perf_counter()
            wall, cpu, how = _timed(lambda c=claim: loop.rebuild([c.resolve()]))
            page = output / "claims" / claim.stem / "index.html"
            updated = marker in page.read_text(encoding="utf-8")
            background_wall, background_cpu, _ = _timed(loop.settle)
            searchable_wall = time.perf_counter() - started
            edits.append(
                {
                    "claim": claim.name,
                    "wall_s": wall,
                    "cpu_s": cpu,
                    "rebuilt": how if isinstance(how, str) else loop.mode,
                    "page_updated": updated,
                    "background_wall_s": background_wall,
                    "background_cpu_s": background_cpu,
                    # Until search shows the edit: the rebuild, then the background refresh.
                    "searchable_wall_s": searchable_wall,
                    "searchable_cpu_s": cpu + background_cpu,
                    "search_shows_edit": search_shows(output, marker) if search else None,
                }
            )
    finally:
        # Leave the generated site as generated, so later runs measure the same content.
        for claim, text in originals.items():
            claim.write_text(text, encoding="utf-8")

    figures = {
        "mode": loop.mode,
        "search_indexed": search,
        "cold_wall_s": cold_wall,
        "cold_cpu_s": cold_cpu,
        "edits": edits,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # The largest child: the search indexer, when there is one. Linux starts a
        # child's count from this process's size when it is forked, so this is at
        # least peak_mb, and the larger of the two is the true peak of either.
        "children_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
