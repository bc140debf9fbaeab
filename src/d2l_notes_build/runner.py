"""Run one example script the way ``python examples/<name>.py`` would, and record what it shows.

This module runs inside a disposable process (a fork of the pool's preloaded server, or a fresh
interpreter with ``python -m d2l_notes_build.runner``), so the example's globals, figures, working
directory and random state die with that process.
"""

from __future__ import annotations

import io
import json
import os
import re
import runpy
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Heavy modules that the examples import; the pool's server imports them once.
PRELOAD = ["numpy", "mxnet", "matplotlib", "matplotlib.pyplot"]

# Bump when what a run records changes, so older cache entries stop matching.
RUNNER_VERSION = "1"

TRACEBACK_LINES = 12
_LONG_DECIMALS = re.compile(r"(\d+\.\d{2})\d+")


@dataclass
class ExampleRun:
    """What one execution of an example produced."""

    path: str
    stdout: str = ""
    figures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None
    truncated_chars: int = 0
    imported_project_files: list[str] = field(default_factory=list)
    leftover_files: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "ExampleRun":
        return cls(**data)


class CappedWriter(io.TextIOBase):
    """A stdout that keeps the first ``limit`` characters and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        room = self.limit - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


def figure_to_svg(figure) -> str:
    """SVG with text kept as text (no embedded glyphs), stable ids and two decimals."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "d2l-notes"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return _LONG_DECIMALS.sub(r"\1", buffer.getvalue())


def _tail_of_traceback(exc: BaseException, path: str) -> str:
    lines = "".join(traceback.format_exception(exc)).rstrip().splitlines()
    return f"{path} raised {type(exc).__name__}:\n" + "\n".join(lines[-TRACEBACK_LINES:])


def _project_files(before: set[str], root: Path, example: Path) -> list[str]:
    found = set()
    for name in set(sys.modules) - before:
        file = getattr(sys.modules[name], "__file__", None)
        if not file:
            continue
        resolved = Path(file).resolve()
        if resolved == example or root not in resolved.parents:
            continue
        relative = resolved.relative_to(root)
        if relative.parts[0].startswith(".") or "site-packages" in relative.parts:
            continue
        found.add(relative.as_posix())
    return sorted(found)


def run_example(path: str, root: str, output_limit: int) -> ExampleRun:
    """Execute ``path`` as ``__main__`` in a scratch working directory of its own."""
    os.environ.setdefault("MPLBACKEND", "agg")
    import matplotlib.pyplot as plt

    example = Path(path).resolve()
    project = Path(root).resolve()
    relative = example.relative_to(project).as_posix()
    run = ExampleRun(path=relative)
    scratch = tempfile.mkdtemp(prefix="d2l-example-")
    writer = CappedWriter(output_limit)
    before = set(sys.modules)
    saved_argv, saved_path, saved_stdout = sys.argv, list(sys.path), sys.stdout
    sys.argv = [str(example)]
    sys.path.insert(0, str(example.parent))
    os.chdir(scratch)
    plt.close("all")
    start = time.perf_counter()
    sys.stdout = writer
    try:
        runpy.run_path(str(example), run_name="__main__")
    except SystemExit as exit_:
        if exit_.code not in (None, 0):
            run.error = f"{relative} exited with status {exit_.code}"
    except BaseException as exc:  # noqa: BLE001 - any failure of the example is reported
        run.error = _tail_of_traceback(exc, relative)
    finally:
        sys.stdout = saved_stdout
        run.seconds = round(time.perf_counter() - start, 3)
        sys.argv, sys.path[:] = saved_argv, saved_path
    run.stdout = writer.getvalue()
    run.truncated_chars = writer.dropped
    if run.error is None:
        run.figures = [figure_to_svg(plt.figure(n)) for n in plt.get_fignums()]
    plt.close("all")
    run.imported_project_files = _project_files(before, project, example)
    run.leftover_files = sorted(os.listdir(scratch))
    os.chdir(project)
    shutil.rmtree(scratch, ignore_errors=True)
    return run


def main(argv: list[str]) -> int:
    """``python -m d2l_notes_build.runner EXAMPLE [ROOT]`` prints the run as JSON."""
    root = argv[1] if len(argv) > 1 else os.getcwd()
    run = run_example(argv[0], root, output_limit=10**9)
    json.dump(run.to_json(), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
