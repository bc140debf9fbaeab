"""The site as a reader's browser sees it: headless Chromium through Playwright."""

from __future__ import annotations

from urllib.parse import urlparse

import re

import pytest
from conftest import LANGUAGES, url_path


@pytest.fixture(scope="module")
def base(site, serve) -> str:
    return serve(site)


def _foreign(requests: list[str], base: str) -> list[str]:
    host = urlparse(base).netloc
    return [r for r in requests if urlparse(r).scheme not in ("data", "blob") and urlparse(r).netloc != host]


# Every page's own checks (formulas, images, language, requests, console) are in test_accessibility:
# it loads each page once for them and for the WCAG audit.


def _search(tab, query: str) -> list[str]:
    tab.click("input.md-search__input")
    tab.fill("input.md-search__input", query)
    tab.dispatch_event("input.md-search__input", "input")
    tab.dispatch_event("input.md-search__input", "keyup")
    tab.wait_for_selector(".md-search-result__item a", timeout=10_000)
    return tab.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


@pytest.mark.parametrize(("language", "other"), [("zh", "en"), ("en", "zh")])
def test_language_switch_lands_on_the_twin(tab, base, language, other):
    tab.goto(base + url_path("notes/softmax", language) + "#q15", wait_until="networkidle")
    tab.hover(".md-header__option .md-select")
    tab.click(f".md-select__link[hreflang='{other}']")
    tab.wait_for_load_state("networkidle")
    assert tab.url.split("#")[0] == base + url_path("notes/softmax", other)
    assert tab.evaluate("document.documentElement.lang") == other


def _scheme(tab) -> str:
    return tab.evaluate("document.body.dataset.mdColorScheme")


@pytest.mark.parametrize(("preference", "scheme", "other"), [("light", "default", "slate"), ("dark", "slate", "default")])
def test_colour_scheme_follows_the_reader_then_the_toggle(browser, base, preference, scheme, other):
    context = browser.new_context(color_scheme=preference)
    tab = context.new_page()
    # Without Material's script the scheme must already be right: it is chosen while parsing.
    tab.route("**/bundle.*.min.js", lambda route: route.abort())
    tab.goto(base + url_path("notes/softmax", "zh"))
    assert _scheme(tab) == scheme
    assert tab.evaluate("document.documentElement.className") == "js js-focus-visible"
    tab.unroute("**/bundle.*.min.js")
    tab.goto(base + url_path("notes/softmax", "zh"), wait_until="networkidle")
    assert _scheme(tab) == scheme
    tab.click(".md-header__option label:not([hidden])")
    assert _scheme(tab) == other
    assert tab.evaluate("getComputedStyle(document.body).colorScheme") == ("dark" if other == "slate" else "light")
    assert tab.get_attribute("meta[name=theme-color]", "content")
    # The choice is remembered on the next page, whatever the system preference.
    tab.goto(base + url_path("glossary", "en"), wait_until="networkidle")
    assert _scheme(tab) == other
    tab.focus(".md-header__option input:checked")
    tab.keyboard.press("Enter")
    assert _scheme(tab) == scheme
    context.close()


HINT_OPACITY = "el => getComputedStyle(el, '::after').opacity"


@pytest.mark.parametrize(("language", "page"), [("zh", "notes/softmax"), ("en", "notes/gluon")])
def test_glossary_hint_shows_on_hover_and_on_focus(tab, base, language, page):
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


def test_the_search_index_loads_only_once_search_is_opened(tab, base):
    tab.goto(base + url_path("notes/softmax", "en"), wait_until="networkidle")
    assert not [r for r in tab.requests if "search_index" in r], "the index loaded before search was opened"
    results = _search(tab, "softmax")
    assert any("/en/notes/softmax/" in r for r in results), results
    assert [r for r in tab.requests if r.endswith("/en/search/search_index.json")], tab.requests
    # A reader who arrives from a search result sees its words highlighted: the index loads at once.
    tab.goto(base + url_path("notes/softmax", "en") + "?h=softmax", wait_until="networkidle")
    tab.wait_for_selector("article mark", timeout=10_000)


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_tables_stay_where_the_page_put_them_styled_like_materials(tab, base, language):
    # Material's script would move an unclassed table into a wrapper after load (a second layout
    # of every table: readers.TableClass). Classed, each table stays put and keeps Material's look.
    tab.goto(base + url_path("notation", language), wait_until="networkidle")
    tables = tab.eval_on_selector_all("article table", """tables => tables.map(t => ({
        cls: t.className, parent: t.parentElement.className, border: getComputedStyle(t).borderTopStyle,
        cell: getComputedStyle(t.querySelector('td')).borderTopStyle, padding: getComputedStyle(t.querySelector('td')).paddingLeft}))""")
    assert len(tables) >= 2, f"the notation page shows {len(tables)} table(s), not its two"
    for table in tables:
        assert table["cls"] == "d2l-table" and "scrollwrap" not in table["parent"] and "table" not in table["parent"], table
        assert table["border"] == table["cell"] == "solid" and table["padding"] != "0px", table
    assert tab.query_selector_all(".md-typeset__scrollwrap") == []
