"""Pelican's own command builds atomically too.

``pelican content -o output`` writes straight into ``output/``: a template
error or an exception in any plugin half-way through leaves some pages new
and the rest old. With this plugin, each run of Pelican (one per command, or
one per change with ``--autoreload``) writes into a fresh staging folder
beside ``output/``, under the same lock and with the same swap and recovery
as ``invoke build`` (:mod:`factcheck.building.atomic`): the finished tree replaces
``output/`` only once Pelican has written everything, so a failed or killed
build leaves the previous site as it was.

``factcheck.building.atomic.build`` stages the tree itself and says so with the setting
``FACTCHECK_STAGED``; Pelican then writes where it is told.
"""

from __future__ import annotations

import atexit
import os
import shutil
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from . import atomic, pelican_seams


@dataclass
class _Run:
    output: Path
    staging: Path
    lock: ExitStack


# By output folder: the run that holds its lock, until it swaps its tree in.
_RUNS: dict[Path, _Run] = {}


@atexit.register
def _abandon_failed_runs() -> None:
    """Pelican exits after a failed run: remove its half-written tree (a kill leaves
    it to the next build, which removes it under the lock)."""
    for output in list(_RUNS):
        abandon_run(output)


def start_run(pelican) -> None:
    """Signal get_generators, sent at the start of every run: point Pelican at a staging folder."""
    if pelican.settings.get("FACTCHECK_STAGED"):
        return
    from pelican import signals

    # The swap must come after every other plugin's finalized handler (a search
    # indexer, say, reads the finished tree): connected last, it runs last.
    signals.finalized.disconnect(finish_run)
    signals.finalized.connect(finish_run)
    output = _run_key(pelican)
    abandon_run(output)  # a run that failed in this process (--autoreload) left its lock
    output.parent.mkdir(parents=True, exist_ok=True)
    lock = ExitStack()
    lock.enter_context(atomic.build_lock(output))
    atomic.recover(output)
    for stale in output.parent.glob(f".{output.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = output.parent / f".{output.name}.tmp-{os.getpid()}"
    _RUNS[output] = _Run(output, staging, lock)
    pelican_seams.write_run_into(pelican, staging)


def finish_run(pelican) -> None:
    """Signal finalized, sent once Pelican has written everything: swap the tree in."""
    run = _RUNS.pop(_run_key(pelican), None)
    if run is None:
        return
    try:
        if not run.staging.exists():
            run.staging.mkdir()  # a site with nothing to write is still a site
        atomic.swap_in(run.staging, run.output)
    finally:
        pelican_seams.write_run_into(pelican, run.output)
        run.lock.close()


def abandon_run(output: Path) -> None:
    run = _RUNS.pop(output, None)
    if run is not None:
        shutil.rmtree(run.staging, ignore_errors=True)
        run.lock.close()


def _run_key(pelican) -> Path:
    """The output folder a run of this Pelican writes to, whether staged already or not."""
    current = pelican_seams.run_output(pelican)
    for output, run in _RUNS.items():
        if run.staging == current:
            return output
    return current
