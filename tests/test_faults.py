"""The fault matrix: what a contributor can break, and what the build then does (on temporary copies)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import mkdocs_build
from test_build import _add_example, _ran


def test_a_hanging_example_is_killed_after_the_timeout(project, tmp_path):
    _add_example(project, "hangs", "import time\ntime.sleep(600)\n")
    started = time.perf_counter()
    result = mkdocs_build(project, tmp_path / "site", env={"D2L_EXAMPLE_TIMEOUT": "3"})
    assert result.returncode != 0
    assert "examples/hangs.py timed out after 3 s" in result.stderr
    assert time.perf_counter() - started < 60
    assert not (tmp_path / "site" / "index.html").exists()


def test_megabytes_of_output_are_capped_with_a_visible_note(project, tmp_path):
    _add_example(project, "chatty", "for i in range(200_000):\n    print('line', i)\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "en" / "notes" / "autograd" / "index.html").read_text()
    assert "output too long:" in page and "more characters left out" in page
    assert "line 199999" not in page
    assert len(page) < 300_000


def test_an_example_that_leaves_files_fails_strict_and_litters_nothing(project, tmp_path):
    _add_example(project, "litters", "open('junk.txt', 'w').write('x')\nprint('done')\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "examples/litters.py left files in its working directory" in result.stderr
    assert "junk.txt" in result.stderr
    assert not list(project.rglob("junk.txt"))


def test_an_example_that_changes_directory_affects_nothing_else(project, tmp_path):
    _add_example(project, "wanders", "import os\nos.chdir('/')\nprint(os.getcwd())\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "wanders" in _ran(result)
    page = (tmp_path / "site" / "notes" / "autograd" / "index.html").read_text()
    assert "x.grad =" in page  # the example embedded before it on the same page
    assert page.count('class="d2l-example"') == 2


def _append(page: Path, text: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_dead_link_fails_naming_the_page(project, tmp_path):
    _append(project / "docs" / "notes" / "gluon.en.md", "\nSee [nowhere](no-such-page.md).\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "notes/gluon.en.md" in result.stderr and "no-such-page.md" in result.stderr


def test_a_dead_anchor_fails_naming_the_page(project, tmp_path):
    _append(project / "docs" / "notes" / "gluon.md", "\n见 [Q99](softmax.md#q99)。\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "notes/gluon.md" in result.stderr and "#q99" in result.stderr


def test_malformed_latex_fails_naming_page_and_formula(project, tmp_path):
    _append(project / "docs" / "notes" / "softmax.en.md", "\nBroken: $\\frac{a}{$ here.\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/notes/softmax.en.md: cannot typeset $\\frac{a}{$" in result.stderr


def test_an_unknown_latex_command_fails(project, tmp_path):
    _append(project / "docs" / "notes" / "softmax.md", "\n$$\n\\softmaxx(a)\n$$\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/notes/softmax.md: unknown command \\softmaxx" in result.stderr


def test_files_that_are_not_utf8_fail_naming_the_file(project, tmp_path):
    (project / "examples" / "latin1.py").write_bytes("print('d\xe9j\xe0 vu')\n".encode("latin-1"))
    result = mkdocs_build(project, tmp_path / "a")
    assert result.returncode != 0 and "examples/latin1.py is not UTF-8" in result.stderr
    (project / "examples" / "latin1.py").unlink()
    page = project / "docs" / "notes" / "gluon.md"
    page.write_bytes(page.read_bytes() + "\ncaf\xe9\n".encode("latin-1"))
    result = mkdocs_build(project, tmp_path / "b")
    assert result.returncode != 0 and "notes/gluon.md" in result.stderr


def test_an_interrupted_build_leaves_nothing_stale(project, tmp_path):
    """Kill a build while an example runs; the next build recomputes it and serves the new output."""
    _add_example(project, "slow", "import time\ntime.sleep(30)\nprint('first version')\n")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "a")],
        cwd=project, env=environment, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    for line in build.stderr:
        if "running slow.py" in line:
            break
    else:
        raise AssertionError(f"the build ended before running slow.py (exit {build.wait()})")
    time.sleep(1)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    cache = project / ".cache" / "examples"
    assert not (cache / "examples__slow.py.json").exists()
    (project / "examples" / "slow.py").write_text("print('second version')\n")
    result = mkdocs_build(project, tmp_path / "b")
    assert result.returncode == 0, result.stderr
    assert "slow" in _ran(result)
    page = (tmp_path / "b" / "notes" / "autograd" / "index.html").read_text()
    assert "second version" in page and "first version" not in page
