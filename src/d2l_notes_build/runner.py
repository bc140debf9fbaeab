"""Run one example the way ``python examples/<name>.py`` would, then its doctests; record both.

This module runs inside a disposable process (a fork of the pool's preloaded server, or a fresh
interpreter with ``python -m d2l_notes_build.runner``), so the example's globals, figures, working
directory and random state die with that process.
"""

from __future__ import annotations

import ast
import builtins
import doctest
import json
import os
import sys
import tempfile
import time
import traceback
import types
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import figures

# Bump when what a run records changes, so older cache entries stop matching.
RUNNER_VERSION = "2"

DOCTEST_FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
TRACEBACK_LINES = 12
GLUE_MODULE = "_glue"  # examples/_glue.py: glue(name, value) for the prose


@dataclass
class Figure:
    """One figure, drawn in every language: language -> SVG text, and its size in CSS pixels."""

    svg: dict[str, str]
    width: int
    height: int


@dataclass
class ExampleRun:
    """What one execution of an example produced. Everything here is cached with the run."""

    path: str  # relative to the project root, e.g. "examples/x.py"
    stdout: str = ""
    stderr: str = ""  # what the example printed to stderr, warnings included
    figures: list[Figure] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)  # figure text without a translation
    glued: dict[str, object] = field(default_factory=dict)
    doctests: int = 0  # examples (>>> lines) that passed
    seconds: float = 0.0  # the __main__ run
    doctest_seconds: float = 0.0
    error: str | None = None
    truncated_chars: int = 0
    imported_project_files: list[str] = field(default_factory=list)
    leftover_files: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "ExampleRun":
        data = dict(data, figures=[Figure(**f) for f in data["figures"]])
        return cls(**data)


class ExampleError(Exception):
    """The example failed; the message is what the author needs to see."""


def _trimmed_traceback(exc: BaseException, example: Path, relative: str) -> str:
    """The traceback from the example's own first frame on: this module's and runpy's are noise."""
    tb = exc.__traceback__
    while tb is not None and Path(tb.tb_frame.f_code.co_filename) != example:
        tb = tb.tb_next
    lines = "".join(traceback.format_exception(type(exc), exc, tb)).rstrip().splitlines()
    lines = [line.replace(str(example), relative) for line in lines]
    return f"{relative} raised {type(exc).__name__}:\n" + "\n".join(lines[-TRACEBACK_LINES:])


def _capped(text: str, limit: int) -> tuple[str, int]:
    return text[:limit], max(0, len(text) - limit)


class _Capture:
    """Collect what the example writes to stdout; stderr (Python's and C's, e.g. MXNet's log) goes
    through file descriptor 2 into a temporary file, in the order it was written."""

    def __init__(self) -> None:
        self.stdout = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.stderr = tempfile.TemporaryFile(mode="w+b")

    def __enter__(self) -> "_Capture":
        sys.stdout.flush()
        sys.stderr.flush()
        self.saved = sys.stdout, os.dup(2)
        sys.stdout = self.stdout
        os.dup2(self.stderr.fileno(), 2)
        return self

    def __exit__(self, *exc) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, saved_fd = self.saved
        os.dup2(saved_fd, 2)
        os.close(saved_fd)

    def text(self) -> tuple[str, str]:
        self.stdout.seek(0)
        self.stderr.seek(0)
        return self.stdout.read(), self.stderr.read().decode("utf-8", "replace")


def _exec_as_main(code, example: Path) -> types.ModuleType:
    """Execute ``code`` as the ``__main__`` module, as ``python example.py`` does."""
    module = types.ModuleType("__main__")
    module.__file__ = str(example)
    module.__builtins__ = builtins
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = module
    try:
        exec(code, module.__dict__)
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved
    return module


def _is_main_guard(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Compare)
        and isinstance(node.test.left, ast.Name)
        and node.test.left.id == "__name__"
        and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in node.test.comparators)
    )


def module_level_names(tree: ast.Module) -> set[str]:
    """Names that importing the module binds, i.e. without its ``if __name__ == "__main__"`` block."""
    names: set[str] = set()

    def bind(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            return  # names inside a body are local to it
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        for child in ast.iter_child_nodes(node):
            bind(child)

    for statement in tree.body:
        if not _is_main_guard(statement):
            bind(statement)
    return names


def _names_only_main_defines(test: doctest.DocTest, importable: set[str]) -> list[str]:
    """Names a doctest reads that exist only after the ``__main__`` block ran."""
    bound, read = set(), set()
    for example in test.examples:
        try:
            tree = ast.parse(example.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                (bound if isinstance(node.ctx, ast.Store) else read).add(node.id)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                bound.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                bound.add(node.name)
    return sorted(n for n in read - bound - importable if not hasattr(builtins, n))


def run_doctests(module: types.ModuleType, tree: ast.Module, relative: str) -> int:
    """Run the example's doctests in the globals its ``__main__`` run left; return how many passed.

    Sharing the globals lets an expensive experiment (an ``lru_cache`` function) run once for both.
    A doctest must not need what only the ``__main__`` block defines, or ``python -m doctest``
    (and a reader copying it) would fail.
    """
    name = Path(relative).stem
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = finder.find(module, name, globs=dict(module.__dict__, __name__=name))
    importable = module_level_names(tree)
    for test in tests:
        missing = _names_only_main_defines(test, importable)
        if missing:
            raise ExampleError(
                f"{relative}: the doctests of {test.name} use {', '.join(missing)}, which only the "
                "__main__ block defines; `python -m doctest` would fail"
            )
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    for test in sorted(tests, key=lambda t: t.lineno or 0):
        runner.run(test, out=report.append)
    failed, attempted = runner.summarize(verbose=False)
    if failed:
        text = "".join(report).replace(str(module.__file__), relative)
        raise ExampleError(f"{relative}: {failed} of {attempted} doctests failed:\n{text.rstrip()}")
    return attempted


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


def _glued_values(relative: str) -> dict[str, object]:
    module = sys.modules.get(GLUE_MODULE)
    values = {}
    for key, value in getattr(module, "GLUED", {}).items():
        if hasattr(value, "asscalar"):  # a one-element NDArray
            value = value.asscalar()
        if hasattr(value, "item") and getattr(value, "size", 1) == 1:  # a NumPy scalar
            value = value.item()
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ExampleError(f"{relative}: glue({key!r}, ...) got {type(value).__name__}; glue numbers or text")
        values[key] = value
    return values


def run_example(
    path: str,
    root: str,
    output_limit: int,
    translations: dict[str, dict[str, str]] | None = None,
    scratch: str | None = None,
) -> ExampleRun:
    """Execute ``path`` as ``__main__`` in the working directory ``scratch``, then its doctests.

    ``translations`` maps each language other than English to its figure-text table.
    """
    os.environ.setdefault("MPLBACKEND", "agg")
    import matplotlib.pyplot as plt

    example = Path(path).resolve()
    project = Path(root).resolve()
    relative = example.relative_to(project).as_posix()
    run = ExampleRun(path=relative)
    scratch = scratch or tempfile.mkdtemp(prefix="d2l-example-")
    before = set(sys.modules)
    sys.argv = [str(example)]
    sys.path.insert(0, str(example.parent))
    os.chdir(scratch)
    plt.close("all")
    capture = _Capture()
    try:
        source = example.read_text(encoding="utf-8")
        tree = ast.parse(source, str(example))
        code = compile(tree, str(example), "exec")
        start = time.perf_counter()
        with capture:
            try:
                module = _exec_as_main(code, example)
            except SystemExit as exit_:
                if exit_.code not in (None, 0):
                    raise ExampleError(f"{relative} exited with status {exit_.code}") from None
                module = None
            finally:
                run.seconds = round(time.perf_counter() - start, 3)
        run.glued = _glued_values(relative)
        languages = {lang: figures.Translations(table) for lang, table in (translations or {}).items()}
        missing: set[str] = set()
        for number in plt.get_fignums():
            drawings, untranslated = figures.render(plt.figure(number), languages)
            english = drawings[figures.SOURCE_LANGUAGE]
            run.figures.append(
                Figure({lang: d.svg for lang, d in drawings.items()}, english.width, english.height)
            )
            missing.update(untranslated)
        run.untranslated = sorted(missing)
        plt.close("all")
        if module is not None:
            start = time.perf_counter()
            run.doctests = run_doctests(module, tree, relative)
            run.doctest_seconds = round(time.perf_counter() - start, 3)
    except ExampleError as error:
        run.error = str(error)
    except BaseException as exc:  # noqa: BLE001 - any failure of the example is reported
        run.error = _trimmed_traceback(exc, example, relative)
    stdout, stderr = capture.text()
    run.stdout, run.truncated_chars = _capped(stdout, output_limit)
    run.stderr, _ = _capped(stderr, output_limit)
    plt.close("all")
    run.imported_project_files = _project_files(before, project, example)
    run.leftover_files = sorted(os.listdir(scratch))
    os.chdir(project)
    return run


def main(argv: list[str]) -> int:
    """``python -m d2l_notes_build.runner EXAMPLE [ROOT]`` prints the run as JSON."""
    root = argv[1] if len(argv) > 1 else os.getcwd()
    with tempfile.TemporaryDirectory(prefix="d2l-example-") as scratch:
        run = run_example(argv[0], root, output_limit=10**9, scratch=scratch)
    json.dump(run.to_json(), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
