"""Shared fixtures: the real site built once, copies of the small fixture site, a server, a browser.

Tests come in layers: the Markdown extensions against a bare Markdown() (test_extensions), the
runner, pool and cache called directly (test_runner), whole builds of the small fixture site in
tests/fixture where a test is about the engine, what bad input does to it or the PDF printer
(test_engine, test_faults, test_pdf), and the real site, built once per session, only where a test
is about the content (test_site, test_browser, test_accessibility, test_search, test_publishing).

`make test` runs them on three pytest-xdist workers. The real site and the fixture site's example
cache are built once, side by side, before the workers start, and the workers share them. A class,
or a module of SHARED_MODULES, builds something once for its tests: one worker runs it. Every other
test goes to whichever worker is free, so the run does not end on one worker finishing a long module.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from d2l_notes_build.languages import Languages, question_sections
from d2l_notes_build.pdf import CHROMIUM, CHROMIUM_ARGS
from d2l_notes_build.pdf import serve as serve_directory

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixture"
IN_CI = os.environ.get("CI", "").lower() == "true"


LANGUAGES = Languages.of_file(ROOT / "mkdocs.yml")
# Every question on the site, "q1", "q2", ..., from the default language's pages.
QUESTIONS = sorted(
    {anchor for page in (ROOT / "docs").rglob("*.md") for anchor in question_sections(page.read_text("utf-8"))},
    key=lambda anchor: int(anchor[1:]),
)


def url_path(page: str, language: str) -> str:
    """The site path of docs/<page>.md in ``language`` ("" for the default language's home)."""
    stem = "" if page == "index" else page + "/"
    return ("" if language == LANGUAGES.default else f"{language}/") + stem


# Modules whose tests share what a module-scoped fixture builds (a browser tab with the search
# index loaded, the PDFs, the offline edition, the pool's preloaded server).
SHARED_MODULES = {"test_search.py", "test_pdf.py", "test_publishing.py", "test_runner.py"}


def worker_scope(nodeid: str) -> str:
    """What one worker runs together with this test: its shared module, its class, or itself."""
    path, _, name = nodeid.partition("::")
    if Path(path).name in SHARED_MODULES:
        return path
    return nodeid.rsplit("::", 1)[0] if "::" in name else nodeid


@pytest.hookimpl(optionalhook=True)  # pytest -p no:xdist has no such hook
def pytest_xdist_make_scheduler(config, log):
    """xdist's loadscope with `worker_scope` as the scope. (xdist's `loadgroup` marks would say the
    same, but pytest 9.2 silently drops them: pytest-dev/pytest-xdist issue 1386.)"""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_scope(nodeid)

    return Scheduling(config, log)


def _xdist_controller(config) -> bool:
    return config.pluginmanager.hasplugin("xdist") and config.getoption("numprocesses", None) not in (None, 0) \
        and not hasattr(config, "workerinput")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """Under xdist, build what every worker shares before the workers start (xdist starts them
    in its own, later pytest_sessionstart); they find it through the environment."""
    if not _xdist_controller(session.config):
        return
    shared = Path(tempfile.mkdtemp(prefix="d2l-notes-tests-"))
    session.config.add_cleanup(lambda: shutil.rmtree(shared, ignore_errors=True))
    with concurrent.futures.ThreadPoolExecutor() as pool:  # each build leaves a core idle part of the time
        # A site given from outside (D2L_TEST_SITE=path, e.g. an older commit's build) is tested as it is.
        site = None if "D2L_TEST_SITE" in os.environ else pool.submit(_build_site, shared / "site")
        fixture = pool.submit(_warm_fixture, shared / "fixture")
        if site is not None:
            os.environ["D2L_TEST_SITE"] = str(site.result())
        os.environ["D2L_TEST_FIXTURE_CACHE"] = str(fixture.result())


def _build_site(out: Path) -> Path:
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


def _fixture_copy(project: Path) -> Path:
    """The fixture site at ``project``, with the project's own glue helper."""
    shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns("__pycache__", ".cache", "site"))
    shutil.copy(ROOT / "examples" / "_glue.py", project / "examples")
    return project


def _warm_fixture(folder: Path) -> Path:
    project = _fixture_copy(folder / "project")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / ".cache"


def mkdocs_build(project: Path, site: Path, env: dict | None = None):
    """Run `mkdocs build --strict` on ``project`` into ``site``; return the finished process."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )


def start_serve(project: Path, port: int, log: Path, env: dict | None = None) -> subprocess.Popen:
    """`python -m d2l_notes_build.serve` (what `make serve` runs) in ``project``, its output in
    ``log``; stop it with SIGINT, as Ctrl-C. A shell without job control starts its background jobs
    with SIGINT ignored, and Python keeps it ignored: the server gets it back, or it could not be
    stopped when the tests or the bench run as such a job."""
    with open(log, "w") as stream:
        return subprocess.Popen(
            [sys.executable, "-m", "d2l_notes_build.serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})),
            stdout=stream, stderr=subprocess.STDOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )


# Helpers for the tests that build copies of the fixture site (test_engine, test_faults).


def page(site: Path, language: str = "zh", name: str = "notes/page") -> str:
    prefix = "" if language == "zh" else "en/"
    return (site / prefix / name / "index.html").read_text(encoding="utf-8")


def ran(result) -> list[str]:
    return re.findall(r"running (\w+)\.py", result.stderr)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def failed_build_with(project: Path, tmp_path: Path, note: str, text: str) -> tuple[int, str]:
    """Add ``text`` as a paragraph of its own to docs/notes/``note``, build, and return the line
    it landed on and the failed build's stderr."""
    path = project / "docs" / "notes" / note
    line = path.read_text().count("\n") + 2
    append(path, f"\n{text}\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    return line, result.stderr


def add_example(project: Path, name: str, body: str, captions: str = "") -> None:
    (project / "examples" / f"{name}.py").write_text(body, encoding="utf-8")
    for suffix in (".md", ".en.md"):
        append(project / "docs" / "notes" / f"page{suffix}", f"\n!example {name}{captions}\n")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session with the project's own example cache."""
    if "D2L_TEST_SITE" in os.environ:
        return Path(os.environ["D2L_TEST_SITE"])
    return _build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def fixture_cache(tmp_path_factory) -> Path:
    """The fixture site's example cache, warmed by one build, for the copies below."""
    if "D2L_TEST_FIXTURE_CACHE" in os.environ:
        return Path(os.environ["D2L_TEST_FIXTURE_CACHE"])
    return _warm_fixture(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def fixture_site(fixture_cache) -> Path:
    """The fixture site as the build that warmed its cache left it (read it, do not change it)."""
    return fixture_cache.parent / "site"


@pytest.fixture
def project(tmp_path, fixture_cache) -> Path:
    """A throw-away copy of the fixture site (two pages, three examples) with a warm cache."""
    copy = _fixture_copy(tmp_path / "project")
    shutil.copytree(fixture_cache, copy / ".cache")
    return copy


@pytest.fixture(scope="session")
def serve():
    """serve(directory) -> base URL of a local HTTP server for that directory, for the session."""
    with contextlib.ExitStack() as servers:
        yield lambda directory: servers.enter_context(serve_directory(directory))


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; a missing browser fails in CI."""
    message = (
        f"{CHROMIUM} not found: install it with `apt-get install chromium` "
        "(Playwright's own browser download is not used)"
    )
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser):
    """A page that records every request and console error."""
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("response", lambda r: r.status >= 400 and page.errors.append(f"{r.status} {r.url}"))
    yield page
    context.close()
