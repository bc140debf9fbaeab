"""The seventeen questions: stable anchors on both sides, the index, and the glossary hints."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from test_browser import url_path

QUESTIONS = [f"q{n}" for n in range(1, 18)]


def built_pages(site, language):
    root = site if language == "zh" else site / "en"
    return {
        p.relative_to(root).parent.as_posix(): p.read_text(encoding="utf-8")
        for p in root.rglob("index.html")
        if language == "en" or not p.relative_to(root).parts[0] == "en"
    }


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_question_has_one_stable_anchor(site, language):
    where = {}
    for page, html in built_pages(site, language).items():
        for anchor in re.findall(r'<h2 id="(q\d+)"', html):
            assert anchor not in where, f"{anchor} on both {where[anchor]} and {page}"
            where[anchor] = page
    assert sorted(where, key=lambda a: int(a[1:])) == QUESTIONS


def test_anchors_are_on_the_same_page_in_both_languages(site):
    def locate(language):
        return {
            anchor: page
            for page, html in built_pages(site, language).items()
            for anchor in re.findall(r'<h2 id="(q\d+)"', html)
        }

    assert locate("zh") == locate("en")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_index_links_every_question_to_its_anchor(site, language):
    pages = built_pages(site, language)
    index = pages["questions"]
    links = re.findall(r'<a href="\.\./([\w/-]+)/#(q\d+)"', index)
    assert sorted({a for _, a in links}, key=lambda a: int(a[1:])) == QUESTIONS
    for page, anchor in links:
        assert f'id="{anchor}"' in pages[page], f"{page}#{anchor}"


def test_the_glossary_has_one_source_and_both_pages_list_every_term(site):
    import yaml

    terms = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8"))
    zh = built_pages(site, "zh")["glossary"]
    en = built_pages(site, "en")["glossary"]
    for term in terms:
        assert f'<dt id="{term["id"]}">' in zh and f'<dt id="{term["id"]}">' in en
    assert "交叉熵" in zh and "cross-entropy" in en


HINT_OPACITY = "el => getComputedStyle(el, '::after').opacity"


@pytest.mark.parametrize(("language", "page"), [("zh", "notes/softmax"), ("en", "notes/gluon")])
def test_glossary_hint_shows_on_hover_and_on_focus(tab, site, serve, language, page):
    base = serve(site)
    for trigger in ("hover", "focus"):
        tab.goto(base + url_path(page, language), wait_until="networkidle")
        term = tab.query_selector("article a.d2l-term")
        hint = term.get_attribute("data-hint")
        assert hint and hint != term.inner_text()
        # The hint is the term's name in the other language.
        has_cjk = bool(re.search(r"[\u4e00-\u9fff]", hint))
        assert has_cjk == (language == "en"), hint
        shown = term.evaluate("el => getComputedStyle(el, '::after').content")
        assert shown == f'"{hint}"'
        assert term.evaluate(HINT_OPACITY) == "0"
        getattr(term, trigger)()
        tab.wait_for_function(f"el => ({HINT_OPACITY})(el) === '1'", arg=term, timeout=5_000)
        target = term.get_attribute("href")
        assert "glossary/#" in target
        assert tab.evaluate("href => fetch(new URL(href, location)).then(r => r.ok)", target)
