"""Run many examples in parallel without paying ``import mxnet`` once per example.

A multiprocessing *forkserver* imports the heavy modules once; every example then runs in its own
child forked from that server. A fork costs milliseconds, and because each example gets a fresh
process its globals, figures, working directory and random state cannot leak into the next one.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .runner import ExampleRun, run_example

Progress = Callable[[str, int, int, float], None]

# What the server may import before it forks: the modules that take seconds to import (MXNet
# alone 3 s, all four 5 s), each only if the examples import it. A site whose examples import
# none of them (the tests' small fixture site) does not pay for them at every build.
HEAVY = ("numpy", "matplotlib.pyplot", "mxnet", "sklearn.datasets")

_context = None


def preload_for(packages: set[str]) -> list[str]:
    """The modules of HEAVY in these imported packages (``gallery.imported_packages``)."""
    return [module for module in HEAVY if module.split(".")[0] in packages]


def _forkserver(preload: Sequence[str], matplotlib_dir: str | None):
    """One server per build process, reused by every build that `mkdocs serve` runs: the first
    call's ``preload`` and ``matplotlib_dir`` are what it keeps (a later example that needs more
    imports it itself)."""
    global _context
    if _context is None:
        os.environ.setdefault("MPLBACKEND", "agg")
        if matplotlib_dir:
            os.environ["MPLCONFIGDIR"] = matplotlib_dir
        # Examples run one per core: BLAS and OpenMP threads of their own would only fight over
        # the cores (and spin, on a busy machine). Set before the server imports NumPy and MXNet.
        for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(variable, "1")
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload([*preload, "d2l_notes_build.preload"])
    return _context


def _child(path: str, root: str, output_limit: int, translations: dict, scratch: str, channel: Connection) -> None:
    channel.send(run_example(path, root, output_limit, translations, scratch))
    channel.close()


def run_examples(
    paths: Sequence[str],
    root: str,
    *,
    jobs: int,
    timeout: float,
    output_limit: int,
    translations: dict[str, dict[str, str]] | None = None,
    progress: Progress | None = None,
    preload: Sequence[str] = (),
    matplotlib_dir: str | None = None,
) -> dict[str, ExampleRun]:
    """Run each example in a fresh forked process, ``jobs`` at a time; never raises for one.

    ``preload``: modules the server imports once before it forks (``preload_for``).
    ``matplotlib_dir``: the examples' matplotlib configuration and cache folder (MPLCONFIGDIR)
    instead of the user's, so that neither a personal matplotlibrc nor a font list that another
    installation of matplotlib wrote there changes what they draw and print. (A font list without
    matplotlib's own fonts once put "findfont: Font family ['STIXGeneral'] not found" under the
    output of every example that wrote a formula.)

    Results are keyed by the example's path relative to ``root``. Each example's scratch working
    directory is made and removed here, in the parent, so a killed child leaves nothing behind.
    """
    context = _forkserver(preload, matplotlib_dir)
    waiting = list(paths)
    running: dict[Connection, tuple[str, multiprocessing.Process, float, str]] = {}
    results: dict[str, ExampleRun] = {}
    started = time.perf_counter()

    def finish(channel: Connection, run: ExampleRun) -> None:
        _, process, _, scratch = running.pop(channel)
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        channel.close()
        shutil.rmtree(scratch, ignore_errors=True)
        results[run.path] = run

    while waiting or running:
        while waiting and len(running) < max(1, jobs):
            path = waiting.pop(0)
            scratch = tempfile.mkdtemp(prefix="d2l-example-")
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_child, args=(path, root, output_limit, translations or {}, scratch, sender)
            )
            process.start()
            sender.close()
            running[receiver] = (path, process, time.perf_counter(), scratch)
            if progress:
                progress(path, len(results) + len(running), len(paths), time.perf_counter() - started)
        for channel in wait(list(running), timeout=0.5):
            path, process, _, _ = running[channel]
            try:
                run = channel.recv()
            except EOFError:
                process.join()
                relative = _relative(path, root)
                run = ExampleRun(path=relative, error=f"{relative} died (exit code {process.exitcode})")
            finish(channel, run)
        now = time.perf_counter()
        for channel, (path, process, since, _) in list(running.items()):
            if now - since > timeout:
                process.kill()
                relative = _relative(path, root)
                message = f"{relative} timed out after {timeout:g} s (plugin option 'timeout')"
                finish(channel, ExampleRun(path=relative, seconds=round(now - since, 3), error=message))
    return results


def _relative(path: str, root: str) -> str:
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()
