"""The runner, the pool, the figures and the cache, called directly on small throw-away examples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from d2l_notes_build import figures
from d2l_notes_build.cache import ExampleCache
from d2l_notes_build.gallery import imported_packages
from d2l_notes_build.pool import HEAVY, preload_for, run_examples

GLUE = (Path(__file__).parent.parent / "examples" / "_glue.py").read_text()
ZH = {"zh": {"loss": "损失", "{} epochs": "{} 个周期", "$\\eta$ as text": "学习率 $\\eta$"}}


def run(tmp_path: Path, source: str, *, timeout: float = 60, limit: int = 10_000, translations=None):
    """Run one example written to ``tmp_path/examples/x.py`` in the pool; return its run."""
    folder = tmp_path / "examples"
    folder.mkdir(exist_ok=True)
    (folder / "_glue.py").write_text(GLUE)
    (folder / "x.py").write_text(source)
    results = run_examples(
        [str(folder / "x.py")], str(tmp_path), jobs=1, timeout=timeout, output_limit=limit,
        translations=translations, preload=HEAVY,  # whichever test starts this process's server
    )
    return results["examples/x.py"]


def test_a_run_records_output_glue_doctests_and_project_imports(tmp_path):
    result = run(
        tmp_path,
        '"""Doubling\n\n>>> double(2)\n4\n>>> double(3) + 1\n7\n"""\n'
        "import numpy as np\nfrom _glue import glue\n\n"
        "def double(x):\n    return 2 * x\n\n"
        'if __name__ == "__main__":\n    print(double(21))\n    glue("half", np.float32(0.5))\n    glue("n", 3)\n',
    )
    assert result.error is None, result.error
    assert result.stdout == "42\n"
    assert result.glued == {"half": 0.5, "n": 3} and type(result.glued["half"]) is float
    assert result.doctests == 2
    assert result.imported_project_files == ["examples/_glue.py"]


def test_a_failing_doctest_names_the_example_and_its_line(tmp_path):
    result = run(tmp_path, '"""Wrong\n\n>>> 1 + 1\n3\n"""\nprint("ran")\n')
    assert result.error.startswith("examples/x.py: 1 of 1 doctests failed:")
    assert 'File "examples/x.py", line 3' in result.error and "Expected:\n    3\nGot:\n    2" in result.error


def test_a_doctest_may_not_rely_on_the_main_block(tmp_path):
    result = run(tmp_path, '""">>> value + 1\n2\n"""\nif __name__ == "__main__":\n    value = 1\n')
    assert "use value, which only the __main__ block defines" in result.error


def test_tracebacks_start_at_the_examples_own_code(tmp_path):
    result = run(tmp_path, "def inner():\n    raise ValueError('deliberately broken')\n\ninner()\n")
    assert result.error.startswith("examples/x.py raised ValueError:")
    assert 'File "examples/x.py", line 4, in <module>' in result.error and "in inner" in result.error
    assert "runner.py" not in result.error and "runpy" not in result.error


def test_stderr_and_warnings_are_kept_in_order(tmp_path):
    result = run(
        tmp_path,
        "import os, sys, warnings\nprint('out')\nwarnings.warn('careful')\n"
        "os.write(2, b'from C\\n')\nprint('python stderr', file=sys.stderr)\n",
    )
    assert result.error is None and result.stdout == "out\n"
    lines = result.stderr.splitlines()
    assert "UserWarning: careful" in lines[0] and lines[-2:] == ["from C", "python stderr"]


def test_output_is_capped_and_counted(tmp_path):
    result = run(tmp_path, "print('x' * 500)\n", limit=100)
    assert result.stdout == "x" * 100 and result.truncated_chars == 401


def test_a_hanging_example_is_killed_and_leaves_no_scratch_directory(tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the pool makes working directories
    started = time.perf_counter()
    result = run(tmp_path, "import time\nopen('left.txt', 'w')\ntime.sleep(600)\n", timeout=2)
    assert result.error == "examples/x.py timed out after 2 s (plugin option 'timeout')"
    assert time.perf_counter() - started < 30
    assert list(scratch.glob("d2l-example-*")) == []  # (multiprocessing keeps its own pymp-* there)


def test_files_left_behind_are_named_and_removed(tmp_path):
    result = run(tmp_path, "open('junk.txt', 'w').write('x')\nimport os\nos.mkdir('dir')\n")
    assert result.error is None and result.leftover_files == ["dir", "junk.txt"]
    assert not list(tmp_path.rglob("junk.txt"))


def test_changing_directory_is_harmless(tmp_path):
    result = run(tmp_path, "import os\nos.chdir('/')\nprint(os.getcwd())\n")
    assert result.error is None and result.stdout == "/\n"
    assert Path.cwd() != Path("/")


def test_figures_are_drawn_in_each_language_with_translated_text(tmp_path):
    result = run(
        tmp_path,
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\n"
        "ax.plot([0, 0.125], [1, 2], label='10 epochs')\nax.set_xticks([0, 0.125])\nax.set_ylabel('loss')\nax.set_xlabel('$\\\\eta$')\n"
        "ax.legend()\nplt.show()\n",
        translations=ZH,
    )
    assert result.error is None and result.untranslated == []
    (figure,) = result.figures
    assert ">loss<" in figure.svg["en"] and ">损失<" in figure.svg["zh"] and ">10 个周期<" in figure.svg["zh"]
    assert ">0.125<" in figure.svg["en"]  # tick labels are text, not coordinates: never rounded
    assert figure.width > 300 and figure.height > 200


def test_figure_text_without_a_translation_is_reported(tmp_path):
    result = run(
        tmp_path,
        "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.title('accuracy')\nplt.xlabel('x')\n"
        "plt.ylabel('$\\\\eta$ as text')\nplt.show()\n",
        translations=ZH,
    )
    assert result.untranslated == ["accuracy"]
    # Chinese around $math$ is drawn with the CJK font, not as boxes
    assert "学习率" in result.figures[0].svg["zh"] and "¤" not in result.figures[0].svg["zh"]


def test_svg_coordinates_are_rounded_and_text_is_not():
    svg = '<svg width="10.123456pt"><path d="M 1.23456 7.891011 L 2 3"/><text x="3.14159">lr=0.001</text></svg>'
    assert figures.round_coordinates(svg) == (
        '<svg width="10.12pt"><path d="M 1.23 7.89 L 2 3"/><text x="3.14">lr=0.001</text></svg>'
    )


@pytest.mark.parametrize(
    ("text", "needed"), [("epoch", True), ("$\\eta$ = 0.1", False), ("x", False), ("0.5", False), ("w = 1, b = 2", False)]
)
def test_which_figure_text_needs_a_translation(text, needed):
    assert figures.needs_translation(text) is needed


def test_the_pool_reproduces_a_plain_python_run(tmp_path):
    """Each example gets a fresh process: globals, random state, figures and cwd do not leak."""
    body = (
        "import os, random\nimport numpy as np\nimport mxnet as mx\nimport matplotlib.pyplot as plt\n"
        "print(len(plt.get_fignums()), os.getcwd() != '/', 'leak' in globals())\n"
        "np.random.seed(1); random.seed(1); mx.random.seed(1)\n"
        "print(np.random.rand(), random.random(), mx.nd.random.uniform(shape=(1,)).asscalar())\n"
        "leak = True; np.random.seed(99); mx.random.seed(99)\nplt.plot([1, 2])\nos.chdir('/')\n"
    )
    folder = tmp_path / "examples"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.py").write_text(body)
    results = run_examples([str(folder / "a.py"), str(folder / "b.py")], str(tmp_path), jobs=1, timeout=60,
                           output_limit=10**6, preload=HEAVY)
    alone = subprocess.run([sys.executable, str(folder / "b.py")], capture_output=True, text=True, cwd=tmp_path,
                           env={k: v for k, v in os.environ.items() if k != "DISPLAY"}, timeout=120)
    assert alone.returncode == 0, alone.stderr
    assert results["examples/a.py"].stdout == results["examples/b.py"].stdout == alone.stdout


def test_the_server_preloads_only_the_heavy_modules_the_examples_import():
    def preload(*sources):
        return preload_for(imported_packages(sources))

    assert preload("import numpy as np\nfrom mxnet import autograd", "from _glue import glue\n") == ["numpy", "mxnet"]
    # matplotlib.pyplot and sklearn.datasets whichever part of the package is imported
    assert preload("import matplotlib as mpl", "def f():\n    from sklearn.linear_model import Ridge") \
        == ["matplotlib.pyplot", "sklearn.datasets"]
    assert preload("print('hello')", "from . import x", "not python (") == []


def test_the_runner_as_a_fresh_interpreter_gives_the_same_figures(tmp_path):
    source = "import matplotlib.pyplot as plt\nplt.plot([0, 1, 4])\nplt.xlabel('$x$')\nprint('ok')\nplt.show()\n"
    pooled = run(tmp_path, source)
    fresh = subprocess.run(
        [sys.executable, "-m", "d2l_notes_build.runner", str(tmp_path / "examples" / "x.py"), str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    alone = json.loads(fresh.stdout)
    assert alone["stdout"] == pooled.stdout == "ok\n"
    assert alone["figures"][0]["svg"]["en"] == pooled.figures[0].svg["en"]


# -- cache ----------------------------------------------------------------------------------------


def test_the_cache_serves_intact_entries_and_drops_stale_ones(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "_helper.py").write_text("A = 1\n")
    cache = ExampleCache(tmp_path / "cache", tmp_path, salt="s")
    (tmp_path / "extra.yml").write_text("v1")
    result = run(tmp_path, "from _helper import A\nprint(A)\n")
    assert result.imported_project_files == ["examples/_helper.py"]
    cache.store(result, "digest", ["extra.yml"])
    assert cache.load("examples/x.py", "digest").stdout == "1\n"
    assert cache.load("examples/x.py", "other digest") is None
    assert ExampleCache(tmp_path / "cache", tmp_path, salt="t").load("examples/x.py", "digest") is None

    (tmp_path / "extra.yml").write_text("v2")  # a declared dependency changed
    assert cache.load("examples/x.py", "digest") is None
    (tmp_path / "extra.yml").write_text("v1")
    (tmp_path / "examples" / "_helper.py").write_text("A = 2\n")  # an imported helper changed
    assert cache.load("examples/x.py", "digest") is None
    (tmp_path / "examples" / "_helper.py").write_text("A = 1\n")
    entry = tmp_path / "cache" / "examples__x.py.json"
    entry.write_text(entry.read_text()[:-40])  # a partial write
    assert cache.load("examples/x.py", "digest") is None


def test_failures_are_never_cached(tmp_path):
    cache = ExampleCache(tmp_path / "cache", tmp_path)
    cache.store(run(tmp_path, "raise SystemExit(3)\n"), "digest")
    assert not (tmp_path / "cache").exists()


def test_eviction_removes_entries_of_deleted_examples_and_abandoned_temporary_files(tmp_path):
    cache = ExampleCache(tmp_path / "cache", tmp_path)
    cache.store(run(tmp_path, "print(1)\n"), "digest")
    abandoned = tmp_path / "cache" / "tmpabc.tmp"
    abandoned.write_text("half")
    fresh = tmp_path / "cache" / "tmpnew.tmp"  # another build may be writing it right now
    fresh.write_text("half")
    os.utime(abandoned, (time.time() - 7200, time.time() - 7200))
    assert cache.evict(["examples/x.py"]) == ["tmpabc.tmp"]
    assert cache.evict([]) == ["examples__x.py.json"]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["tmpnew.tmp"]


def test_what_serve_remembers_is_forgotten_once_no_build_uses_it():
    from d2l_notes_build.rebuild import Memo

    memo = Memo()
    memo["page a"], memo["page b"] = "a", "b"
    memo.new_generation()  # the next build uses page a only
    assert memo.get("page a") == "a"
    memo.new_generation()
    assert memo.get("page a") == "a" and memo.get("page b") is None
