"""The test harness itself: how `make test` shares the tests out among its workers."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SHARED_MODULES, worker_scope


def test_classes_and_shared_modules_stay_on_one_worker_and_other_tests_go_anywhere():
    audit = "tests/test_accessibility.py::TestEveryPageIn_zh::test_every_page_reads_well[notes/softmax]"
    assert worker_scope(audit) == worker_scope(audit.replace("softmax", "gluon")) \
        == "tests/test_accessibility.py::TestEveryPageIn_zh"
    assert worker_scope("tests/test_search.py::test_readers_questions_find_their_answer[zh]") == "tests/test_search.py"
    alone = "tests/test_engine.py::test_a_corrupt_cache_entry_runs_the_example_again"
    assert worker_scope(alone) == alone
    assert SHARED_MODULES <= {path.name for path in (ROOT / "tests").glob("test_*.py")}


def test_the_tests_also_run_without_xdist():
    """`pytest -p no:xdist` (one process, e.g. under a debugger) loads conftest.py's xdist hook."""
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:xdist", "-q", "tests/test_harness.py",
                             "-k", "classes_and_shared"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "1 passed" in result.stdout, result.stdout + result.stderr
