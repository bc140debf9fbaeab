"""Every example runs as a plain script, and the build's worker pool reproduces that run exactly.

(The examples' doctests run through pytest's --doctest-modules; see pyproject.toml.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import ROOT

from d2l_notes_build.pool import run_examples

EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.py") if not p.name.startswith("_"))
DRAWING = [n for n in EXAMPLES if "plt.show()" in (ROOT / "examples" / f"{n}.py").read_text()]
HEADLESS = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "MPLBACKEND", "WAYLAND_DISPLAY")}


@pytest.fixture(scope="module")
def pool_runs():
    # Reversed order and two at a time: results must not depend on what ran before or beside.
    paths = [str(ROOT / "examples" / f"{name}.py") for name in reversed(EXAMPLES)]
    return run_examples(paths, str(ROOT), jobs=2, timeout=120, output_limit=10**7)


def _in_parallel(commands: dict[str, list[str]]) -> dict[str, subprocess.CompletedProcess]:
    """Run independent commands two at a time (the machine has two cores)."""

    def run(command: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=ROOT, env=HEADLESS, capture_output=True, text=True, timeout=120)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(commands, pool.map(run, commands.values())))


@pytest.fixture(scope="module")
def standalone_runs():
    return _in_parallel({name: [sys.executable, f"examples/{name}.py"] for name in EXAMPLES})


@pytest.fixture(scope="module")
def fresh_interpreter_runs():
    module = "d2l_notes_build.runner"
    return _in_parallel(
        {name: [sys.executable, "-m", module, f"examples/{name}.py", str(ROOT)] for name in DRAWING}
    )


def test_every_example_has_a_titled_docstring_with_doctests():
    for name in EXAMPLES:
        source = (ROOT / "examples" / f"{name}.py").read_text(encoding="utf-8")
        assert source.startswith('"""'), f"examples/{name}.py lacks a module docstring"
        title, underline = source[3:].splitlines()[:2]
        assert title.strip() and set(underline.strip()) == {"="}, f"examples/{name}.py: no title"
        assert ">>> " in source.split('"""')[1], f"examples/{name}.py has no doctest"


@pytest.mark.parametrize("name", EXAMPLES)
def test_standalone_run_matches_the_pool(name, pool_runs, standalone_runs):
    standalone = standalone_runs[name]
    assert standalone.returncode == 0, standalone.stderr
    assert standalone.stdout.strip(), f"examples/{name}.py prints nothing"
    run = pool_runs[f"examples/{name}.py"]
    assert run.error is None, run.error
    assert run.stdout == standalone.stdout
    assert run.seconds <= 10, f"examples/{name}.py took {run.seconds} s"


@pytest.mark.parametrize("name", DRAWING)
def test_pool_figures_match_a_fresh_interpreter(name, pool_runs, fresh_interpreter_runs):
    run = pool_runs[f"examples/{name}.py"]
    assert run.figures, f"examples/{name}.py calls plt.show() but no figure was captured"
    fresh = fresh_interpreter_runs[name]
    assert fresh.returncode == 0, fresh.stderr
    alone = json.loads(fresh.stdout)
    assert alone["figures"] == run.figures
    assert alone["stdout"] == run.stdout
