"""The real site's content, built once: every page in every language, every question, every example.

(That the strict build passes already proves the rules the build itself checks: twins exist and
embed and glue the same, every question has an example and a book section, links and anchors
resolve, formulas typeset, doctests pass, figure text is translated.)
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import LANGUAGES, QUESTIONS, ROOT, url_path

from d2l_notes_build.embed import LABELS
from d2l_notes_build.gallery import collect

PAGES = sorted(
    p.relative_to(ROOT / "docs").as_posix()[: -len(".md")]
    for p in (ROOT / "docs").rglob("*.md")
    if LANGUAGES.of_page(p.name) == LANGUAGES.default
)
EXAMPLES = collect(ROOT, "examples")


def html_of(site, page: str, language: str) -> str:
    return (site / url_path(page, language) / "index.html").read_text(encoding="utf-8")


def anchors(site, language: str) -> dict[str, str]:
    """Question anchor -> the page it is on."""
    found = {}
    for page in PAGES:
        for anchor in re.findall(r'<h2 id="(q\d+)"', html_of(site, page, language)):
            assert anchor not in found, f"{anchor} on both {found[anchor]} and {page}"
            found[anchor] = page
    return found


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_every_page_is_in_its_language(site, language):
    for page in PAGES:
        html = html_of(site, page, language)
        assert f'<html lang="{language}"' in html, page
        assert 'role="dialog" aria-label=' in html, f"{page}: the search dialog has no name"


def test_every_question_has_one_anchor_on_the_same_page_in_every_language(site):
    where = {language: anchors(site, language) for language in LANGUAGES.all}
    assert sorted(where[LANGUAGES.default], key=lambda a: int(a[1:])) == QUESTIONS
    assert all(found == where[LANGUAGES.default] for found in where.values())


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_the_index_links_every_question_to_its_anchor(site, language):
    index = html_of(site, "questions", language)
    links = re.findall(r'<a href="\.\./([\w/-]+)/#(q\d+)"', index)
    assert sorted({a for _, a in links}, key=lambda a: int(a[1:])) == QUESTIONS
    where = anchors(site, language)
    for page, anchor in links:
        assert where[anchor] == page, f"{page}#{anchor}"


def test_every_example_is_embedded_with_its_downloads(site):
    for language in LANGUAGES.all:
        pages = "".join(html_of(site, page, language) for page in PAGES)
        for name, example in EXAMPLES.items():
            assert f'id="example-{name}"' in pages, f"{example.relative} is embedded in no {language} page"
            for number in range(1, 1 + len(re.findall(rf"src=\"[./]*examples/{name}-\d+\.{language}\.svg", pages))):
                assert (site / example.figure_uri(number, language)).is_file()
    for example in EXAMPLES.values():
        assert (site / example.relative).read_bytes() == (ROOT / example.relative).read_bytes()
        assert '"cells"' in (site / example.notebook_uri).read_text()


# Examples whose answer is a warning they print (shown under their output on purpose).
ANSWERED_BY_A_WARNING: set[str] = set()


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_no_example_writes_to_stderr_unless_its_answer_is_a_warning(site, language):
    """An example's stderr is shown under its output. On the real site it would otherwise be noise
    from the machine that built it: a library's deprecation, or matplotlib's font list (a list
    that another matplotlib wrote once put "findfont: ... not found" under 13 pages' examples)."""
    label = f'<p class="d2l-example__label">{LABELS[language]["stderr"]}</p>'
    noisy = {}
    for page in PAGES:
        parts = re.split(r'id="example-(\w+)"', html_of(site, page, language))
        for name, box in zip(parts[1::2], parts[2::2]):
            if label in box and name not in ANSWERED_BY_A_WARNING:
                noisy[name] = re.sub(r"<[^>]+>", "", box.split(label, 1)[1]).strip().splitlines()[0]
    assert noisy == {}, noisy


def test_figures_have_alt_text_and_a_caption_in_the_pages_language(site):
    for language in LANGUAGES.all:
        for page in PAGES:
            for figure in re.findall(r'<figure class="d2l-example__figure">.*?</figure>', html_of(site, page, language), re.S):
                alt = re.search(r'alt="([^"]+)"', figure)[1]
                caption = re.sub(r"<[^>]+>", "", re.search(r"<figcaption>(.+?)</figcaption>", figure, re.S)[1])
                has_chinese = bool(re.search(r"[\u4e00-\u9fff]", alt + caption))
                assert has_chinese == (language == "zh"), f"{page} ({language}): {alt!r} / {caption!r}"


def test_figures_are_light_svg_with_text_in_each_language(site):
    figures = sorted((site / "examples").glob("*.svg"))
    assert figures, "no example drew a figure"
    for figure in figures:
        svg = figure.read_text()
        assert "<svg" in svg and "@font-face" not in svg  # text stays text (images may show data)
        assert not re.search(r'="[^"]*\d\.\d{3,}', svg), f"{figure.name} keeps needless decimals"
    for english in (f for f in figures if f.name.endswith(".en.svg")):
        chinese = english.with_name(english.name.replace(".en.svg", ".zh.svg"))
        if re.search(r">[^<]*[A-Za-z]{2,}[^<]*</t(ext|span)>", english.read_text()):
            assert re.search(r">[^<]*[\u4e00-\u9fff][^<]*</t(ext|span)>", chinese.read_text()), chinese.name


def test_both_glossary_pages_list_every_term(site):
    terms = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8"))
    for language in LANGUAGES.all:
        html = html_of(site, "glossary", language)
        for term in terms:
            assert f'<dt id="{term["id"]}">' in html and term[language] in html


def test_sitemap_lists_every_twin_with_hreflang(site):
    entries = re.findall(r"<url>.*?</url>", (site / "sitemap.xml").read_text(), re.S)
    assert len(entries) >= len(PAGES)
    for entry in entries:
        for language in LANGUAGES.all:
            assert f'hreflang="{language}"' in entry, entry


def test_every_pages_language_switch_leads_to_its_twin(site):
    """Relative links, so the switch works under any path: the site's root, a sub-path, file://."""
    import posixpath

    for page in PAGES:
        for language in LANGUAGES.all:
            path = url_path(page, language)
            switch = dict(re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', html_of(site, page, language)))
            assert set(switch.values()) == set(LANGUAGES.all), f"{path}: {switch}"
            for href, other in switch.items():
                assert "//" not in href and not href.startswith("/"), f"{path}: {href} is not relative"
                assert posixpath.normpath(posixpath.join(path or ".", href)).strip(".") == url_path(page, other).rstrip("/"), (path, href)


def test_the_examples_zip_holds_every_example_and_both_home_pages_link_it(site):
    import zipfile

    archive = site / "downloads" / "d2l-notes-examples.zip"
    for language in LANGUAGES.all:
        home = html_of(site, "index", language)
        assert "downloads/d2l-notes-examples.zip" in home and "report/" in home and "api/" in home
    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
        readme = zipped.read(next(n for n in names if n.endswith("README.md"))).decode()
    for name in EXAMPLES:
        assert any(n.endswith(f"examples/{name}.py") for n in names), name
        assert any(n.endswith(f"examples/{name}.ipynb") for n in names), name
    helpers = [p.name for p in (ROOT / "examples").glob("_*.py")]
    assert all(any(n.endswith(h) for n in names) for h in helpers), helpers
    assert any(n.endswith("requirements.txt") for n in names)
    assert re.search(r"[\u4e00-\u9fff]", readme) and "python" in readme.lower()
