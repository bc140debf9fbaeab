"""Typeset the page's formulas at build time as MathML, which browsers render natively.

No MathJax or KaTeX is shipped or fetched: pages stay light and work offline and behind the
firewalls that block CDNs. ``pymdownx.arithmatex`` (generic mode) finds ``$...$`` and ``$$...$$``
and wraps each in an element of class ``arithmatex``; this tree processor replaces those elements
with MathML and rejects formulas it cannot typeset.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

from latex2mathml.converter import convert
from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from . import glue
from .context import PageContext

_ALIGNED = re.compile(r"(\\(?:begin|end))\{aligned\}")
_UNKNOWN_COMMAND = re.compile(r"<m[io]>(\\[A-Za-z]+)</m[io]>")
_NAMESPACE = ' xmlns="http://www.w3.org/1998/Math/MathML"'
_DELIMITERS = {"span": ("\\(", "\\)"), "div": ("\\[", "\\]")}


class FormulaError(ValueError):
    """A formula that could not be typeset; the message quotes it."""


def to_mathml(tex: str, display: bool) -> etree.Element:
    """The formula as a <math> element, without redundant rows (long pages lay out faster)."""
    return etree.fromstring(_mathml(tex, display))


@lru_cache(maxsize=None)  # latex2mathml is slow, and `mkdocs serve` typesets every page at each save
def _mathml(tex: str, display: bool) -> str:
    # latex2mathml has no `aligned` (it prints the & as text); `split` is the same alignment.
    source = _ALIGNED.sub(r"\1{split}", tex)
    try:
        mathml = convert(source, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many unrelated types
        raise FormulaError(f"cannot typeset ${tex}$ ({type(error).__name__} {error})") from None
    unknown = _UNKNOWN_COMMAND.search(mathml)
    if unknown:
        raise FormulaError(f"unknown command {unknown.group(1)} in ${tex}$")
    try:
        root = etree.fromstring(mathml.replace(_NAMESPACE, "", 1))
    except etree.ParseError as error:  # e.g. an alignment & outside an environment that aligns
        raise FormulaError(f"cannot typeset ${tex}$ (latex2mathml wrote invalid MathML: {error})") from None
    _drop_lone_rows(root)
    return etree.tostring(root, encoding="unicode")


def _drop_lone_rows(element: etree.Element) -> None:
    """An <mrow> with a single child, or one that is all of <math>, groups nothing."""
    for index, child in enumerate(list(element)):
        _drop_lone_rows(child)
        single = child.tag == "mrow" and len(child) == 1 and not (child.text or "").strip()
        whole = child.tag == "mrow" and element.tag == "math" and len(element) == 1
        if single or whole:
            element.remove(child)
            for offset, grandchild in enumerate(list(child)):
                element.insert(index + offset, grandchild)


class MathProcessor(Treeprocessor):
    def __init__(self, md, extension: "MathExtension") -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page: PageContext = self.extension.page
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if "arithmatex" not in element.get("class", "").split():
                    continue
                tex = self._tex(element, page)
                tex = glue.in_tex(tex, self.extension.examples, page)
                display = element.tag == "div"
                try:
                    math = to_mathml(tex, display)
                except FormulaError as error:
                    raise page.error(str(error), tex.split("\n")[0]) from None
                if display:
                    wrapper = etree.Element("div", {"class": "d2l-math"})
                    wrapper.append(math)
                    math = wrapper
                math.tail = element.tail
                parent.remove(element)
                parent.insert(index, math)
        self._check_nothing_left(root, page)

    @staticmethod
    def _check_nothing_left(root: etree.Element, page: PageContext) -> None:
        """A `$$` that reaches the page as text is a formula arithmatex did not see, most often
        display math in a list item indented less than the item's content (4 spaces)."""
        skipped = {element for element in root.iter() if element.tag in ("code", "pre")}
        skipped |= {child for element in skipped for child in element.iter()}
        for element in root.iter():
            for text in (element.text if element not in skipped else None, element.tail):
                if text and "$$" in text:
                    line = text[text.index("$$"):].strip().split("\n")[0]
                    raise page.error(
                        "a formula was not typeset: inside a list, indent display math ($$) "
                        "by 4 spaces", line or "$$"
                    )
    @staticmethod
    def _tex(element: etree.Element, page: PageContext) -> str:
        """The TeX inside arithmatex's generic markup; fail loudly if that markup ever changes."""
        opening, closing = _DELIMITERS.get(element.tag, ("", ""))
        text = element.text or ""
        if not (opening and text.startswith(opening) and text.endswith(closing)) or len(element):
            raise page.error(
                "pymdownx.arithmatex no longer marks formulas as <span|div class=\"arithmatex\">\\(...\\)"
                f" (generic mode), which this site's math typesetting relies on: {text[:60]!r}"
            )
        tex = text[len(opening) : -len(closing)].strip()
        return html.unescape(tex) if element.tag == "div" else tex  # arithmatex escapes blocks only


class MathExtension(Extension):
    def __init__(self, examples: dict, page: PageContext) -> None:
        super().__init__()
        self.examples = examples
        self.page = page

    def extendMarkdown(self, md) -> None:
        # Right after inline processing (20), before the glossary (18) and the table of contents.
        md.treeprocessors.register(MathProcessor(md, self), "d2l-math", 19)
