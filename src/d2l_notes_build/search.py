"""Search in each language: the index's settings, Chinese domain words kept whole, the reader's query.

Material's search plugin builds the index (Chinese segmented by jieba at build time, words joined
with U+200B) and its worker builds lunr from the index's ``config`` in the browser. Added here:

- ``SETTINGS``: each language's index gets its own lunr settings (Material's ``lang``,
  ``separator`` and ``pipeline``); mkdocs-static-i18n leaves one configuration for all languages.
- ``prepare_jieba``: the glossary's Chinese terms and ``DOMAIN_WORDS`` are added to jieba's
  dictionary, so that 交叉熵 is indexed as one word, not as 交叉 + 熵 (which a query for 交叉验证 also
  matches), and jieba no longer invents words that a query cannot reproduce.
- The examples' source stays out of the index (``embed.py`` marks it ``data-search-exclude``).
- ``weigh_entries``: a page's own entry no longer outranks its questions.
- ``RememberingIndex``: under ``mkdocs serve`` a page that did not change is not indexed again.
- ``patch_worker``: Material's worker gets ``search_query.js``, which prepares the reader's query the
  way the pages were indexed (that file says why Material's own handling falls short), and takes
  the zero-width spaces out of the results.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from material.plugins.search.plugin import SearchIndex

from .rebuild import Memo, fingerprint

# Code in the notes is indexed too: splitting at its punctuation and underscores lets "batch size"
# find batch_size and "trainer step" find trainer.step(...); "." inside numbers stays. (Material's
# default keeps "y.reshape(y_hat.shape)" as one token, and lunr reads a "*" inside a token as a
# wildcard, which broke queries; see Material's own separator in its mkdocs.yml for the idea.)
_CODE = r"""_,:;!?=+*/\\|<>()\[\]{}"'`#%~^&"""
# Formulas (typeset as MathML, indexed as their text) join symbols and letters into tokens no reader
# types (bn∘conv∘relu, w←w−ηλw): their operators split them too. × stays: 1×1 卷积层 is a term.
_MATH = "−∘→←↦‖∥∑∏∂∇≈≤≥≪≫·∈⌊⌋⌈⌉′"
SETTINGS = {
    # English: stop words out, words stemmed ("losses" and "loss" are one term).
    "en": {
        "lang": ["en"],
        "separator": rf"[\s\u200b\-{_CODE}{_MATH}]+|\.(?!\d)|&[lg]t;|&amp;",
        "pipeline": ["trimmer", "stopWordFilter", "stemmer"],
    },
    # Chinese: jieba's words (joined with U+200B) and lunr-languages' Chinese stop words (的, 是…);
    # no stemmer, which for Chinese does nothing.
    "zh": {
        "lang": ["zh"],
        "separator": rf"[\s\u200b\u3000\-、。，．？！；：（）《》“”‘’{_CODE}{_MATH}]+|\.(?!\d)|&[lg]t;|&amp;",
        "pipeline": ["trimmer", "stopWordFilter"],
    },
}

# Words of the notes that are not glossary terms yet and that jieba cuts apart (参数量 as 参 + 数量).
DOMAIN_WORDS = (
    "多层感知机 隐藏层 隐藏单元 丢弃法 丢弃概率 批量归一化 卷积层 卷积核 互相关 池化层 最大池化 平均池化 "
    "通道数 残差块 稠密块 过渡层 预激活 最大后验估计 贝叶斯估计 正则化 梯度消失 梯度爆炸 前向传播 感受野 "
    "特征图 参数量 偏置项 初始化器 数据增强"
).split()

# Other names readers type for a glossary term (its id), beyond the glossary's Chinese and English
# names, each justified by the glossary's definition or by how the notes write it.
ALIASES = {
    "automatic-differentiation": ["autograd"],  # "MXNet provides it in the autograd module"
    "backpropagation": ["backprop"],  # its common short name; the notes' page on it is notes/backprop
    "batch-normalization": ["BN", "BatchNorm"],  # "BN → ReLU → conv" (pre-activation); nn.BatchNorm
    "bias": ["偏差"],  # "《动手学深度学习》中文版称为偏差"
    "dense-layer": ["Dense", "fully connected layer", "稠密层"],  # nn.Dense; "also called fully connected"
    "kernel": ["filter", "过滤器"],  # "also called a filter", "也叫过滤器"
    "multilayer-perceptron": ["MLP"],  # the notes' MLP, FancyMLP, NestMLP
    "squared-loss": ["mean squared error", "MSE", "均方误差"],  # "averaged ... the mean squared error"
}

# Material ranks a page's own entry (its title and introduction) over its sections: it multiplies
# the entry's score by 2 to 2.6 times what a section gets, and lists the page's sections under it.
# On a page of questions the questions are what a reader looks for: a page title sharing one word
# with the query ("the training loop") put all its questions ahead of the page that answers. At a
# fifth, a page ranks by its best question unless its title and introduction match much better.
PAGE_ENTRY_BOOST = 0.2

_QUESTION = re.compile(r"#q\d+$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
_ANY_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def enabled(config: MkDocsConfig) -> bool:
    return bool({"search", "material/search"} & set(config.plugins))


def configure(plugin, language: str) -> None:
    """Give Material's search ``plugin`` ``language``'s settings before its ``on_config`` reads them:
    for each one missing it compiled its translation template again, 0.1 s of every build."""
    for key, value in SETTINGS.get(language, {}).items():
        plugin.config[key] = copy.deepcopy(value)  # a plugin may change a setting in place


def index_config(language: str, config: dict, synonyms: list[list[str]] = ()) -> dict:
    """The ``config`` of ``language``'s index: Material's, with that language's lunr settings and
    the names of each term that search_query.js searches for one another (``synonyms``)."""
    return {**config, **SETTINGS.get(language, {}), **({"synonyms": list(synonyms)} if synonyms else {})}


def synonyms(terms: Iterable, language: str) -> list[list[str]]:
    """The names that ``language``'s readers may type for each glossary term: the term's name in that
    language and, where the pages mix languages, in the others (a Chinese page writes dropout and
    Dense 层), and ``ALIASES``. A name the index lacks is left out by search_query.js."""
    groups = []
    for term in terms:
        names = [term.names[language], *(n for lang, n in term.names.items() if lang != language)]
        names += ALIASES.get(term.id, [])
        if language != "zh":  # English pages hold no Chinese
            names = [n for n in names if not _ANY_HAN.search(n)]
        groups.append(list(dict.fromkeys(names)))  # one name too: it tells search_query.js a term
    return groups


def weigh_entries(docs: list[dict]) -> list[dict]:
    """Give the own entries of pages with questions ``PAGE_ENTRY_BOOST`` (Material's per-entry boost)."""
    pages = {doc["location"].split("#")[0] for doc in docs if _QUESTION.search(doc["location"])}
    return [{**doc, "boost": PAGE_ENTRY_BOOST} if doc["location"] in pages else doc for doc in docs]


def glossary_entries(docs: list[dict], terms: Iterable, language: str, page: str = "glossary/") -> list[dict]:
    """``docs`` with the glossary page's terms as entries of their own, one per term at its anchor.

    The glossary page was one entry holding every term, which came first for many queries and led
    to the top of a long page. Each term's entry has the term's names as its title (as the page
    shows them) and its definition as its text, segmented as Material segments the pages; the
    page's own entry keeps its introduction.
    """
    import html

    from material.plugins.search import plugin as material_search

    segment = material_search.SearchIndex()._segment_chinese if material_search.jieba else (lambda text: text)
    result = []
    for doc in docs:
        if doc["location"] != page:
            result.append(doc)
            continue
        intro = doc["text"][: doc["text"].rfind("</p>") + len("</p>")] if "</p>" in doc["text"] else ""
        result.append({**doc, "text": intro})
        for term in terms:
            others = [name for lang, name in term.names.items() if lang != language]
            title = html.escape(" ".join([term.names[language], *others]), quote=False)
            text = html.escape(term.definitions[language], quote=False)
            result.append({"location": f"{page}#{term.id}", "title": segment(title), "text": segment(text)})
    return result


class RememberingIndex(SearchIndex):
    """Material's search index, remembering each page's entries by what they are made from.

    Each rebuild under ``mkdocs serve`` indexed every page again: Material parses each page's HTML
    and segments its Chinese, about 40% of a rebuild. A page gets the entries of a page indexed
    before whose URL, HTML, title, table of contents and metadata were the same: ``keys`` holds a
    key of all of them for each page (``rebuild.RememberedOutput.keys``). ``memo`` is the plugin's
    and outlives the build; it forgets entries that no build used any more.
    """

    def __init__(self, memo: Memo, keys: Mapping[str, str], **config) -> None:
        super().__init__(**config)
        self.memo = memo
        self.keys = keys

    def add_entry_from_context(self, page) -> None:
        if page.file.src_uri not in self.keys:  # a page only `mkdocs serve` builds (draft_docs)
            return super().add_entry_from_context(page)
        key = fingerprint(self.config, self.keys[page.file.src_uri])
        entries = self.memo.get(key)
        if entries is None:
            start = len(self.entries)
            super().add_entry_from_context(page)
            entries = self.memo[key] = self.entries[start:]
        else:
            self.entries.extend(entries)


def remember_entries(plugin, memo: Memo, keys: Mapping[str, str]) -> None:
    """Give Material's search ``plugin`` (just configured) a ``RememberingIndex``."""
    index = getattr(plugin, "search_index", None)
    if type(index) is not SearchIndex:  # noqa: E721 (a subclass would be someone else's change)
        raise PluginError(
            "search: Material's search plugin no longer keeps a SearchIndex in `search_index` after its "
            f"on_config (found {type(index).__name__}); check search.RememberingIndex against it"
        )
    plugin.search_index = RememberingIndex(memo, keys, **index.config)


_JIEBA_WORDS: set[str] = set()  # added to jieba's dictionary in this process


def prepare_jieba(words: Iterable[str]) -> list[str]:
    """Make jieba, which Material's search plugin segments Chinese with, split as queries are split.

    The Chinese of ``words`` (runs of two or more characters) joins jieba's dictionary, and jieba
    cuts with its dictionary only. Its HMM guessed new words from characters the dictionary leaves
    single, and glued function characters onto words (会新开 in 会新开内存, 解有, 要配): words that no
    reader types, so 新开 found nothing. A query is split into the index's words (search_query.js);
    a character that is no word stays single on both sides. jieba is one process-wide tokenizer, so
    this holds for every language's build. Without jieba, Material does not segment at all.
    """
    try:
        import jieba
    except ImportError:
        return []
    added = sorted({run for word in words for run in _HAN.findall(word)})
    for word in added:
        if word not in _JIEBA_WORDS:  # adding a word again raises jieba's total: every later cut shifts
            jieba.add_word(word)  # with the frequency jieba suggests for keeping it whole
            _JIEBA_WORDS.add(word)
    # Material calls jieba.cut(text) with HMM on (its default); there is no option for it.
    jieba.cut = functools.partial(jieba.dt.cut, HMM=False)
    return added


_SCRIPT = Path(__file__).with_name("search_query.js")
_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
# Material 9.8's search method starts by cutting the Chinese of the query: q=q.replace(/Han+/, ...)
_SEGMENTATION = re.compile(
    r'(?P<q>\w+)=(?P=q)\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\),'
    r'(?P<run>\w+)=>\[\.\.\.\w+\((?P=run),this\.index\.invertedIndex\)\]\.join\("\* "\)\)'
)


def patch_worker(files: Files, required: bool = True) -> None:
    """Make Material's search worker prepare queries with ``search_query.js``.

    The other languages' builds of mkdocs-static-i18n share the first one's assets: for them the
    worker is not ``required``.
    """
    worker = next((f for f in files if _WORKER.fullmatch(f.src_uri)), None)
    if worker is None:
        if required:
            raise PluginError("search: Material's search worker (assets/javascripts/workers/) is missing")
        return
    patched, count = _SEGMENTATION.subn(r"\g<q>=d2lQuery(\g<q>,this.index)", worker.content_string)
    if count != 1:
        raise PluginError(
            f"search: {worker.src_uri} no longer cuts Chinese queries the way Material 9.8 did "
            f"({count} matches); check search.py and search_query.js against the new worker"
        )
    worker.content_string = patched + "\n" + _SCRIPT.read_text(encoding="utf-8")
