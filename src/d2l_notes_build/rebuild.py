"""Rebuilds under `mkdocs serve` that render again only the pages an edit changed.

`mkdocs serve` builds the whole site, every language, after each save. Four costs were the same
work each time: compiling the templates (``plugin.TemplateCache``), rendering each page's Markdown
(``RememberedPage``), indexing it for search (``search.RememberingIndex``) and putting it into the
theme's template (``RememberedOutput``). What remains per rebuild is MkDocs itself: reading the
configuration, listing the theme's files, copying the static ones.

The pages' two go through MkDocs' documented ways: a page that a plugin puts on ``File.page`` in
``on_files`` is the one the navigation and the build use, and a page's ``template`` metadata
chooses the template it is rendered with. ``tests/test_engine.py`` edits a served site and checks
that it comes out byte for byte as a fresh build.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import pickle
from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents


class Memo(dict):
    """What the last build used plus what this one has used so far: entries that no build used
    any more are forgotten, so a long session of edits does not grow it."""

    def __init__(self) -> None:
        super().__init__()
        self.previous: dict = {}

    def get(self, key, default=None):
        if key not in self and key in self.previous:
            self[key] = self.previous[key]
        return super().get(key, default)

    def new_generation(self) -> None:
        self.previous = dict(self)
        self.clear()


def fingerprint(*parts: object) -> str:
    """A key for several ``parts`` at once (``cache.digest`` hashes one file's bytes): bytes and
    text as they are (pages are large), anything else by its repr, each part length-prefixed."""
    hashed = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            data = part
        else:
            data = part.encode() if isinstance(part, str) else repr(part).encode()
        hashed.update(b"%d:" % len(data))
        hashed.update(data)
    return hashed.hexdigest()


@dataclass
class Rendered:
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    warnings: list[logging.LogRecord]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class RememberedPage(Page):
    """A page rendered again only when its Markdown, its place among the site's files or what
    every page is made from (``inputs``: the examples' records, the glossary...) changed.

    A remembered page also repeats the warnings its rendering gave (dead links, say), so that an
    author sees them after every rebuild, as before.
    """

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, memo: Memo, inputs: str) -> None:
        super().__init__(title, file, config)
        self.memo = memo
        self.inputs = inputs

    def render(self, config: MkDocsConfig, files: Files) -> None:
        key = fingerprint(self.inputs, self.file.src_uri, self.file.dest_uri, self.markdown)
        rendered = self.memo.get(key)
        if rendered is None:
            collect = _Collect()
            logging.getLogger("mkdocs").addHandler(collect)
            try:
                super().render(config, files)
            finally:
                logging.getLogger("mkdocs").removeHandler(collect)
            links = self.links_to_anchors
            rendered = self.memo[key] = Rendered(
                self.content, copy.deepcopy(self.toc), self._title_from_render, set(self.present_anchor_ids),
                None if links is None else {f.src_uri: dict(v) for f, v in links.items()}, collect.records,
            )
            return
        for record in rendered.warnings:
            logging.getLogger(record.name).handle(record)
        self.content = rendered.content
        self.toc = copy.deepcopy(rendered.toc)
        self._title_from_render = rendered.title
        self.present_anchor_ids = set(rendered.anchors)
        if rendered.links_to_anchors is not None:
            by_uri = files.src_uris  # (mkdocs-static-i18n's get_file_from_path is 40 times slower)
            self.links_to_anchors = {by_uri[uri]: dict(links) for uri, links in rendered.links_to_anchors.items()}


class RememberedOutput:
    """Pages whose HTML would come out as in an earlier build get that HTML back through a template
    (``TEMPLATE``) that prints it, instead of Material's templates (a third of a rebuild).

    A page's HTML is a function of its rendered content, title, table of contents, metadata and
    other-language twins, of the navigation (every page's title and place), of the configuration
    and of the templates: ``choose`` keys each page by all of them once every page is rendered
    (``on_env``), ``keep`` remembers what a page came out as (``on_post_page``, before any plugin
    changes it, so that they change the remembered one alike). ``keys`` holds each page's key:
    search entries are a function of a subset of it (``search.RememberingIndex``).

    A remembered page's ``content`` is emptied, since nothing prints it: Material's search runs a
    regular expression over every page's content after indexing it, a sixth of a rebuild at five
    times today's content, for pages whose HTML and entries come back by their key.
    """

    TEMPLATE = "d2l-remembered.html"

    def __init__(self, memo: Memo) -> None:
        self.memo = memo
        self.keys: dict[str, str] = {}  # src_uri -> key, for every page of this language
        self.outputs: dict[str, str] = {}  # src_uri -> the HTML of a remembered page

    def choose(self, files: Files, nav, site: str) -> None:
        """Before the pages are built: which of them come out as before (``site``: a digest of the
        configuration, language and templates)."""
        self.keys.clear()
        self.outputs.clear()
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        navigation = fingerprint(site, list(_walk(nav.items)))
        for page in pages:
            twins = {language: twin.url for language, twin in getattr(page.file, "alternates", {}).items()}
            key = fingerprint(navigation, page.url, page.title, page.content, str(page.toc), sorted(page.meta.items()), twins)
            self.keys[page.file.src_uri] = key
            output = self.memo.get(key)
            if output is not None:
                self.outputs[page.file.src_uri] = output
                page.meta["template"] = self.TEMPLATE
                page.content = ""

    def context(self, page: Page, context: dict) -> dict:
        context["d2l_remembered"] = self.outputs.get(page.file.src_uri, "")
        return context

    def keep(self, page: Page, output: str) -> None:
        if page.file.src_uri in self.keys and page.file.src_uri not in self.outputs:  # rendered with the theme
            self.memo[self.keys[page.file.src_uri]] = output


def _walk(items, depth: int = 0):
    for item in items:
        yield depth, type(item).__name__, item.title, getattr(item, "url", None)
        yield from _walk(getattr(item, "children", None) or [], depth + 1)


class Rebuilds:
    """What the plugin keeps from one build for the next under `mkdocs serve`: the plugin calls
    ``start`` before each build (the outermost one), ``pages`` in each language's ``on_files`` and
    ``outputs.choose`` in its ``on_env``."""

    def __init__(self) -> None:
        self.search = Memo()  # search.RememberingIndex
        self.renders = Memo()
        self.outputs = RememberedOutput(Memo())
        self.records = ""
        self.segmentation: object = None

    def start(self, records: tuple, segmentation: object) -> None:
        """``records``: what every page is made from besides its Markdown; ``segmentation``: how
        Chinese is cut for search (when it changes, no search entry is kept)."""
        for memo in (self.search, self.renders, self.outputs.memo):
            memo.new_generation()
        if segmentation != self.segmentation:
            self.search.previous.clear()
            self.segmentation = segmentation
        # Pickled: about five times faster than their repr at five times today's content. Equal
        # pickles are equal records; equal records pickled apart (a set's order) cost a render.
        self.records = fingerprint(pickle.dumps(records, protocol=5))

    def pages(self, files: Files, config: MkDocsConfig, *settings: object) -> None:
        """Give this language's pages a ``RememberedPage``; ``settings``: what else their render reads."""
        inputs = fingerprint(self.records, sorted((f.src_uri, f.dest_uri) for f in files), *settings)
        remember_pages(files, config, self.renders, inputs)


def nav_titles(nav: Iterable | None) -> dict[str, str]:
    """Source path -> the title that the ``nav`` configuration gives it."""
    titles: dict[str, str] = {}
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles[value] = title
                else:
                    titles.update(nav_titles(value))
    return titles


def remember_pages(files: Files, config: MkDocsConfig, memo: Memo, inputs: str) -> None:
    """Give every Markdown page of ``files`` a ``RememberedPage`` (called from ``on_files``)."""
    titles = {}
    for path, title in nav_titles(config.nav).items():
        file = files.get_file_from_path(path)  # as MkDocs finds it: mkdocs-static-i18n gives the twin
        if file is not None:
            titles[file.src_uri] = title
    for file in files.documentation_pages():
        if file.page is None:
            RememberedPage(titles.get(file.src_uri), file, config, memo, inputs)
