"""One bilingual glossary (``docs/glossary.yml``) feeds both glossary pages and the term hints.

``!glossary`` on a line of its own becomes the glossary. In every other page, the first mention of
each term becomes a link to its entry carrying the term in the other language as ``data-hint``;
CSS shows it on hover and focus. (Material's JavaScript tooltips cost a mobile reader ~300 ms of
blocked main thread on a long page; CSS costs nothing.) Terms are found on the element tree, as
Python-Markdown's ``abbr`` extension does, so code, links, headings and formulas are skipped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .context import YAML_LOADER, PageContext

# Text inside these elements is left alone: links, code, headings, formulas.
_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "math", "script", "style", "svg", "dfn"}
_GLOSSARY_PAGE = "glossary.md"


@dataclass(frozen=True)
class Term:
    id: str
    names: dict[str, str]
    definitions: dict[str, str]


class GlossaryError(ValueError):
    pass


def load(path: Path, languages: tuple[str, ...]) -> list[Term]:
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise GlossaryError(f"{path}: {error}") from None
    terms, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        try:
            term = Term(
                id=entry["id"],
                names={lang: entry[lang] for lang in languages},
                definitions={lang: entry["definition"][lang] for lang in languages},
            )
        except (KeyError, TypeError) as error:
            raise GlossaryError(f"{path}: entry {number} lacks {error}") from None
        if term.id in seen:
            raise GlossaryError(f"{path}: entry {number} repeats id {term.id!r}")
        seen.add(term.id)
        terms.append(term)
    return terms


def _other(language: str, term: Term) -> str:
    return next(lang for lang in term.names if lang != language)


class GlossaryBlock(BlockProcessor):
    """``!glossary``: a definition list, one anchored entry per term, in English alphabetical order."""

    def __init__(self, parser, extension: "GlossaryExtension") -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block) -> bool:
        return block.strip() == "!glossary"

    def run(self, parent, blocks) -> None:
        blocks.pop(0)
        language = self.extension.page.language
        listing = etree.SubElement(parent, "dl", {"class": "d2l-glossary"})
        for term in sorted(self.extension.terms, key=lambda t: t.names["en"].lower()):
            other = _other(language, term)
            entry = etree.SubElement(listing, "dt", {"id": term.id})
            etree.SubElement(entry, "dfn").text = AtomicString(term.names[language])
            name = etree.SubElement(entry, "span", {"lang": other})
            name.text = AtomicString(term.names[other])
            name.tail = None
            entry[0].tail = " "
            etree.SubElement(listing, "dd").text = AtomicString(term.definitions[language])


def _pattern(names: list[str], language: str) -> re.Pattern:
    """Longest names first; spaces match any run of white space (names may wrap in the source)."""
    ordered = sorted(names, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in ordered)
    if language == "en":  # whole words, plurals included
        return re.compile(rf"\b({alternatives})(?:e?s)?\b", re.IGNORECASE)
    return re.compile(f"({alternatives})", re.IGNORECASE)


class TermLinker(Treeprocessor):
    """Link the first mention of each term in the page's text to its glossary entry."""

    def __init__(self, md, extension: "GlossaryExtension") -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page: PageContext = self.extension.page
        if page.src_uri.split(".")[0] == _GLOSSARY_PAGE.split(".")[0] or not self.extension.terms:
            return
        language = page.language
        self.by_name = {t.names[language].lower(): t for t in self.extension.terms}
        self.pattern = _pattern(list(self.by_name), language)
        self.linked: set[str] = set()
        self.url = page.link_to(_GLOSSARY_PAGE)
        self._visit(root)

    def _visit(self, element: etree.Element) -> None:
        """Document order: the element's text, then each child's content followed by its tail."""
        if element.tag in _SKIP:
            return
        element.text = self._link(element, element.text, before=0)
        for child in list(element):
            self._visit(child)
            if child.tail:
                child.tail = self._link(element, child.tail, before=list(element).index(child) + 1)

    def _link(self, parent: etree.Element, text: str | None, before: int) -> str | None:
        """Link terms in ``text``, which sits in ``parent`` before child number ``before``;
        return what stays as text there."""
        if not text or isinstance(text, AtomicString):
            return text
        pieces: list[str | etree.Element] = []
        position = 0
        for match in self.pattern.finditer(text):
            term = self.by_name[" ".join(match[1].split()).lower()]
            if term.id in self.linked:
                continue
            self.linked.add(term.id)
            link = etree.Element(
                "a",
                {
                    "class": "d2l-term",
                    "href": f"{self.url}#{term.id}",
                    "data-hint": term.names[_other(self.extension.page.language, term)],
                },
            )
            link.text = match[0]
            pieces += [text[position : match.start()], link]
            position = match.end()
        if not pieces:
            return text
        pieces.append(text[position:])
        head, rest = pieces[0], pieces[1:]
        # rest alternates link, text, link, text...: insert each link with the text after it as tail
        for offset in range(0, len(rest), 2):
            link, tail = rest[offset], rest[offset + 1]
            link.tail = tail
            parent.insert(before + offset // 2, link)
        return head


class GlossaryExtension(Extension):
    def __init__(self, terms: list[Term], page: PageContext) -> None:
        super().__init__()
        self.terms = terms
        self.page = page

    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(GlossaryBlock(md.parser, self), "d2l-glossary", 96)
        # After math (19): formulas are <math> elements by then, and skipped.
        md.treeprocessors.register(TermLinker(md, self), "d2l-terms", 18)
