"""The edit loop as `invoke serve` runs it: one process, a cold build, then edits and rebuilds.

run.py starts this in a fresh interpreter inside the synthetic site's folder,
so the cold build pays for imports exactly as `invoke serve`'s first build
does, and the rebuilds reuse the warm process as serve's do. The time the
file watcher takes to notice a change (watchfiles polls every 50 ms) is left
out: it is the same whatever the generator does.

Writes its figures as one JSON object to --json (Pelican prints to stdout).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

VERDICT_START = "\nverdict: >-\n  "


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(action) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), _cpu_seconds()
    action()
    return time.perf_counter() - wall, _cpu_seconds() - cpu


def edit_claim(path: Path, marker: str) -> str:
    """Put a marker word at the start of the claim's verdict; return the original text."""
    original = path.read_text(encoding="utf-8")
    if VERDICT_START not in original:
        raise ValueError(f"{path}: no folded verdict to edit")
    path.write_text(original.replace(VERDICT_START, f"{VERDICT_START}{marker} ", 1), "utf-8")
    return original


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--edits", type=int, default=3, help="claims to edit, one at a time")
    parser.add_argument("--json", type=Path, required=True, help="where to write the figures")
    parser.add_argument(
        "--full",
        action="store_true",
        help="rebuild everything after each edit instead of rebuilding incrementally",
    )
    args = parser.parse_args(argv)

    from factcheck import build as builds
    from factcheck.incremental import Rebuilder

    settings = Path("pelicanconf.py").resolve()
    output = args.output.resolve()
    # The Rebuilder is what `invoke serve` keeps between edits.
    rebuilder = None if args.full else Rebuilder(settings, output)
    mode = "full rebuild" if args.full else "incremental"

    print(f"edit loop: cold build in one process ({mode} after each edit)", file=sys.stderr)
    if rebuilder is not None:
        cold_wall, cold_cpu = _timed(rebuilder.build_all)
    else:
        cold_wall, cold_cpu = _timed(lambda: builds.build(settings, output))

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
            if rebuilder is not None:
                wall, cpu = _timed(lambda c=claim: rebuilder.rebuild([c.resolve()]))
            else:
                wall, cpu = _timed(lambda: builds.build(settings, output))
            page = output / "claims" / claim.stem / "index.html"
            updated = marker in page.read_text(encoding="utf-8")
            edits.append(
                {"claim": claim.name, "wall_s": wall, "cpu_s": cpu, "page_updated": updated}
            )
    finally:
        # Leave the generated site as generated, so later runs measure the same content.
        for claim, text in originals.items():
            claim.write_text(text, encoding="utf-8")

    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {
        "mode": mode,
        "cold_wall_s": cold_wall,
        "cold_cpu_s": cold_cpu,
        "edits": edits,
        "peak_mb": peak_kib / 1024,
    }
    args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
