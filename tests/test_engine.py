"""Whole builds of the small fixture site (tests/fixture): what the engine does, from a plain build
to the cache and `mkdocs serve`. What bad input does to a build is test_faults.py.

Each test builds a throw-away copy with a warm example cache, so a build takes a few seconds and
its cost does not grow with the real site's content.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

from conftest import add_example, append, mkdocs_build, page, ran, start_serve
from d2l_notes_build.serve import RAM_DISK, temporary_folder


def test_the_fixture_site_builds_with_everything_in_place(project, tmp_path):
    kept = list((project / ".cache" / "downloads").glob("examples-*.zip"))
    made = [p.stat().st_mtime_ns for p in kept]
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "examples: all 2 unchanged, none run" in result.stderr
    # The warming build left the examples' zip (and so their notebooks), served again as it was.
    assert len(kept) == 1 and [p.stat().st_mtime_ns for p in kept] == made
    assert (tmp_path / "site" / "downloads" / "d2l-notes-examples.zip").read_bytes() == kept[0].read_bytes()
    # The warming build left Material's templates compiled for this one (Jinja's bytecode cache).
    assert len(list((project / ".cache" / "templates").glob("*.cache"))) > 10
    # Its examples used the build's own matplotlib folder, not the user's (a font list is made there).
    assert list((project / ".cache" / "matplotlib").glob("fontlist-*.json"))
    site = tmp_path / "site"
    zh, en = page(site, "zh"), page(site, "en")
    assert '<html lang="zh"' in zh and '<html lang="en"' in en
    for html, language in ((zh, "zh"), (en, "en")):
        assert html.count('class="d2l-example"') == 2
        assert f'src="../../{"../" if language == "en" else ""}examples/plot-1.{language}.svg"' in html
        assert '<span class="d2l-glue">42</span>' in html
    assert "1 个 doctest 通过" in zh and "1 doctest passed" in en
    assert "时间" in (site / "examples" / "plot-1.zh.svg").read_text()
    assert ">time<" in (site / "examples" / "plot-1.en.svg").read_text()
    assert (site / "examples" / "hello.py").read_text() == (project / "examples" / "hello.py").read_text()
    # A downloaded example needs the helpers it imports: they are served and linked.
    assert (site / "examples" / "_helper.py").read_text() == (project / "examples" / "_helper.py").read_text()
    assert 'href="../../examples/_helper.py">_helper.py</a>' in zh
    assert '"cells"' in (site / "examples" / "hello.ipynb").read_text()
    assert 'href="https://zh-v1.d2l.ai/chapter_prerequisite/autograd.html">2.3 节 自动求梯度</a>' in zh
    # The glossary term links to its entry; MkDocs validated the anchor.
    assert 'href="../../glossary/#gradient"' in zh
    # The language switch is relative on every page, the home pages included.
    for home, twin in ((site / "index.html", "en/"), (site / "en" / "index.html", "../")):
        assert re.search(rf'<a href="{re.escape(twin)}" hreflang="\w+" class="md-select__link">', home.read_text())
    assert '<a href="../../en/notes/page/" hreflang="en" class="md-select__link">' in zh


def test_every_script_file_is_deferred_and_no_alternate_link_is_left(project, tmp_path):
    # A script file at the end of <body> ran inside the parsing task and forced the layout of the
    # whole page into that one long task (see src/d2l_notes_build/theme/main.html).
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    for html_file in (tmp_path / "site").rglob("index.html"):
        html = html_file.read_text()
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        assert tags and all(re.search(r"\s(defer|async)[\s>]", tag) for tag in tags), tags
        assert 'rel="alternate"' not in html


def test_the_404_page_speaks_every_language_with_absolute_links(project, tmp_path):
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    html = (tmp_path / "site" / "404.html").read_text()
    assert '<html lang="zh"' in html and "页面不存在" in html and "Page not found" in html
    assert 'href="/notes/"' in html and 'href="/notes/en/"' in html
    assert not (tmp_path / "site" / "en" / "404.html").exists()


def test_cache_hits_misses_helpers_translations_and_eviction(project, tmp_path):
    assert ran(mkdocs_build(project, tmp_path / "a")) == []
    append(project / "examples" / "_helper.py", "# edited\n")
    helper_edit = mkdocs_build(project, tmp_path / "b")
    assert ran(helper_edit) == ["hello"], helper_edit.stderr
    append(project / "docs" / "figure-text.yml", '"unused": "未用"\n')
    translation_edit = mkdocs_build(project, tmp_path / "c")
    assert ran(translation_edit) == ["plot"], translation_edit.stderr  # only examples that draw
    cache = project / ".cache" / "examples"
    (project / "examples" / "hello.py").rename(project / "examples" / "renamed.py")
    for suffix in (".md", ".en.md"):
        path = project / "docs" / "notes" / f"page{suffix}"
        path.write_text(path.read_text().replace("hello", "renamed"))
    renamed = mkdocs_build(project, tmp_path / "d")
    assert renamed.returncode == 0, renamed.stderr
    assert "removed 1 stale cache entries" in renamed.stderr
    assert sorted(p.name for p in cache.iterdir()) == ["examples__plot.py.json", "examples__renamed.py.json"]
    [zipped] = (project / ".cache" / "downloads").iterdir()  # made again, the old one removed
    assert "d2l-notes-examples/renamed.ipynb" in zipfile.ZipFile(zipped).namelist()
    assert (tmp_path / "d" / "examples" / "renamed.ipynb").read_text() == zipfile.ZipFile(zipped).read(
        "d2l-notes-examples/renamed.ipynb").decode()


def test_a_corrupt_cache_entry_runs_the_example_again(project, tmp_path):
    entry = project / ".cache" / "examples" / "examples__hello.py.json"
    entry.write_text(entry.read_text()[:-40])
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0 and ran(result) == ["hello"], result.stderr


def test_a_page_over_its_budget_fails_strict_saying_which_and_by_how_much(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - d2l-notes:\n", "  - d2l-notes:\n      page_elements: 100\n      page_kb: 10\n"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    for path in ("notes/page/index.html", "en/notes/page/index.html"):
        assert re.search(rf"-  {re.escape(path)}: [\d,]+ elements, [\d,]+ \(\d+%\) over the budget of 100 ", result.stderr)
        assert re.search(rf"-  {re.escape(path)}: \d+ KB transferred, \d+ KB \(\d+%\) over the budget of 10 KB", result.stderr)


def test_an_interrupted_build_leaves_nothing_stale(project, tmp_path):
    """Kill a build while an example runs; the next build recomputes it and serves the new output."""
    add_example(project, "slow", "import time\ntime.sleep(30)\nprint('first version')\n")
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "a")],
        cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    for line in build.stderr:
        if "running slow.py" in line:
            break
    else:
        raise AssertionError(f"the build ended before running slow.py (exit {build.wait()})")
    time.sleep(1)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert not (project / ".cache" / "examples" / "examples__slow.py.json").exists()
    (project / "examples" / "slow.py").write_text("print('second version')\n")
    result = mkdocs_build(project, tmp_path / "b")
    assert result.returncode == 0, result.stderr
    assert "slow" in ran(result)
    html = page(tmp_path / "b")
    assert "second version" in html and "first version" not in html


def test_serve_rebuilds_after_an_edit_running_only_an_edited_example(project, tmp_path):
    """`mkdocs serve` (what `make serve` runs): editing a page re-renders it and runs no example;
    editing an example runs that one again."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    server = start_serve(project, port, log)
    try:
        def wait_for(text: str, after: int = 0) -> str:
            for _ in range(240):
                content = log.read_text()
                if text in content[after:]:
                    return content
                assert server.poll() is None, content
                time.sleep(0.25)
            raise AssertionError(f"no {text!r} in:\n{log.read_text()}")

        first = wait_for("Serving on")
        append(project / "docs" / "notes" / "page.en.md", "\nA sentence added while serving.\n")
        rebuilt = wait_for("Reloading browsers", after=len(first))
        after_edit = rebuilt[len(first):]
        assert "running" not in after_edit and "none run" in after_edit, after_edit
        html = urllib.request.urlopen(f"http://127.0.0.1:{port}/notes/en/notes/page/").read().decode()
        assert "A sentence added while serving." in html
        # An edited example runs again and its page shows the new output.
        hello = project / "examples" / "hello.py"
        hello.write_text(hello.read_text().replace("print(GREETING, double(21))", 'print("Edited while serving.")'))
        rerun = wait_for("Reloading browsers", after=len(rebuilt))[len(rebuilt):]
        assert "running hello.py" in rerun and "running plot.py" not in rerun, rerun
        html = urllib.request.urlopen(f"http://127.0.0.1:{port}/notes/en/notes/page/").read().decode()
        assert "Edited while serving." in html
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve deletes its site folder
        server.wait(timeout=30)
    # The site lived in the RAM disk where there is one (d2l_notes_build/serve.py), and is gone.
    folder = Path(re.search(r"Building 'zh' documentation to directory: (\S+)", log.read_text())[1])
    ram_disk = temporary_folder()
    assert folder.parent == Path(ram_disk) if ram_disk else folder.parent != Path(RAM_DISK)
    assert not folder.exists()


REBUILDS = '''
import logging
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

def edit(path, old, new):
    text = Path(path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")

logging.basicConfig(format="%(levelname)s %(message)s")  # as the mkdocs command prints them
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
build(config)
# A sentence, a title that every page's navigation shows, a dead link, a glossary definition.
edit("docs/notes/page.en.md", "# Notes", "# Notes\\n\\nA sentence added while serving.")
edit("docs/notes/page.md", "# 笔记", "# 新的笔记")
edit("docs/index.md", "# 首页", "# 首页\\n\\n见[不存在的页](missing.md)。")
edit("docs/glossary.yml", "The vector of partial derivatives.", "The vector of all partial derivatives.")
for rebuild in (1, 2):  # the second one changes nothing: every page comes back remembered
    config = load_config("mkdocs.yml", site_dir=sys.argv[1])
    print(f"rebuild {rebuild}", file=sys.stderr, flush=True)
    build(config)
    plugin = config.plugins["d2l-notes"]
    print(f"remembered {len(plugin.rebuilds.outputs.outputs)}", file=sys.stderr, flush=True)
'''


def test_serve_rebuilds_come_out_as_a_fresh_build_of_the_same_sources(project, tmp_path):
    """Under `mkdocs serve` a rebuild takes each unchanged page's render, search entries and HTML
    from the build before (rebuild.py). After editing a page's text, a title that every page's
    navigation shows, a glossary definition and adding a dead link, the served site is byte for
    byte what a fresh `mkdocs build` of the edited sources makes, and the dead link is still
    reported by a rebuild that renders nothing again."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n", 1)
    config.write_text(text.replace("  - index.md\n", "  - 首页: index.md\n", 1), encoding="utf-8")
    assert "# Notes" in (project / "docs" / "notes" / "page.en.md").read_text(encoding="utf-8")
    script = tmp_path / "rebuilds.py"
    script.write_text(REBUILDS, encoding="utf-8")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    served = subprocess.run([sys.executable, str(script), str(tmp_path / "served")], cwd=project, env=environment,
                            capture_output=True, text=True, timeout=600)
    assert served.returncode == 0, served.stderr
    first, last = served.stderr.split("rebuild 2")
    assert "remembered 3" in last, served.stderr  # the English build's three pages, none rendered again
    assert "WARNING Doc file 'index.md' contains a link 'missing.md'" in first.split("rebuild 1")[1], first
    assert "WARNING Doc file 'index.md' contains a link 'missing.md'" in last, last
    fresh = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "fresh")], cwd=project,
                           env=environment, capture_output=True, text=True, timeout=600)
    assert fresh.returncode == 0, fresh.stderr
    served_files = sorted(p.relative_to(tmp_path / "served") for p in (tmp_path / "served").rglob("*") if p.is_file())
    fresh_files = sorted(p.relative_to(tmp_path / "fresh") for p in (tmp_path / "fresh").rglob("*") if p.is_file())
    assert served_files == fresh_files
    different = [str(p) for p in served_files
                 if (tmp_path / "served" / p).read_bytes() != (tmp_path / "fresh" / p).read_bytes()]
    assert different == []
    assert "新的笔记" in page(tmp_path / "served", name="")  # the home page's navigation
    assert "A sentence added while serving." in page(tmp_path / "served", "en")
    assert "all partial derivatives" in page(tmp_path / "served", "en", "glossary")
