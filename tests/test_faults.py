"""The fault matrix, on whole builds of the small fixture site (tests/fixture): each kind of bad
input (a failing example, a dead reference, a missing translation, undecodable files...) fails
the strict build with a message that names the file and, where there is one, the line.
"""

from __future__ import annotations

import time

from conftest import mkdocs_build, page, append, failed_build_with, add_example


def test_every_failing_example_is_reported_at_once_each_named(project, tmp_path):
    """One build with every way an example can fail; all are reported, and no site is written:
    an example that raises, a doctest that fails, a doctest that needs what only the __main__
    block defines, an example that hangs past the timeout."""
    add_example(project, "broken", "def inner():\n    raise ValueError('deliberately broken')\n\ninner()\n")
    add_example(project, "wrong", '"""Wrong\n=====\n\n>>> 2 + 2\n5\n"""\nprint(1)\n')
    add_example(project, "main_only", '""">>> value + 1\n2\n"""\nif __name__ == "__main__":\n    value = 1\n')
    add_example(project, "hangs", "import time\ntime.sleep(600)\n")
    started = time.perf_counter()
    result = mkdocs_build(project, tmp_path / "site", env={"D2L_EXAMPLE_TIMEOUT": "3"})
    assert result.returncode != 0
    assert "examples/broken.py raised ValueError" in result.stderr
    assert "deliberately broken" in result.stderr and "in inner" in result.stderr
    assert "runner.py" not in result.stderr
    assert "examples/wrong.py: 1 of 1 doctests failed" in result.stderr
    assert 'File "examples/wrong.py", line 4' in result.stderr
    assert "examples/main_only.py: the doctests of main_only use value, which only the __main__ block defines" in result.stderr
    assert "examples/hangs.py timed out after 3 s" in result.stderr
    assert time.perf_counter() - started < 60
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_example_that_leaves_files_fails_strict_and_litters_nothing(project, tmp_path):
    add_example(project, "litters", "open('junk.txt', 'w').write('x')\nprint('done')\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "examples/litters.py left files in its working directory" in result.stderr
    assert "junk.txt" in result.stderr and not list(project.rglob("junk.txt"))


def test_long_output_is_capped_and_stderr_shown_under_the_output(project, tmp_path):
    add_example(project, "chatty", "for i in range(200_000):\n    print('line', i)\n")
    add_example(project, "warns", "import warnings\nprint('result')\nwarnings.warn('mind the gap')\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "site", "en")
    assert "output too long:" in html and "more characters left out" in html
    assert "line 199999" not in html and len(html) < 300_000
    assert "Standard error (warnings)" in html and "UserWarning: mind the gap" in html


def test_a_reference_to_a_missing_example_names_page_and_line(project, tmp_path):
    line, stderr = failed_build_with(project, tmp_path, "page.en.md", "!example no_such_example")
    assert f"docs/notes/page.en.md:{line}: no example named 'no_such_example'" in stderr


def test_a_reference_to_a_value_not_glued_names_page_and_line(project, tmp_path):
    line, stderr = failed_build_with(project, tmp_path, "page.md", "又一个值 {{ hello.missing }}。")
    assert f"docs/notes/page.md:{line}: {{{{ hello.missing }}}}: examples/hello.py glues no value 'missing'" in stderr


def test_twins_that_embed_or_glue_differently_fail_strict(project, tmp_path):
    english = project / "docs" / "notes" / "page.en.md"
    english.write_text(english.read_text().replace("$g = {{ hello.small:.1e }}$", "$g$"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "q1 glues different values: hello.small" in result.stderr


def test_a_question_without_an_example_or_book_section_fails_strict(project, tmp_path):
    for suffix in (".md", ".en.md"):
        append(project / "docs" / "notes" / f"page{suffix}", "\n## Q2 · Bare {#q2}\n\nText.\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "q2 embeds no example" in result.stderr and "q2 has no '!book SECTION' line" in result.stderr


def test_figure_text_without_a_translation_fails_naming_it(project, tmp_path):
    captions = "\n    caption: c\n    alt: a"
    add_example(project, "untranslated", "import matplotlib.pyplot as plt\nplt.plot([1])\nplt.title('accuracy')\n", captions)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "examples/untranslated.py: figure text without a usable translation in docs/figure-text.yml: 'accuracy'" in result.stderr


def test_a_page_without_its_translation_fails_naming_it(project, tmp_path):
    (project / "docs" / "notes" / "page.en.md").unlink()
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/notes/page.md: its translation docs/notes/page.en.md does not exist" in result.stderr


def test_a_dead_link_or_anchor_fails_naming_the_page(project, tmp_path):
    append(project / "docs" / "notes" / "page.en.md", "\nSee [nowhere](no-such-page.md) and [Q99](page.md#q99).\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "notes/page.en.md" in result.stderr and "no-such-page.md" in result.stderr and "#q99" in result.stderr


def test_malformed_latex_fails_naming_page_line_and_formula(project, tmp_path):
    line, stderr = failed_build_with(project, tmp_path, "page.en.md", "Broken: $\\frac{a}{$ here.")
    assert f"docs/notes/page.en.md:{line}: cannot typeset $\\frac{{a}}{{$" in stderr


def test_files_that_are_not_utf8_fail_naming_the_file(project, tmp_path):
    (project / "examples" / "latin1.py").write_bytes("print('d\xe9j\xe0 vu')\n".encode("latin-1"))
    result = mkdocs_build(project, tmp_path / "a")
    assert result.returncode != 0 and "examples/latin1.py is not UTF-8" in result.stderr
    (project / "examples" / "latin1.py").unlink()
    page_file = project / "docs" / "notes" / "page.md"
    page_file.write_bytes(page_file.read_bytes() + "\ncaf\xe9\n".encode("latin-1"))
    result = mkdocs_build(project, tmp_path / "b")
    assert result.returncode != 0 and "notes/page.md" in result.stderr
