"""The site's languages, as the i18n plugin's configuration in ``mkdocs.yml`` lists them, and what
the bilingual build needs beyond mkdocs-static-i18n: twin pages that say the same, and one search
index per language."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .glue import REFERENCE
from .search import glossary_entries, index_config, synonyms, weigh_entries

_QUESTION = re.compile(r"^##\s.*\{#(q\d+)\}\s*$")
_EXAMPLE = re.compile(r"^!example\s+([\w-]+)\s*$")


@dataclass(frozen=True)
class Languages:
    default: str
    others: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return (self.default, *self.others)

    @classmethod
    def of(cls, config: MkDocsConfig) -> "Languages":
        """The languages that mkdocs-static-i18n builds (suffix layout: ``x.md``, ``x.en.md``)."""
        i18n = config.plugins.get("i18n")
        if i18n is None:
            language = config.theme.get("language") or "en"
            return cls(language, ())
        built = [lang for lang in i18n.config.languages if lang.build]
        default = next(lang.locale for lang in built if lang.default)
        return cls(default, tuple(lang.locale for lang in built if not lang.default))

    @classmethod
    def of_file(cls, mkdocs_yml: Path) -> "Languages":
        """The languages of the site that ``mkdocs_yml`` configures."""
        from mkdocs.config import load_config

        config = load_config(str(mkdocs_yml))
        config.plugins.on_startup(command="build", dirty=False)
        return cls.of(config)

    def of_page(self, src_uri: str) -> str:
        for language in self.others:
            if src_uri.endswith(f".{language}.md"):
                return language
        return self.default

    def twin(self, src_uri: str, language: str) -> str:
        """``notes/x.md`` <-> ``notes/x.en.md``."""
        current = self.of_page(src_uri)
        stem = src_uri[: -len(".md")] if current == self.default else src_uri[: -len(f".{current}.md")]
        return f"{stem}.md" if language == self.default else f"{stem}.{language}.md"


def missing_twins(docs_dir: Path, languages: Languages) -> list[str]:
    """Messages for every page whose translation does not exist."""
    pages = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
    problems = []
    for page in sorted(pages):
        for language in languages.all:
            twin = languages.twin(page, language)
            if twin not in pages:
                problems.append(f"{docs_dir.name}/{page}: its translation {docs_dir.name}/{twin} does not exist")
    return problems


@dataclass
class Section:
    line: int
    examples: list[str]
    glued: set[str]
    cites_book: bool


@functools.lru_cache(maxsize=512)  # every build reads every page twice; `mkdocs serve` builds often
def question_sections(markdown: str) -> dict[str, Section]:
    """The ``## Q… {#qN}`` sections of a page's source, with what each embeds (shared: read only)."""
    sections: dict[str, Section] = {}
    current = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        heading = _QUESTION.match(line)
        if heading:
            current = sections[heading[1]] = Section(number, [], set(), False)
        elif line.startswith(("# ", "## ")):
            current = None
        elif current is not None:
            example = _EXAMPLE.match(line)
            if example:
                current.examples.append(example[1])
            current.cites_book |= line.startswith("!book ")
            current.glued |= {f"{m['example']}.{m['key']}" for m in REFERENCE.finditer(line)}
    return sections


def section_problems(docs_dir: Path, languages: Languages) -> list[str]:
    """Every question embeds an example and cites the book; twins embed and glue the same."""
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        relative = page.relative_to(docs_dir).as_posix()
        if languages.of_page(relative) != languages.default:
            continue
        texts = {}
        for language in languages.all:
            path = docs_dir / languages.twin(relative, language)
            if path.exists():
                texts[language] = (path, question_sections(path.read_text(encoding="utf-8", errors="replace")))
        for language, (path, sections) in texts.items():
            where = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
            for anchor, section in sections.items():
                if not section.examples:
                    problems.append(f"{where}:{section.line}: {anchor} embeds no example")
                if not section.cites_book:
                    problems.append(f"{where}:{section.line}: {anchor} has no '!book SECTION' line")
        if len(texts) < 2:
            continue
        (first, (first_path, first_sections)), *rest = texts.items()
        for language, (path, sections) in rest:
            pair = f"{docs_dir.name}/{first_path.relative_to(docs_dir).as_posix()} and {path.name}"
            if list(first_sections) != list(sections):
                problems.append(f"{pair}: different questions {list(first_sections)} vs {list(sections)}")
                continue
            for anchor, section in sections.items():
                original = first_sections[anchor]
                if sorted(original.examples) != sorted(section.examples):
                    problems.append(f"{pair}: {anchor} embeds {original.examples} vs {section.examples}")
                if original.glued != section.glued:
                    difference = sorted(original.glued ^ section.glued)
                    problems.append(f"{pair}: {anchor} glues different values: {', '.join(difference)}")
    return problems


def split_search_index(
    site_dir: Path, languages: Languages, as_script: bool = False, terms: Sequence = ()
) -> dict[str, int]:
    """Give each language a search index of its own pages only, with its language's settings.

    mkdocs-static-i18n writes one index holding every language, with one configuration, to
    ``search/``; Material's search on an English page reads ``en/search/`` (see ``theme/main.html``).
    Results must lead to the reader's own language, and each index is tokenized, filtered and stemmed
    as its language needs (``search.SETTINGS``). The glossary's ``terms`` become entries of their own
    and give each language's names of a term to the query (``search.synonyms``). ``as_script`` also
    writes the ``search_index.js`` that Material loads from ``file://`` pages.
    """
    combined_path = site_dir / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    prefixes = tuple(f"{other}/" for other in languages.others)
    counts = {}
    for language in languages.all:
        if language == languages.default:
            docs = [d for d in combined["docs"] if not d["location"].startswith(prefixes)]
            target = combined_path
        else:
            prefix = f"{language}/"
            docs = [
                {**d, "location": d["location"][len(prefix) :]}
                for d in combined["docs"]
                if d["location"].startswith(prefix)
            ]
            target = site_dir / language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = index_config(language, combined["config"], synonyms(terms, language))
        docs = weigh_entries(glossary_entries(docs, terms, language) if terms else docs)
        index = {**combined, "config": config, "docs": docs}
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, "utf-8")
        if as_script:
            target.with_suffix(".js").write_text(f"var __index = {text}", "utf-8")
        counts[language] = len(docs)
    return counts
