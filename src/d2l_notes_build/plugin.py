"""The MkDocs plugin: thin event glue around the modules of this package.

mkdocs-static-i18n builds each extra language by running the whole build again inside the first
one's ``on_post_build``. Work that is the same for every language (checking twins, running the
examples, splitting the search index) therefore happens in the outermost build only.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import jupytext
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import embed, glossary, languages, mathml
from .cache import ExampleCache, file_digest
from .pool import run_examples
from .runner import ExampleRun

log = logging.getLogger("mkdocs.plugins.d2l-notes")
_PLAIN_TOKEN = re.compile(r'<span class="[npw]">([^<]*)</span>')
_SHIM_URI = "assets/javascripts/iframe-worker-shim.js"
_CONFIG_BASE = re.compile(r'"base": "([^"]*)"')
_ALTERNATE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


class NotesConfig(Config):
    examples_dir = c.Type(str, default="examples")
    cache_dir = c.Type(str, default=".cache/examples")
    execute = c.Type(bool, default=True)
    timeout = c.Type((int, float), default=60)
    output_limit = c.Type(int, default=20_000)
    jobs = c.Type(int, default=0)
    glossary = c.Type(str, default="docs/glossary.yml")
    # The offline edition (Material's offline plugin) needs a Web Worker shim for file:// pages;
    # Material would load it from a CDN, so `make offline` takes it from the npm registry instead.
    offline = c.Type(bool, default=False)
    offline_shim = c.Type(str, default=".cache/iframe-worker/package/shim/index.js")


class NotesPlugin(BasePlugin[NotesConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.runs: dict[str, ExampleRun | None] = {}
        self.sources: dict[str, str] = {}
        self.terms: list[glossary.Term] = []

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _nested(config: MkDocsConfig) -> bool:
        """True inside the extra-language builds that mkdocs-static-i18n runs."""
        i18n = config.plugins.get("i18n")
        return bool(getattr(i18n, "building", False))

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent

    def _example_paths(self, root: Path) -> list[Path]:
        # Files starting with "_" are helpers that examples import, not examples.
        folder = root / self.config.examples_dir
        return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))

    # -- events ----------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # This package's template overrides (theme/: why, in each file) take precedence over Material's.
        theme_dir = str(Path(__file__).parent / "theme")
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(0, theme_dir)
        if self.config.offline:
            shim = self._root(config) / self.config.offline_shim
            if not shim.is_file():
                raise PluginError(f"{shim} is missing: `make offline` fetches it (npm package iframe-worker)")
            config.extra["polyfills"] = [_SHIM_URI]
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._nested(config):
            return
        root = self._root(config)
        problems = languages.missing_twins(Path(config.docs_dir))
        if problems:
            raise PluginError("pages without their translation:\n  " + "\n  ".join(problems))
        try:
            self.terms = glossary.load(root / self.config.glossary)
        except glossary.GlossaryError as error:
            raise PluginError(f"glossary: {error}") from None
        self.sources, self.runs = {}, {}
        for path in self._example_paths(root):
            relative = path.relative_to(root).as_posix()
            try:
                self.sources[path.stem] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                raise PluginError(f"{relative} is not UTF-8 ({error})") from None
        if self.config.execute:
            self._execute(root)
        else:
            self.runs = {name: None for name in self.sources}

    def _execute(self, root: Path) -> None:
        # A new interpreter or new pinned packages may change any output: they are part of the key.
        lock = root / "requirements.lock"
        packages = file_digest(lock)[:16] if lock.exists() else "unpinned"
        key = f"limit={self.config.output_limit}:python={sys.version.split()[0]}:lock={packages}"
        cache = ExampleCache(root / self.config.cache_dir, root, salt=key)
        folder = self.config.examples_dir
        stale = []
        for name in self.sources:
            self.runs[name] = cache.load(f"{folder}/{name}.py")
            if self.runs[name] is None:
                stale.append(str(root / folder / f"{name}.py"))
        if not stale:
            log.info(f"examples: all {len(self.sources)} unchanged, none run")
            return
        started = time.perf_counter()

        def progress(path: str, number: int, total: int, seconds: float) -> None:
            log.info(f"examples: [{number}/{total}] running {Path(path).name} ({seconds:.1f} s so far)")

        results = run_examples(
            stale,
            str(root),
            jobs=self.config.jobs or os.cpu_count() or 1,
            timeout=self.config.timeout,
            output_limit=self.config.output_limit,
            progress=progress,
        )
        failures = []
        for run in results.values():
            if run.error:
                failures.append(run.error)
                continue
            if run.leftover_files:
                log.warning(
                    f"{run.path} left files in its working directory, which were discarded: "
                    f"{', '.join(run.leftover_files)}"
                )
            cache.store(run)
            self.runs[Path(run.path).stem] = run
        log.info(f"examples: ran {len(stale)} in {time.perf_counter() - started:.1f} s")
        if failures:
            raise PluginError("example failed:\n" + "\n\n".join(sorted(failures)))

    @event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config.offline:
            shim = self._root(config) / self.config.offline_shim
            files.append(File.generated(config, _SHIM_URI, content=shim.read_bytes()))
        for name, source in self.sources.items():
            base = f"{self.config.examples_dir}/{name}"
            files.append(File.generated(config, f"{base}.py", content=source))
            notebook = jupytext.writes(jupytext.reads(source, fmt="py:light"), fmt="ipynb")
            files.append(File.generated(config, f"{base}.ipynb", content=notebook))
            run = self.runs.get(name)
            for number, svg in enumerate(run.figures if run else [], start=1):
                files.append(File.generated(config, f"{base}-{number}.svg", content=svg))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        language = config.theme["language"]
        source_path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"

        def relative(uri: str) -> str:
            file = files.get_file_from_path(uri)
            assert file is not None, uri
            return file.url_relative_to(page.file)

        def replace(match: re.Match) -> str:
            name = match["name"]
            if name not in self.sources:
                line = _line_of(page.file.content_string, match[0])
                raise PluginError(
                    f"{source_path}:{line}: no example named {name!r} "
                    f"(expected {self.config.examples_dir}/{name}.py)"
                )
            base = f"{self.config.examples_dir}/{name}"
            run = self.runs.get(name)
            links = {"py": relative(f"{base}.py"), "ipynb": relative(f"{base}.ipynb")}
            for number in range(1, len(run.figures) + 1 if run else 1):
                links[f"figure-{number}"] = relative(f"{base}-{number}.svg")
            return embed.example_markdown(name, self.sources[name], run, language, links)

        markdown = embed.DIRECTIVE.sub(replace, markdown)
        return glossary.DIRECTIVE.sub(
            lambda _: glossary.glossary_markdown(self.terms, language), markdown
        )

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        source_path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        try:
            html = mathml.typeset(html)
        except mathml.FormulaError as error:
            raise PluginError(f"{source_path}: {error}") from None
        # Pygments wraps every name, punctuation mark and space in a span that Material colours
        # like plain code text; dropping them removes a quarter of a long page's elements.
        html = _PLAIN_TOKEN.sub(r"\1", html)
        glossary_file = files.get_file_from_path("glossary.md")
        if glossary_file and page.file is not glossary_file and not page.file.src_uri.startswith("glossary."):
            url = glossary_file.url_relative_to(page.file)
            html = glossary.link_terms(html, self.terms, config.theme["language"], url)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Material fetches "sitemap.xml" next to every <link rel="alternate">; mkdocs-static-i18n
        # points those at the twin page, so each page view made two requests that 404. The
        # sitemap already carries the hreflang alternates of every page.
        output = _ALTERNATE_LINK.sub("", output)
        language = config.theme["language"]
        # Material's search dialog has no accessible name (Lighthouse: aria-dialog-name).
        label = "搜索" if language == "zh" else "Search"
        output = output.replace(
            'data-md-component="search" role="dialog"',
            f'data-md-component="search" role="dialog" aria-label="{label}"',
            1,
        )
        if language != languages.DEFAULT:
            # Material looks for the search index under "base"; every language shares the site
            # root as base, so English pages would search the Chinese index. Point them at /en/.
            output = _CONFIG_BASE.sub(lambda m: f'"base": "{m[1]}/{language}/"', output, count=1)
        return output

    @event_priority(-200)  # after mkdocs-static-i18n has built the other languages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._nested(config):
            return
        site = Path(config.site_dir)
        counts = languages.split_search_index(site, as_script=self.config.offline)
        languages.make_404_bilingual(site, urlsplit(config.site_url or "/").path or "/")
        log.info(f"search: {counts} entries per language")


def _line_of(source: str, line_text: str) -> int:
    """1-based line of ``line_text`` in the page's source, front matter included."""
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip() == line_text.strip():
            return number
    return 0
