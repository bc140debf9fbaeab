"""Search as a reader uses it: questions typed into the real search box, in headless Chromium.

Each query in tests/search_queries.yml is typed into the search box of the home page in its
language; the rank of a query is the place of its answer among the questions (the ``#qN`` sections)
in the results list, in its order. (Material groups the results by page, best page first, and folds
a page's weaker sections under "N more on this page"; a folded question keeps its place.) Only the
questions that the built site has are measured, and every one of them must have at least two
queries per language.

``D2L_SITE_DIR=path pytest tests/test_search.py -s`` measures a site built elsewhere (for example
a build of an older commit, to compare) instead of building the site.
"""

from __future__ import annotations

import json
import os
import re
import statistics
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import LANGUAGES, ROOT, url_path
from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError
from test_browser import _foreign

from d2l_notes_build import search

QUERIES: dict[str, dict[str, list[str]]] = yaml.safe_load(
    (ROOT / "tests" / "search_queries.yml").read_text("utf-8")
)

# Issue 15's targets, both met in the browser: the answer is the first question listed for at least
# FIRST of the queries (zh 92.2%, en 92.8%), and among the first TOP for every one of them.
FIRST = 0.9
TOP = 3
FIRST_RESULTS_MS = 300  # from the keystroke to the first results on the screen (90th percentile)
# The index's bytes per page before issue 15 (Q1-Q17 and Q33-Q41, 17 pages per language); the
# index may grow to 1.5 times that per page, not more.
BYTES_PER_PAGE = {"zh": 14_062, "en": 12_264}

_QUESTION = re.compile(r"#(q\d+)$")


def _material_worker() -> SimpleNamespace:
    """Material's search worker as a build's file list holds it."""
    import material

    templates = Path(material.__file__).parent / "templates"
    path = next(templates.glob("assets/javascripts/workers/search.*.min.js"))
    uri = path.relative_to(path.parents[3]).as_posix()
    return SimpleNamespace(src_uri=uri, content_string=path.read_text("utf-8"))


def test_material_worker_calls_the_query_preparation_instead_of_its_segmentation():
    worker = _material_worker()
    search.patch_worker([worker])
    assert worker.content_string.count("d2lQuery(") == 2  # the call, and the definition
    assert "this.index.invertedIndex)].join" not in worker.content_string
    changed = SimpleNamespace(src_uri=worker.src_uri, content_string="search(e){return e}")
    with pytest.raises(PluginError, match="no longer cuts Chinese queries"):
        search.patch_worker([changed])
    search.patch_worker([], required=False)
    with pytest.raises(PluginError, match="missing"):
        search.patch_worker([])


def test_remembering_entries_needs_materials_index_where_it_was():
    from d2l_notes_build.rebuild import Memo

    with pytest.raises(PluginError, match="no longer keeps a SearchIndex in `search_index`"):
        search.remember_entries(SimpleNamespace(search_index=None), Memo(), {})
    plugin = SimpleNamespace(search_index=SearchIndex(lang=["zh"]))
    search.remember_entries(plugin, Memo(), {})
    assert isinstance(plugin.search_index, search.RememberingIndex) and plugin.search_index.config == {"lang": ["zh"]}


def test_a_pages_entries_come_back_by_its_key_and_a_page_without_a_key_is_indexed_afresh():
    """RememberingIndex: ``keys`` (the key of everything a page's HTML is made from) decides; a page
    that only `mkdocs serve` builds (a draft) has no key and is indexed as Material would."""
    from mkdocs.structure.toc import get_toc

    from d2l_notes_build.rebuild import Memo

    def page(src: str, text: str) -> SimpleNamespace:
        toc = get_toc([{"level": 2, "id": "s", "name": "Section", "children": []}])
        return SimpleNamespace(file=SimpleNamespace(src_uri=src), meta={}, url=src[: -len(".md")] + "/",
                               title="Page", content=f'<h2 id="s">Section</h2><p>{text}</p>', toc=toc)

    memo, keys = Memo(), {"a.md": "key of a"}
    first = search.RememberingIndex(memo, keys, lang=["en"])
    first.add_entry_from_context(page("a.md", "first"))
    first.add_entry_from_context(page("draft.md", "a draft"))
    assert [e["text"] for e in first.entries] == ["", "<p>first</p>", "", "<p>a draft</p>"] and len(memo) == 1
    again = search.RememberingIndex(memo, keys, lang=["en"])
    again.add_entry_from_context(page("a.md", "not read: the key is the same"))
    assert [e["text"] for e in again.entries] == ["", "<p>first</p>"]


def test_each_language_gets_its_own_settings_and_question_pages_rank_by_their_questions():
    fields = {"title": {"boost": 10}}
    shared = {"lang": ["en", "zh"], "separator": "x", "pipeline": ["stemmer"], "fields": fields}
    english, chinese = search.index_config("en", shared), search.index_config("zh", shared)
    assert english["lang"] == ["en"] and {"stemmer", "stopWordFilter"} <= set(english["pipeline"])
    assert chinese["lang"] == ["zh"] and "stemmer" not in chinese["pipeline"]
    assert "\\u200b" in chinese["separator"]
    assert english["fields"] == chinese["fields"] == fields
    docs = [{"location": "notes/a/"}, {"location": "notes/a/#q1"}, {"location": "glossary/"}]
    assert [doc.get("boost") for doc in search.weigh_entries(docs)] == [search.PAGE_ENTRY_BOOST, None, None]


@pytest.fixture(scope="module")
def built(request) -> Path:
    given = os.environ.get("D2L_SITE_DIR")
    return Path(given) if given else request.getfixturevalue("site")


@pytest.fixture(scope="module")
def base(built, serve) -> str:
    return serve(built)


def _index(site: Path, language: str) -> dict:
    folder = site if language == LANGUAGES.default else site / language
    return json.loads((folder / "search" / "search_index.json").read_text("utf-8"))


def test_each_built_index_carries_its_languages_settings(built):
    for language in LANGUAGES.all:
        config = _index(built, language)["config"]
        assert {key: config[key] for key in search.SETTINGS[language]} == search.SETTINGS[language]


def _questions_on_site(site: Path, language: str) -> list[str]:
    found = {m[1] for doc in _index(site, language)["docs"] if (m := _QUESTION.search(doc["location"]))}
    return sorted(found, key=lambda q: int(q[1:]))


# Types the query, as Material sees typing (an input event, then keyup), and waits for the results
# to change; returns the time from the keyup to the first results and the result links in order.
_ASK = """async query => {
  const input = document.querySelector("input.md-search__input")
  const result = document.querySelector(".md-search-result")
  const list = result.querySelector(".md-search-result__list")
  const shown = new Promise(resolve => new MutationObserver((_, observer) => {
    observer.disconnect()
    resolve(performance.now())
  }).observe(result, {childList: true, subtree: true, characterData: true}))
  input.value = query
  input.dispatchEvent(new Event("input"))
  const start = performance.now()
  input.dispatchEvent(new KeyboardEvent("keyup"))
  const end = await Promise.race([shown, new Promise(r => setTimeout(r, 10000))])
  // Material draws the results in more than one step: read them once nothing has changed for
  // three frames.
  await new Promise(resolve => {
    let still = 0
    const observer = new MutationObserver(() => { still = 0 })
    observer.observe(result, {childList: true, subtree: true, characterData: true})
    const frame = () => (++still === 3 ? (observer.disconnect(), resolve()) : requestAnimationFrame(frame))
    requestAnimationFrame(frame)
  })
  return {
    ms: end ? end - start : null,
    links: [...list.querySelectorAll("a.md-search-result__link")].map(a => a.href),
    text: result.innerText,
  }
}"""

_CLEAR = """async () => {
  const input = document.querySelector("input.md-search__input")
  input.value = ""
  input.dispatchEvent(new Event("input"))
  input.dispatchEvent(new KeyboardEvent("keyup"))
  while (document.querySelector(".md-search-result__list").children.length)
    await new Promise(r => setTimeout(r, 10))
}"""


@pytest.fixture(scope="module")
def searching(browser, base):
    """searching(language) -> a tab on that language's home page with search open and its index
    built, one per language for the module: the worker builds the index anew on every page load."""
    tabs = {}

    def open_search(language: str):
        if language not in tabs:
            tab = tabs[language] = browser.new_context().new_page()
            tab.requests = []
            tab.on("request", lambda request: tab.requests.append(request.url))
            tab.goto(base + url_path("index", language), wait_until="networkidle")
            tab.click("input.md-search__input")
            # The worker has built the index once it answers a query.
            tab.fill("input.md-search__input", "softmax")
            tab.dispatch_event("input.md-search__input", "keyup")
            tab.wait_for_selector(".md-search-result__item", timeout=30_000)
        return tabs[language]

    yield open_search
    for tab in tabs.values():
        tab.context.close()


def _in_language(link: str, language: str) -> bool:
    return urlsplit(link).path.startswith(tuple(f"/{other}/" for other in LANGUAGES.others)) == (
        language != LANGUAGES.default
    )


def _ask(tab, query: str, language: str) -> dict:
    """The results of ``query``; ``questions`` are those in the reader's language, in order."""
    tab.evaluate(_CLEAR)
    answer = tab.evaluate(_ASK, query)
    answer["foreign"] = [link for link in answer["links"] if not _in_language(link, language)]
    answer["questions"] = list(
        dict.fromkeys(
            m[1] for link in answer["links"] if _in_language(link, language) and (m := _QUESTION.search(link))
        )
    )
    return answer


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_readers_questions_find_their_answer(searching, base, built, language):
    present = _questions_on_site(built, language)
    unasked = [q for q in present if len(QUERIES.get(q, {}).get(language, [])) < 2]
    assert not unasked, f"questions without two {language} queries in tests/search_queries.yml: {unasked}"

    tab = searching(language)
    ranks, times, misses, zero_width, foreign = {}, [], [], [], []
    for question in present:
        for query in QUERIES[question][language]:
            answer = _ask(tab, query, language)
            rank = answer["questions"].index(question) + 1 if question in answer["questions"] else None
            ranks[query] = rank
            times.append(answer["ms"] if answer["ms"] is not None else float("inf"))
            if rank != 1:
                misses.append(f"  {question} {query!r}: rank {rank}, listed {answer['questions'][:4]}")
            if "\u200b" in answer["text"]:
                zero_width.append(query)
            foreign += answer["foreign"][:1]

    first = sum(rank == 1 for rank in ranks.values()) / len(ranks)
    top = sum(rank is not None and rank <= TOP for rank in ranks.values()) / len(ranks)
    print(
        f"\n{language}: {len(present)} questions, {len(ranks)} queries measured; "
        f"first {first:.0%}, top {TOP} {top:.0%}; first results after "
        f"{statistics.median(times):.0f} ms (median), {statistics.quantiles(times, n=10)[-1]:.0f} ms "
        f"(90th percentile), {max(times):.0f} ms (slowest)"
    )
    print("\n".join(misses))
    assert len(ranks) == sum(len(QUERIES[q][language]) for q in present)
    assert not foreign, f"results in another language: {foreign[:3]}"
    assert _foreign(tab.requests, base) == []
    assert not zero_width, f"zero-width spaces in the results of {zero_width}"
    assert first >= FIRST, "\n".join(misses)
    assert top == 1, "\n".join(misses)
    assert statistics.quantiles(times, n=10)[-1] <= FIRST_RESULTS_MS


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_examples_source_is_not_indexed(built, language):
    """The examples' source (docstring title underlined with ===) stays out; their output does not."""
    texts = [doc["text"] for doc in _index(built, language)["docs"]]
    assert not [text for text in texts if re.search(r"\n={5,}\n", text)]
    assert any("<pre>" in text for text in texts)


@pytest.mark.parametrize("language", LANGUAGES.all)
def test_search_index_stays_small(built, language):
    index = _index(built, language)
    pages = sum("#" not in doc["location"] for doc in index["docs"])
    folder = built if language == LANGUAGES.default else built / language
    size = (folder / "search" / "search_index.json").stat().st_size
    print(f"\n{language}: {size:,} bytes for {pages} pages, {size / pages:,.0f} per page")
    assert size / pages <= 1.5 * BYTES_PER_PAGE[language]


def test_glossary_terms_are_indexed_whole(built):
    """交叉熵 is one word of the Chinese index, not 交叉 + 熵 (交叉 would also find 交叉验证)."""
    terms = {run for term in yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text("utf-8"))
             for run in re.findall(r"[\u4e00-\u9fff]{2,}", term["zh"])}
    whole, cut = 0, []
    for doc in _index(built, "zh")["docs"]:
        for text in (doc["title"], doc["text"]):
            words = text.split("\u200b")  # the index joins jieba's words with U+200B
            starts = {sum(map(len, words[:i])) for i in range(len(words) + 1)}
            plain = "".join(words)
            for term in terms:
                for found in re.finditer(term, plain):
                    if any(inside in starts for inside in range(found.start() + 1, found.end())):
                        cut.append(plain[max(found.start() - 6, 0) : found.end() + 6])
                    else:
                        whole += 1
    print(f"\n{whole} of {whole + len(cut)} glossary terms in the index are whole words; cut: {cut}")
    # A few stay cut where the dictionary reads the text otherwise: 所有权重 as 所有权 + 重.
    assert whole >= 0.98 * (whole + len(cut))


def _matched_terms(links: list[str]) -> set[str]:
    """The query terms Material found in each result, from the links' highlight parameter."""
    return {term for link in links for term in " ".join(parse_qs(urlsplit(link).query).get("h", [])).split()}


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("交叉熵", {"交叉熵"}),
        ("超参数", {"超参数"}),
        ("延后初始化", {"延后初始化"}),
        # Split into the index's words, question words (有, 什么) left out.
        ("交叉熵和平方损失有什么区别", {"交叉熵", "平方损失", "区别"}),
    ],
)
def test_a_chinese_query_is_split_into_whole_words(searching, query, terms):
    answer = _ask(searching("zh"), query, "zh")
    assert answer["links"], query
    matched = _matched_terms(answer["links"])
    # A glossary term's other names are searched too (cross entropy, 均方误差 for 平方损失).
    names = {name for term in yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text("utf-8"))
             for name in (term["zh"], term["en"])} | {n for ns in search.ALIASES.values() for n in ns}
    others = {word for name in names for word in re.split(r"[\s-]+", name.lower())}
    assert matched <= terms | others and matched & terms
    assert "\u200b" not in answer["text"]
