"""The strict build, twin parity, embedding, escaping, failures and the example cache."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.py") if not p.name.startswith("_"))
PAGES = sorted(
    p.relative_to(ROOT / "docs").as_posix()
    for p in (ROOT / "docs").rglob("*.md")
    if not p.name.endswith(".en.md")
)


def html_of(site: Path, page: str, language: str) -> str:
    """The built HTML of docs/<page> (a default-language .md path) in ``language``."""
    stem = page[: -len(".md")]
    stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
    prefix = "" if language == "zh" else "en/"
    return (site / prefix / stem / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_its_twin_with_the_right_lang(site, page):
    assert (ROOT / "docs" / page.replace(".md", ".en.md")).exists()
    assert '<html lang="zh"' in html_of(site, page, "zh")
    assert '<html lang="en"' in html_of(site, page, "en")


@pytest.mark.parametrize("page", PAGES)
def test_no_script_file_blocks_the_parser(site, page):
    # A script file at the end of <body> ran inside the parsing task and forced the layout of the
    # whole page into that one long task (see src/d2l_notes_build/theme/main.html).
    for language in ("zh", "en"):
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html_of(site, page, language))
        assert tags, f"{page} ({language}) loads no script file"
        assert all(re.search(r"\s(defer|async)[\s>]", tag) for tag in tags), tags


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_is_embedded_with_output_in_both_languages(site, name):
    for language in ("zh", "en"):
        pages = [html_of(site, page, language) for page in PAGES]
        embedded = [h for h in pages if f'id="example-{name}"' in h]
        assert embedded, f"examples/{name}.py is embedded in no {language} page"
        block = embedded[0].split(f'id="example-{name}"', 1)[1]
        assert f"{name}.py" in block and "d2l-example__facts" in block
    assert (site / "examples" / f"{name}.py").read_text() == (ROOT / "examples" / f"{name}.py").read_text()
    notebook = json.loads((site / "examples" / f"{name}.ipynb").read_text())
    assert notebook["cells"], f"{name}.ipynb has no cells"


def test_figures_are_svg_without_embedded_fonts(site):
    figures = sorted((site / "examples").glob("*.svg"))
    assert figures, "no example produced a figure"
    for figure in figures:
        svg = figure.read_text()
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert "@font-face" not in svg and "<image" not in svg
        assert not re.search(r"\d+\.\d{3,}", svg), f"{figure.name} keeps needless decimals"


def test_math_is_mathml_and_no_raw_tex_is_left(site):
    page = html_of(site, "notes/softmax.md", "en")
    assert page.count("<math") >= 3
    text = re.sub(r"<(pre|code|script)\b.*?</\1>", "", page, flags=re.S)
    assert "$$" not in text and "\\frac" not in text and 'class="arithmatex"' not in text


def _add_example(project: Path, name: str, body: str, page: str = "notes/autograd") -> None:
    (project / "examples" / f"{name}.py").write_text(body, encoding="utf-8")
    for suffix in (".md", ".en.md"):
        path = project / "docs" / f"{page}{suffix}"
        path.write_text(path.read_text(encoding="utf-8") + f"\n!example {name}\n", encoding="utf-8")


def test_printed_markup_is_escaped(project, tmp_path):
    _add_example(project, "prints_markup", 'print("<script>alert(1)</script> & <b>bold</b>")\n')
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "notes" / "autograd" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page and "<b>bold</b>" not in page


def test_a_failing_example_fails_the_build_with_path_and_traceback(project, tmp_path):
    _add_example(project, "broken", "def inner():\n    raise ValueError('deliberately broken')\n\ninner()\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "examples/broken.py raised ValueError" in result.stderr
    assert "deliberately broken" in result.stderr and "in inner" in result.stderr


def test_a_reference_to_a_missing_example_names_page_and_line(project, tmp_path):
    page = project / "docs" / "notes" / "autograd.en.md"
    lines = page.read_text().count("\n")
    page.write_text(page.read_text() + "!example no_such_example\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/notes/autograd.en.md:{lines + 1}: no example named 'no_such_example'" in result.stderr


def test_a_page_without_its_translation_fails_naming_it(project, tmp_path):
    (project / "docs" / "notes" / "softmax.en.md").unlink()
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/notes/softmax.md: its translation docs/notes/softmax.en.md does not exist" in result.stderr


def _ran(result) -> list[str]:
    return re.findall(r"running (\w+)\.py", result.stderr)


def test_cache_hits_misses_and_corruption(project, tmp_path):
    (project / "examples" / "_helper.py").write_text("GREETING = 'hello'\n")
    _add_example(project, "uses_helper", "from _helper import GREETING\nprint(GREETING)\n")
    first = mkdocs_build(project, tmp_path / "a")
    assert first.returncode == 0, first.stderr
    assert "uses_helper" in _ran(first)

    again = mkdocs_build(project, tmp_path / "b")
    assert again.returncode == 0 and _ran(again) == [], again.stderr
    assert "none run" in again.stderr

    (project / "examples" / "_helper.py").write_text("GREETING = 'bonjour'\n")
    helper_edit = mkdocs_build(project, tmp_path / "c")
    assert _ran(helper_edit) == ["uses_helper"], helper_edit.stderr
    assert "bonjour" in (tmp_path / "c" / "notes" / "autograd" / "index.html").read_text()

    example = project / "examples" / "softmax_stable.py"
    example.write_text(example.read_text() + "\n# an edit\n")
    entry = project / ".cache" / "examples" / "examples__autograd_gradient.py.json"
    entry.write_text(entry.read_text()[:-40])  # a partial write
    edited = mkdocs_build(project, tmp_path / "d")
    assert edited.returncode == 0, edited.stderr
    assert sorted(_ran(edited)) == ["autograd_gradient", "softmax_stable"]


def test_serve_rebuilds_a_markdown_edit_without_running_examples(project, tmp_path):
    """`mkdocs serve` (what `make serve` runs): editing a page re-renders it, executes nothing."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    with open(log, "w") as stream:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=environment, stdout=stream, stderr=subprocess.STDOUT,
        )
    try:
        def wait_for(text: str, after: int = 0) -> str:
            for _ in range(240):
                content = log.read_text()
                if text in content[after:]:
                    return content
                assert server.poll() is None, content
                time.sleep(0.5)
            raise AssertionError(f"no {text!r} in:\n{log.read_text()}")

        first = wait_for("Serving on")
        page = project / "docs" / "notes" / "autograd.en.md"
        page.write_text(page.read_text() + "\nA sentence added while serving.\n")
        rebuilt = wait_for("Reloading browsers", after=len(first))
        after_edit = rebuilt[len(first):]
        assert "running" not in after_edit and "none run" in after_edit, after_edit
        html = urllib.request.urlopen(f"http://127.0.0.1:{port}/en/notes/autograd/").read().decode()
        assert "A sentence added while serving." in html
    finally:
        server.terminate()
        server.wait(timeout=30)
