"""Run many examples in parallel without paying ``import mxnet`` once per example.

A multiprocessing *forkserver* imports the heavy modules once; every example then runs in its own
child forked from that server. A fork costs milliseconds, and because each example gets a fresh
process its globals, figures, working directory and random state cannot leak into the next one.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait

from .runner import PRELOAD, ExampleRun, run_example

Progress = Callable[[str, int, int, float], None]

_context = None


def _forkserver():
    """One preloaded server per build process, reused by every build that `mkdocs serve` runs."""
    global _context
    if _context is None:
        os.environ.setdefault("MPLBACKEND", "agg")
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _child(path: str, root: str, output_limit: int, channel: Connection) -> None:
    channel.send(run_example(path, root, output_limit))
    channel.close()


def run_examples(
    paths: Sequence[str],
    root: str,
    *,
    jobs: int,
    timeout: float,
    output_limit: int,
    progress: Progress | None = None,
) -> dict[str, ExampleRun]:
    """Run each example in a fresh forked process, ``jobs`` at a time; never raises for one."""
    context = _forkserver()
    waiting = list(paths)
    running: dict[Connection, tuple[str, multiprocessing.Process, float]] = {}
    results: dict[str, ExampleRun] = {}
    started = time.perf_counter()

    def finish(channel: Connection, run: ExampleRun) -> None:
        _, process, _ = running.pop(channel)
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        channel.close()
        results[run.path] = run

    while waiting or running:
        while waiting and len(running) < max(1, jobs):
            path = waiting.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(path, root, output_limit, sender))
            process.start()
            sender.close()
            running[receiver] = (path, process, time.perf_counter())
            if progress:
                done = len(results)
                progress(path, done + len(running), len(paths), time.perf_counter() - started)
        ready = wait(list(running), timeout=0.5)
        for channel in ready:
            path, process, _ = running[channel]
            try:
                run = channel.recv()
            except EOFError:
                process.join()
                run = ExampleRun(
                    path=_relative(path, root),
                    error=f"{_relative(path, root)} died (exit code {process.exitcode})",
                )
            finish(channel, run)
        now = time.perf_counter()
        for channel, (path, process, since) in list(running.items()):
            if now - since > timeout:
                process.kill()
                relative = _relative(path, root)
                finish(
                    channel,
                    ExampleRun(
                        path=relative,
                        seconds=round(now - since, 3),
                        error=f"{relative} timed out after {timeout:g} s (plugin option 'timeout')",
                    ),
                )
    return results


def _relative(path: str, root: str) -> str:
    return os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
