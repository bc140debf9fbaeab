"""The MkDocs plugin: thin event glue that registers this package's Markdown extensions.

mkdocs-static-i18n builds each extra language by running the whole build again inside the first
one's ``on_post_build``. Work that is the same for every language (checking twins, running the
examples, splitting the search index) therefore happens in the outermost build only; the records
it makes are what every language's pages read.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import book, budget, gallery, glossary, languages, readers, rebuild, search
from .book import BookExtension
from .cache import ExampleCache, file_digest
from .context import PageContext
from .embed import ExampleExtension
from .glossary import GlossaryExtension
from .glue import GlueExtension
from .mathml import MathExtension
from .readers import ReadersExtension

log = logging.getLogger("mkdocs.plugins.d2l-notes")
_SHIM_URI = "assets/javascripts/iframe-worker-shim.js"


class NotesConfig(Config):
    examples_dir = c.Type(str, default="examples")
    """Folder of the example scripts, relative to mkdocs.yml; files starting with "_" are helpers."""
    cache_dir = c.Type(str, default=".cache/examples")
    """Where runs are kept between builds (relative to mkdocs.yml). Next to it, in its parent
    folder: `templates` (compiled templates), `downloads` (the examples' zip) and `matplotlib` (the
    examples' MPLCONFIGDIR)."""
    execute = c.Type(bool, default=True)
    """Run the examples; without it pages show their source only (quick drafts)."""
    timeout = c.Type((int, float), default=60)
    """Seconds an example (its run and its doctests) may take before it is killed."""
    output_limit = c.Type(int, default=20_000)
    """Characters of an example's output kept; the rest is cut with a visible note."""
    jobs = c.Type(int, default=0)
    """Examples run at once; 0 means one per CPU core."""
    glossary = c.Type(str, default="docs/glossary.yml")
    """The glossary's one source: both glossary pages and every page's term hints."""
    book = c.Type(str, default="docs/book.yml")
    """The book's sections that `!book NUMBER` lines cite."""
    figure_text = c.Type(str, default="docs/figure-text.yml")
    """The Chinese of the examples' English figure text."""
    offline = c.Type(bool, default=False)
    """Build the file:// edition (Material's offline plugin needs a Web Worker shim for search)."""
    offline_shim = c.Type(str, default=".cache/iframe-worker/package/shim/index.js")
    """The shim, from the npm package iframe-worker (`make offline` fetches it), not from a CDN."""
    page_elements = c.Type(int, default=1500)
    """Budget: a page's HTML elements (see budget.py); a page over it gets a warning. 0: no check."""
    page_kb = c.Type(int, default=250)
    """Budget: what a first visit to a page transfers, in KB compressed. 0: no check."""


def _require(condition: bool, message: str) -> str:
    """For templates: stop the build when an assumption about Material's output no longer holds."""
    if not condition:
        raise PluginError(f"theme override: {message}")
    return ""


class NotesPlugin(BasePlugin[NotesConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # The extensions keep references to these; they are filled in place at each build.
        self.examples: dict[str, gallery.Example] = {}
        self.terms: list[glossary.Term] = []
        self.sections: dict[str, dict] = {}
        self.places: dict[str, list[readers.Place]] = {}
        self.page = PageContext(language="")
        self.languages = languages.Languages("zh", ())
        self._languages = [self.languages]  # what the readers' extension sees
        self.zip = b""
        self.built: list[Path] = []  # every language's pages, for the budgets
        self.serving = False
        self.helpers: dict[str, str] = {}
        # Kept across the builds of one process: both languages' builds and, under `mkdocs serve`
        # (a plugin with on_startup is one instance for all its rebuilds), every rebuild.
        self.rebuilds = rebuild.Rebuilds()
        self.nav = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # The page budgets are a check before publishing; under `mkdocs serve` they would add about
        # 1.5 s to every rebuild after an edit.
        self.serving = command == "serve"

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        # mkdocs serve watches docs/ and mkdocs.yml: an edited example would not run again.
        server.watch(str(self._root(config) / self.config.examples_dir))
        return server

    @staticmethod
    def _nested(config: MkDocsConfig) -> bool:
        """True inside the extra-language builds that mkdocs-static-i18n runs."""
        return bool(getattr(config.plugins.get("i18n"), "building", False))

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent

    # -- configuration -----------------------------------------------------------------------

    @event_priority(100)  # before Material's search plugin reads its settings
    def _configure_search(self, config: MkDocsConfig) -> None:
        if search.enabled(config):
            search.configure(self._search(config), config.theme["language"])

    @event_priority(-150)  # after mkdocs-static-i18n has set this build's language
    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        # This package's template overrides (theme/: why, in each file) take precedence over Material's.
        theme_dir = str(Path(__file__).parent / "theme")
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(0, theme_dir)
        if not any(isinstance(e, ExampleExtension) for e in config.markdown_extensions):
            config.markdown_extensions += [
                BookExtension(self.sections, self.page),
                ExampleExtension(self.examples, self.page),
                GlueExtension(self.examples, self.page),
                MathExtension(self.examples, self.page),
                GlossaryExtension(self.terms, self.page),
                ReadersExtension(self.examples, self.places, self._languages, self.page),
            ]
        if self.config.offline:
            shim = self._root(config) / self.config.offline_shim
            if not shim.is_file():
                raise PluginError(f"{shim} is missing: `make offline` fetches it (npm package iframe-worker)")
            config.extra["polyfills"] = [_SHIM_URI]
        if self.serving and search.enabled(config):
            search.remember_entries(self._search(config), self.rebuilds.search, self.rebuilds.outputs.keys)
        self.languages = languages.Languages.of(config)
        self._languages[:] = [self.languages]
        # The root 404.html (one for all languages, see theme/404.html) comes from the first build;
        # the other languages' builds would overwrite it.
        if config.theme["language"] == self.languages.default:
            config.theme.static_templates.add("404.html")
        else:
            config.theme.static_templates.discard("404.html")
        return config

    on_config = CombinedEvent(_configure_search, _configure)

    @staticmethod
    def _search(config: MkDocsConfig):
        return config.plugins.get("material/search") or config.plugins["search"]

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.globals["require"] = _require
        # Compiling Material's templates took about 0.3 s of every build process (MkDocs makes a new
        # environment for each build); Jinja checks each entry against its template's source.
        templates = self._root(config) / Path(self.config.cache_dir).parent / "templates"
        templates.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(templates))
        if self.serving:
            theme = sorted((p.name, p.read_bytes()) for p in (Path(__file__).parent / "theme").rglob("*.html"))
            config_file = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
            site = rebuild.fingerprint(config_file, config.theme["language"], config.site_url, theme)
            self.rebuilds.outputs.choose(files, self.nav, site)
        root = urlsplit(config.site_url or "/").path or "/"
        env.globals["d2l_roots"] = {
            language: root if language == self.languages.default else f"{root}{language}/"
            for language in self.languages.all
        }
        return env

    # -- the build ---------------------------------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._nested(config):
            return
        root = self._root(config)
        docs = Path(config.docs_dir)
        problems = languages.missing_twins(docs, self.languages)
        if problems:
            raise PluginError("pages without their translation:\n  " + "\n  ".join(problems))
        for problem in languages.section_problems(docs, self.languages):
            log.warning(problem)
        try:
            self.terms[:] = glossary.load(root / self.config.glossary, self.languages.all)
            self.sections.clear()
            self.sections.update(book.load(root / self.config.book))
            examples = gallery.collect(root, self.config.examples_dir)
        except (glossary.GlossaryError, book.BookError, gallery.GalleryError) as error:
            raise PluginError(str(error)) from None
        self.examples.clear()
        self.examples.update(examples)
        self.places.clear()
        self.places.update(readers.places(docs, self.languages))
        words = []
        if search.enabled(config):  # before any page is indexed: glossary terms stay whole words
            words = search.prepare_jieba([term.names.get("zh", "") for term in self.terms] + list(search.DOMAIN_WORDS)
                                         + [name for names in search.ALIASES.values() for name in names])
        self.helpers = gallery.helpers(root, self.config.examples_dir)
        if self.config.execute:
            self._execute(root)
        self.zip = readers.examples_zip(self.examples, root, self.config.examples_dir,
                                        cache=root / Path(self.config.cache_dir).parent / "downloads",
                                        salt=self._packages(root))
        if self.serving:
            self.rebuilds.start((self.examples, self.terms, self.sections, self.places, self.languages), words)

    @staticmethod
    def _packages(root: Path) -> str:
        """The interpreter and the pinned packages: a new one may change any output made with it."""
        lock = root / "requirements.lock"
        return f"python={sys.version.split()[0]}:lock={file_digest(lock)[:16] if lock.exists() else 'unpinned'}"

    def _execute(self, root: Path) -> None:
        salt = f"limit={self.config.output_limit}:{self._packages(root)}"
        cache = ExampleCache(root / self.config.cache_dir, root, salt=salt)
        try:
            table = gallery.load_translations(root / self.config.figure_text)
            gallery.execute(
                self.examples,
                root,
                cache,
                helpers=self.helpers,
                translations={lang: table for lang in self.languages.all if lang != "en"},
                translations_file=self.config.figure_text,
                jobs=self.config.jobs,
                timeout=self.config.timeout,
                output_limit=self.config.output_limit,
                log=log,
            )
        except gallery.GalleryError as error:
            raise PluginError(str(error)) from None

    @event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config.offline:
            shim = self._root(config) / self.config.offline_shim
            files.append(File.generated(config, _SHIM_URI, content=shim.read_bytes()))
        files.append(File.generated(config, readers.ZIP_URI, content=self.zip))
        for uri, source in self.helpers.items():
            files.append(File.generated(config, uri, content=source))
        if search.enabled(config):
            search.patch_worker(files, required=not self._nested(config))
        language = config.theme["language"]
        for example in self.examples.values():
            for uri, content in example.files(language).items():
                files.append(File.generated(config, uri, content=content))
        if self.serving:
            extensions = [e if isinstance(e, str) else type(e).__name__ for e in config.markdown_extensions]
            self.rebuilds.pages(files, config, language, extensions, config.mdx_configs, config.site_url,
                                config.use_directory_urls, self.config.offline)
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        self.nav = nav
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.page.language = config.theme["language"]
        self.page.src_uri = page.file.src_uri
        self.page.docs_dir = Path(config.docs_dir).name
        self.page.markdown = markdown
        return markdown

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        language = config.theme["language"]
        # The language switch leads to the twin page by a relative link, on every page: for home
        # pages mkdocs-static-i18n leaves an absolute link built from site_url, which leads nowhere
        # under another path (`mkdocs serve`, a fork's Pages site, the offline zip).
        alternates = getattr(page.file, "alternates", {})
        # (mkdocs-static-i18n sets `config.extra.alternate` as an attribute, which templates read.)
        for alternate in getattr(config.extra, "alternate", None) or []:
            twin = alternates.get(alternate.get("lang"))
            if twin is not None:
                alternate["link"] = twin.url or "./"
        # Material looks for the search index under "base"; each language has its own index. The
        # trailing slash matters: Material resolves "search/search_index.json" against "base", and
        # without it the English pages read the Chinese index (and link to Chinese pages).
        context["d2l_search_base"] = None
        if language != self.languages.default:
            context["d2l_search_base"] = f"{context['base_url']}/{language}/"
        return self.rebuilds.outputs.context(page, context) if self.serving else context

    @event_priority(100)  # before any plugin changes the page: rebuild.RememberedOutput
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.built.append(Path(config.site_dir) / page.file.dest_uri)
        if self.serving:
            self.rebuilds.outputs.keep(page, output)
        return output

    @event_priority(-200)  # after mkdocs-static-i18n has built the other languages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._nested(config):
            return
        built, self.built = self.built, []
        sizes: dict[Path, int] = {}
        for page in [] if self.serving else sorted(set(built)):
            if page.is_file():
                size = budget.measure(Path(config.site_dir), page, sizes)
                for problem in budget.over(size, self.config.page_elements, self.config.page_kb):
                    log.warning(problem)
        if not ({"search", "material/search"} & set(config.plugins)):
            return
        site = Path(config.site_dir)
        counts = languages.split_search_index(site, self.languages, as_script=self.config.offline, terms=self.terms)
        log.info(f"search: {counts} entries per language")
