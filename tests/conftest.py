"""Shared fixtures: builds of the real site and of temporary copies, a local server, a browser."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from d2l_notes_build.pdf import CHROMIUM, CHROMIUM_ARGS
from d2l_notes_build.pdf import serve as serve_directory

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


def mkdocs_build(project: Path, site: Path, env: dict | None = None):
    """Run `mkdocs build --strict` on ``project`` into ``site``; return the finished process."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session with the project's own example cache."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def project(tmp_path) -> Path:
    """A throw-away copy of the project (pages, examples, config, warm example cache)."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("docs", "examples"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "requirements.lock"):  # the lock is part of the cache key
        shutil.copy(ROOT / name, copy)
    # The example cache only: .cache also holds `make bench`'s Lighthouse (over 100 MB).
    if (ROOT / ".cache" / "examples").exists():
        shutil.copytree(ROOT / ".cache" / "examples", copy / ".cache" / "examples")
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
