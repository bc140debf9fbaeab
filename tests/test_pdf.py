"""The PDF edition: both PDFs hold every question, and the Chinese one real Chinese text.

Printed from the small fixture site (tests/fixture): what is tested is how pdf.py assembles and
prints a site's pages, which does not depend on how many there are (printing the real notes takes
a minute and a half; `make pdf` does that)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import CHROMIUM, FIXTURE, IN_CI, ROOT

from d2l_notes_build.languages import Languages, question_sections
from d2l_notes_build.pdf import page_paths, prefixes

LANGUAGES = Languages.of_file(FIXTURE / "mkdocs.yml")
# The fixture's questions, from its default language's pages.
QUESTIONS = sorted({q for page in (FIXTURE / "docs").rglob("*.md") for q in question_sections(page.read_text("utf-8"))})
QUESTION = re.compile(r'<h2 id="q(\d+)">(.*?)</h2>', re.DOTALL)


def squeeze(text: str) -> str:
    """No whitespace at all: pdftotext breaks lines and spaces out mixed CJK and Latin runs."""
    return re.sub(r"\s+", "", text)


def questions(site: Path, language: str) -> dict[int, str]:
    """Question number -> its heading's text (from "Q<n> ·" on) in the built HTML of ``language``."""
    found = {}
    for page in sorted((site / prefixes(LANGUAGES)[language] / "notes").glob("*/index.html")):
        for number, inner in QUESTION.findall(page.read_text(encoding="utf-8")):
            inner = re.sub(r'<a class="headerlink".*?</a>', "", inner)
            # A formula prints as mathematical italic letters, so compare only the text before it.
            inner = inner.split("<math", 1)[0]
            found[int(number)] = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
    return found


class Edition(NamedTuple):
    site: Path
    text: dict[str, str]  # language -> the text of its PDF


def unavailable(message: str) -> None:
    """A missing tool fails the test in CI and skips it elsewhere."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_tools() -> None:
    missing = [tool for tool in (CHROMIUM, "pdftotext") if not shutil.which(tool)]
    if missing:
        unavailable(
            f"{', '.join(missing)} not found: install with "
            "`apt-get install chromium fonts-noto-cjk poppler-utils`"
        )


def make_pdfs(site: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "d2l_notes_build.pdf", str(site), str(out), str(FIXTURE / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


@pytest.fixture(scope="module")
def edition(request, tmp_path_factory) -> Edition:
    """Both PDFs, built once from the fixture site, as text."""
    require_tools()
    # Asked for only now, so a skipped module does not build the site.
    site = request.getfixturevalue("fixture_site")
    out = tmp_path_factory.mktemp("pdf")
    result = make_pdfs(site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    texts = {}
    for language in LANGUAGES.all:
        pdf = out / f"d2l-notes-{language}.pdf"
        assert f"wrote {pdf}" in result.stdout
        # -raw keeps the order Chromium drew the text in, the document's order; the default and
        # -layout modes regroup by position and can move "Q4 ·" off the Chinese line it starts.
        texts[language] = subprocess.run(
            ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    return Edition(site, texts)


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_every_question_is_in_the_pdf_twice_in_the_contents_and_on_its_page(edition, language):
    headings = questions(edition.site, language)
    assert {int(q[1:]) for q in QUESTIONS} == set(headings), f"questions missing from the HTML: {sorted(headings)}"
    text = squeeze(edition.text[language])
    for number, heading in sorted(headings.items()):
        assert heading.startswith(f"Q{number} ·"), heading
        expected = squeeze(heading)[:24]
        assert text.count(expected) >= 2, f"{language} PDF: {heading!r} not in contents and page"


def test_the_chinese_pdf_has_chinese_text(edition):
    text = edition.text["zh"]
    for words in ("目录", "术语表", "梯度是什么"):
        assert words in text
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 50


def test_without_a_cjk_font_no_pdf_of_boxes_is_written(request, tmp_path):
    """pdftotext reads Chinese even where Chromium drew empty boxes, so the text above cannot show
    the glyphs are real; the PDF build checks every character has one. Here it must refuse."""
    require_tools()
    latin = Path("/usr/share/fonts/truetype/liberation")  # installed with Debian's chromium
    if not latin.is_dir():
        unavailable(f"{latin} not found: install with `apt-get install fonts-liberation`")
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{latin}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    site = request.getfixturevalue("fixture_site")
    result = make_pdfs(site, tmp_path / "out", env=dict(os.environ, FONTCONFIG_FILE=str(config)))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "zh: no font has" in result.stderr and "fonts-noto-cjk" in result.stderr
    assert not (tmp_path / "out" / "d2l-notes-zh.pdf").exists()


def test_the_pdf_prints_the_notes_in_the_order_of_the_nav_chapter_by_chapter():
    """The built pages list only their own chapter's notes (navigation.prune): the order comes from
    mkdocs.yml, chapters flattened, every note page in it, the home page and questions index out."""
    paths = page_paths(ROOT / "mkdocs.yml")
    notes = {f"notes/{p.name.split('.')[0]}/" for p in (ROOT / "docs" / "notes").glob("*.md")}
    assert paths[:2] == ["notes/ndarray/", "notes/autograd/"] and "glossary/" in paths
    assert {p for p in paths if p.startswith("notes/")} == notes and len(paths) == len(set(paths))
    assert "questions/" not in paths and "" not in paths  # the home page and the questions index
    assert page_paths(FIXTURE / "mkdocs.yml") == ["notes/page/", "glossary/"]
