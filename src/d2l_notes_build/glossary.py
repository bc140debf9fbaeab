"""One bilingual glossary (``docs/glossary.yml``) feeds both glossary pages and the term hints.

In every page the first mention of each glossary term becomes a link to its entry carrying the term
in the other language as ``data-hint``; CSS shows it on hover and focus. (Material's JavaScript
tooltips cost a mobile reader ~300 ms of blocked main thread on a long page; CSS costs nothing.)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DIRECTIVE = re.compile(r"^!glossary\s*$", re.MULTILINE)
LANGUAGES = ("zh", "en")
# Text inside these elements is left alone: links, code, headings, formulas.
_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "math", "script", "style", "svg"}
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*?(/?)>")


@dataclass(frozen=True)
class Term:
    id: str
    names: dict[str, str]
    definitions: dict[str, str]


class GlossaryError(ValueError):
    pass


def load(path: Path) -> list[Term]:
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GlossaryError(f"{path}: {error}") from None
    terms, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        try:
            term = Term(
                id=entry["id"],
                names={lang: entry[lang] for lang in LANGUAGES},
                definitions={lang: entry["definition"][lang] for lang in LANGUAGES},
            )
        except (KeyError, TypeError) as error:
            raise GlossaryError(f"{path}: entry {number} lacks {error}") from None
        if term.id in seen:
            raise GlossaryError(f"{path}: entry {number} repeats id {term.id!r}")
        seen.add(term.id)
        terms.append(term)
    return terms


def glossary_markdown(terms: list[Term], language: str) -> str:
    """A definition list, one anchored entry per term, sorted for the reader's language."""
    other = "en" if language == "zh" else "zh"
    ordered = sorted(terms, key=lambda t: t.names["en"].lower())
    lines = []
    for term in ordered:
        lines.append(
            f'<dt id="{term.id}"><dfn>{html.escape(term.names[language])}</dfn>'
            f' <span lang="{other}">{html.escape(term.names[other])}</span></dt>'
        )
        lines.append(f"<dd>{html.escape(term.definitions[language])}</dd>")
    return '<dl class="d2l-glossary">\n' + "\n".join(lines) + "\n</dl>"


def _pattern(names: list[str], language: str) -> re.Pattern:
    """Longest names first; spaces match any run of white space (names may wrap in the source)."""
    ordered = sorted(names, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in ordered)
    if language == "en":  # whole words, plurals included
        return re.compile(rf"\b({alternatives})(?:e?s)?\b", re.IGNORECASE)
    return re.compile(f"({alternatives})", re.IGNORECASE)


def link_terms(page_html: str, terms: list[Term], language: str, glossary_url: str) -> str:
    """Link the first mention of each term in the page's text to its glossary entry."""
    other = "en" if language == "zh" else "zh"
    by_name = {t.names[language].lower(): t for t in terms}
    pattern = _pattern(list(by_name), language)
    linked: set[str] = set()
    skipping: list[str] = []
    pieces, position = [], 0

    def link(match: re.Match) -> str:
        term = by_name[" ".join(match[1].split()).lower()]
        if term.id in linked:
            return match[0]
        linked.add(term.id)
        hint = html.escape(term.names[other])
        return (
            f'<a class="d2l-term" href="{glossary_url}#{term.id}" data-hint="{hint}">{match[0]}</a>'
        )

    for tag in _TAG.finditer(page_html):
        text = page_html[position : tag.start()]
        pieces.append(text if skipping else pattern.sub(link, text))
        pieces.append(tag[0])
        position = tag.end()
        closing, name, self_closing = tag[1], tag[2].lower(), tag[3]
        if name in _SKIP and not self_closing:
            if closing:
                if skipping and skipping[-1] == name:
                    skipping.pop()
            else:
                skipping.append(name)
    tail = page_html[position:]
    pieces.append(tail if skipping else pattern.sub(link, tail))
    return "".join(pieces)
