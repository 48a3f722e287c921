"""Benchmark the fact-check generator against plain Pelican at newsroom scale.

Generates the synthetic fact-check site and its plain-Pelican twin, builds
each several times in fresh interpreters (alternating, so a burst of load on
a shared machine hits both), times `python -m factcheck check`, times the
edit loop, prints the figures with a verdict for each goal of the issue, and
writes them as JSON.

    uv run python tests/bench/run.py --quick

It is a benchmark, not a test: the exit status is 0 whether the goals are
met or not, unless --require-goals is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from synthetic import REPO, Scale, scale_arguments, scale_from_arguments

EDIT_LOOP = Path(__file__).resolve().with_name("edit_loop.py")
SYNTHETIC = Path(__file__).resolve().with_name("synthetic.py")

# The goals, as numbers.
MAX_RATIO_TO_PLAIN = 1.0
MAX_CHECK_MS_PER_FILE = 1.5
MAX_EDIT_SHARE_OF_COLD = 0.10
MAX_PEAK_MB = 1024


@dataclass
class Run:
    """One process: its wall time, CPU time (user + system) and peak resident memory."""

    wall_s: float
    cpu_s: float
    peak_mb: float


@dataclass
class BuildFigures:
    name: str
    documents: int  # Markdown and YAML pages read: people, claims, explainers, pages
    pages: int = 0  # .html files written
    runs: list[Run] = field(default_factory=list)

    @property
    def wall_s(self) -> float:
        return statistics.median(r.wall_s for r in self.runs)

    @property
    def cpu_s(self) -> float:
        return statistics.median(r.cpu_s for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.wall_s / self.pages

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.cpu_s / self.pages

    @property
    def ms_per_document(self) -> float:
        return 1000 * self.wall_s / self.documents

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "pages": self.pages,
            "median_wall_s": self.wall_s,
            "median_cpu_s": self.cpu_s,
            "ms_per_page": self.ms_per_page,
            "cpu_ms_per_page": self.cpu_ms_per_page,
            "ms_per_document": self.ms_per_document,
            "peak_mb": self.peak_mb,
            "runs": [asdict(r) for r in self.runs],
        }


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# Modules every build imports: compiled once, before anything is timed.
WARM_UP_IMPORTS = (
    "import pelican.__main__, pelican.generators, pelican.readers, pelican.writers, "
    "markdown, jinja2, nh3, yaml, factcheck.editors.cli, factcheck.generator, factcheck.building.atomic"
)


@dataclass
class Workspace:
    """The work folder, its logs, and how every measured process is started."""

    root: Path

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def environment(self) -> dict[str, str]:
        """Where PYTHONDONTWRITEBYTECODE is set (as on these machines), every process
        would compile Pelican, Markdown and the plugin from source, about a second
        each time, which no installed site pays. Bytecode goes to a cache in the
        work folder instead, so neither the virtual environment nor the repository
        is touched."""
        environment = {
            name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
        }
        environment["PYTHONPYCACHEPREFIX"] = str(self.root / "pycache")
        # Pelican's log wraps at 80 columns when not on a terminal; keep tracebacks readable.
        environment["COLUMNS"] = "200"
        return environment

    def warm_up(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-c", WARM_UP_IMPORTS]
        subprocess.run(command, env=self.environment, check=True)

    def run(self, command: list[str], cwd: Path, log_name: str) -> Run:
        """Run a command to completion and return what it cost, from the kernel's accounting.

        os.wait4 gives the rusage of exactly this child (and anything it waited
        for), which getrusage(RUSAGE_CHILDREN) deltas would also give, but
        without counting other children of this process.
        """
        log = self.logs / log_name
        with open(log, "w", encoding="utf-8") as out:
            started = time.perf_counter()
            process = subprocess.Popen(
                command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=self.environment
            )
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(command)} failed in {cwd} (see {log}):\n{tail}")
        # ru_maxrss is in KiB on Linux.
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def generate_in_child(scale: Scale, factcheck_site: Path, plain_site: Path) -> None:
    """Generate both sites in another process, so that this one stays small.

    Linux counts a child's peak memory from the moment it is forked, as a copy
    of this process: holding the corpus here would add it to every build's peak.
    """
    options = [f"--{name}={value}" for name, value in asdict(scale).items()]
    command = [sys.executable, str(SYNTHETIC), str(factcheck_site), "--plain", str(plain_site)]
    subprocess.run([*command, *options], check=True, stdout=subprocess.DEVNULL)


def count_documents(site: Path) -> int:
    content = site / "content"
    return sum(
        1
        for folder, pattern in (
            ("people", "*.*"),
            ("claims", "*.*"),
            ("explainers", "*.md"),
            ("pages", "*.md"),
        )
        for _ in (content / folder).glob(pattern)
    )


def count_content_files(site: Path) -> int:
    """What `invoke check` reads: every YAML and Markdown file under content/."""
    content = site / "content"
    return sum(1 for path in content.rglob("*") if path.suffix in (".yaml", ".yml", ".md"))


def measure_builds(
    workspace: Workspace, sites: dict[str, Path], runs: int
) -> dict[str, BuildFigures]:
    figures = {name: BuildFigures(name, count_documents(site)) for name, site in sites.items()}
    names = list(sites)
    for number in range(runs):
        # Alternate which site goes first, so neither always follows the other.
        order = names if number % 2 == 0 else names[::-1]
        for name in order:
            site = sites[name]
            output = site / "output"
            if output.exists():
                shutil.rmtree(output)
            progress(f"[build {number + 1}/{runs}] {name} ...")
            command = [sys.executable, "-m", "pelican", "content", "-o", "output"]
            run = workspace.run(
                [*command, "-s", "pelicanconf.py"], site, f"{name}-build-{number + 1}.log"
            )
            pages = sum(1 for _ in output.rglob("*.html"))
            figures[name].runs.append(run)
            figures[name].pages = pages
            progress(
                f"[build {number + 1}/{runs}] {name}: {pages:,} pages, "
                f"{run.wall_s:.1f} s wall, {run.cpu_s:.1f} s CPU, {run.peak_mb:.0f} MB"
            )
    return figures


CHECK_SUMMARY = re.compile(r"in (\d+) files, (\d+) ms")


def measure_check(workspace: Workspace, site: Path, runs: int) -> dict:
    """`python -m factcheck check` as an editor runs it: the whole command, start to finish."""
    files = count_content_files(site)
    runs_done: list[Run] = []
    internal_ms: list[float] = []
    for number in range(runs):
        progress(f"[check {number + 1}/{runs}] python -m factcheck check ...")
        log_name = f"check-{number + 1}.log"
        command = [sys.executable, "-m", "factcheck", "check", "-s", "pelicanconf.py"]
        runs_done.append(workspace.run(command, site, log_name))
        # The check's own figure leaves out interpreter start-up and imports.
        found = CHECK_SUMMARY.search((workspace.logs / log_name).read_text(encoding="utf-8"))
        if found:
            internal_ms.append(float(found.group(2)))
    wall = statistics.median(r.wall_s for r in runs_done)
    return {
        "files": files,
        "median_wall_s": wall,
        "median_cpu_s": statistics.median(r.cpu_s for r in runs_done),
        "ms_per_file": 1000 * wall / files,
        "reported_ms_per_file": statistics.median(internal_ms) / files if internal_ms else None,
        "peak_mb": max(r.peak_mb for r in runs_done),
        "runs": [asdict(r) for r in runs_done],
    }


def measure_edit_loop(workspace: Workspace, site: Path, edits: int, options: list[str]) -> dict:
    progress(f"[edit loop] cold build, then {edits} claim edits, in one process ...")
    log = workspace.logs / "edit-loop.log"
    figures = workspace.root / "edit-loop.json"
    figures.unlink(missing_ok=True)
    command = [sys.executable, str(EDIT_LOOP), "--edits", str(edits), "--output", "edit-output"]
    with open(log, "w", encoding="utf-8") as out:
        completed = subprocess.run(
            [*command, "--json", str(figures), *options],
            cwd=site,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
            env=workspace.environment,
        )
    if completed.returncode != 0:
        raise RuntimeError(f"the edit loop failed (see {log}):\n{log.read_text()[-3000:]}")
    result = json.loads(figures.read_text(encoding="utf-8"))
    result["median_edit_wall_s"] = statistics.median(e["wall_s"] for e in result["edits"])
    result["median_edit_cpu_s"] = statistics.median(e["cpu_s"] for e in result["edits"])
    result["all_pages_updated"] = all(e["page_updated"] for e in result["edits"])
    result["median_background_wall_s"] = statistics.median(
        e.get("background_wall_s", 0.0) for e in result["edits"]
    )
    shutil.rmtree(site / "edit-output", ignore_errors=True)
    return result


def judge_goals(
    builds: dict[str, BuildFigures], check: dict, edit: dict, scale: Scale, clock: str
) -> list[dict]:
    """Each goal of the issue, measured by wall time and by CPU time, judged by `clock`.

    The issue's goals are wall-clock figures on an idle 2-core machine; on a
    shared, loaded one CPU time is the steadier estimate of them.
    """
    plugin, plain = builds["factcheck"], builds["plain"]
    ratio = {
        "wall": plugin.ms_per_page / plain.ms_per_page,
        "cpu": plugin.cpu_ms_per_page / plain.cpu_ms_per_page,
    }
    check_ms = {
        "wall": check["ms_per_file"],
        "cpu": 1000 * check["median_cpu_s"] / check["files"],
    }
    edit_share = {
        "wall": edit["median_edit_wall_s"] / edit["cold_wall_s"],
        "cpu": edit["median_edit_cpu_s"] / edit["cold_cpu_s"],
    }
    # Every process an editor's build runs counts, the search indexer included.
    peak = max(plugin.peak_mb, edit["peak_mb"], edit.get("children_peak_mb", 0))
    at_default_scale = scale.people >= 1000 and scale.claims >= 10_000
    not_updated = "" if edit["all_pages_updated"] else "; THE EDITED PAGE WAS NOT UPDATED"
    return [
        {
            "goal": "cold build ms/page vs plain Pelican",
            "target": f"<= {MAX_RATIO_TO_PLAIN:.2f}x",
            "measured": f"{ratio['wall']:.2f}x wall, {ratio['cpu']:.2f}x CPU "
            f"({plugin.ms_per_page:.2f} vs {plain.ms_per_page:.2f} ms/page wall)",
            "value": ratio,
            "met": ratio[clock] <= MAX_RATIO_TO_PLAIN,
        },
        {
            "goal": "check time per content file",
            "target": f"<= {MAX_CHECK_MS_PER_FILE} ms",
            "measured": f"{check_ms['wall']:.2f} ms wall, {check_ms['cpu']:.2f} ms CPU "
            f"({check['files']:,} files)",
            "value": check_ms,
            "met": check_ms[clock] <= MAX_CHECK_MS_PER_FILE,
        },
        {
            "goal": "edit loop vs cold build",
            "target": f"<= {MAX_EDIT_SHARE_OF_COLD:.0%}",
            "measured": f"{edit_share['wall']:.0%} wall, {edit_share['cpu']:.0%} CPU "
            f"({edit['median_edit_wall_s']:.2f} s of {edit['cold_wall_s']:.2f} s wall, "
            f"{edit['mode']}){not_updated}",
            "value": edit_share,
            "met": edit_share[clock] <= MAX_EDIT_SHARE_OF_COLD and edit["all_pages_updated"],
        },
        {
            "goal": "peak memory",
            "target": f"< {MAX_PEAK_MB} MB" + ("" if at_default_scale else " (at default scale)"),
            "measured": f"{peak:.0f} MB"
            + ("" if at_default_scale else " at this scale")
            + f" (build {plugin.peak_mb:.0f} MB, edit loop {edit['peak_mb']:.0f} MB, "
            f"largest child, the search indexer, {edit.get('children_peak_mb', 0):.0f} MB)",
            "value": peak,
            "met": peak < MAX_PEAK_MB,
        },
    ]


def print_report(
    builds: dict[str, BuildFigures], check: dict, edit: dict, goals: list, clock: str
) -> None:
    plain = builds["plain"]
    print()
    print(
        f"{'build':<18}{'pages':>8}{'wall s':>9}{'CPU s':>9}{'ms/page':>9}"
        f"{'CPU ms/pg':>11}{'ms/doc':>9}{'peak MB':>9}{'ratio':>8}{'CPU ratio':>11}"
    )
    for figures in builds.values():
        ratio = figures.ms_per_page / plain.ms_per_page
        cpu_ratio = figures.cpu_ms_per_page / plain.cpu_ms_per_page
        print(
            f"{figures.name:<18}{figures.pages:>8,}{figures.wall_s:>9.2f}{figures.cpu_s:>9.2f}"
            f"{figures.ms_per_page:>9.2f}{figures.cpu_ms_per_page:>11.2f}"
            f"{figures.ms_per_document:>9.2f}{figures.peak_mb:>9.0f}{ratio:>7.2f}x"
            f"{cpu_ratio:>10.2f}x"
        )
    print(
        f"\ncheck: {check['median_wall_s']:.2f} s for {check['files']:,} files = "
        f"{check['ms_per_file']:.2f} ms/file (the check's own timer, without start-up: "
        + (
            f"{check['reported_ms_per_file']:.2f} ms/file)"
            if check["reported_ms_per_file"] is not None
            else "not reported)"
        )
    )
    search = "with" if edit["search_indexed"] else "without"
    rebuilt = ", ".join(sorted({e["rebuilt"] for e in edit["edits"]}))
    print(
        f"edit loop ({edit['mode']} rebuilder, {search} search index; rebuilt: {rebuilt}): "
        f"cold build {edit['cold_wall_s']:.2f} s wall ({edit['cold_cpu_s']:.2f} s CPU); "
        f"after one claim edit, servable in {edit['median_edit_wall_s']:.2f} s wall "
        f"({edit['median_edit_cpu_s']:.2f} s CPU), median of {len(edit['edits'])}"
    )
    if edit["median_background_wall_s"] >= 0.01:
        print(
            f"  then background work (the search index) for another "
            f"{edit['median_background_wall_s']:.2f} s"
        )
    print(f"\ngoals, judged by {clock} time:")
    for goal in goals:
        verdict = "met" if goal["met"] else "NOT met"
        print(f"{verdict:>8}  {goal['goal']}: {goal['measured']}; goal {goal['target']}")


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine() -> dict:
    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False
        )
        return result.stdout.strip()

    from importlib.metadata import version

    return {
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "markdown": version("markdown"),
        "commit": git("rev-parse", "HEAD"),
        # Benchmarks run while the generator changes: record whether it had local edits.
        "uncommitted_changes": bool(git("status", "--porcelain", "--", "plugins", "theme")),
    }


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="tests/bench/run.py",
        description="Benchmark the fact-check site against plain Pelican.",
    )
    scale_arguments(parser)
    parser.add_argument("--runs", type=int, default=3, help="builds of each site (default 3)")
    parser.add_argument(
        "--edits", type=int, default=3, help="claim edits in the edit loop (default 3)"
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / ".bench", help="work folder (default .bench/)"
    )
    parser.add_argument("--json", type=Path, help="results file (default OUT/results.json)")
    parser.add_argument(
        "--full-rebuild",
        action="store_true",
        help="edit loop: rebuild everything after an edit, even if the generator can do less",
    )
    parser.add_argument(
        "--no-search",
        action="store_true",
        help="edit loop: skip the search index that invoke serve builds after every build",
    )
    parser.add_argument(
        "--judge-by",
        choices=("wall", "cpu"),
        default="wall",
        help="judge the goals by wall time (default, as the issue states them) or by CPU "
        "time (steadier on a shared, loaded machine)",
    )
    parser.add_argument(
        "--require-goals", action="store_true", help="exit with status 1 when a goal is not met"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.edits < 1:
        parser.error("--runs and --edits must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    scale = scale_from_arguments(args)
    work = args.out.resolve()
    workspace = Workspace(work)
    sites = {"factcheck": work / "factcheck-site", "plain": work / "plain-site"}
    started, cpu_before = time.perf_counter(), _children_cpu_seconds()
    before = machine()
    progress(f"load average {before['load_average']}; generating sites for {scale.as_dict()}")
    generate_in_child(scale, sites["factcheck"], sites["plain"])
    progress(f"generated in {time.perf_counter() - started:.1f} s into {work}")

    workspace.warm_up()
    builds = measure_builds(workspace, sites, args.runs)
    check = measure_check(workspace, sites["factcheck"], args.runs)
    edit_options = ["--full"] * args.full_rebuild + ["--no-search"] * args.no_search
    edit = measure_edit_loop(workspace, sites["factcheck"], args.edits, edit_options)
    goals = judge_goals(builds, check, edit, scale, args.judge_by)
    print_report(builds, check, edit, goals, args.judge_by)

    results = {
        "scale": scale.as_dict(),
        "machine": before,
        "load_average_after": os.getloadavg(),
        "seconds_total": time.perf_counter() - started,
        # On an idle machine the benchmark takes about this long: its work is serial.
        "cpu_seconds_total": _children_cpu_seconds() - cpu_before,
        "builds": {name: figures.as_dict() for name, figures in builds.items()},
        "ratio_ms_per_page": builds["factcheck"].ms_per_page / builds["plain"].ms_per_page,
        "ratio_cpu_ms_per_page": (
            builds["factcheck"].cpu_ms_per_page / builds["plain"].cpu_ms_per_page
        ),
        "check": check,
        "edit_loop": edit,
        "goals_judged_by": args.judge_by,
        "goals": goals,
    }
    json_path = (args.json or work / "results.json").resolve()
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"\nfigures written to {json_path} ({results['seconds_total']:.0f} s in all, "
        f"{results['cpu_seconds_total']:.0f} s of CPU)"
    )
    if args.require_goals and not all(goal["met"] for goal in goals):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
