"""Typeset the page's formulas at build time as MathML, which browsers render natively.

No MathJax or KaTeX is shipped or fetched: pages stay light and work offline and behind the
firewalls that block CDNs. ``pymdownx.arithmatex`` (generic mode) finds ``$...$`` and ``$$...$$``;
this module replaces what it marked with MathML and rejects formulas it cannot typeset.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

# What pymdownx.arithmatex emits with `generic: true`.
_MARKED = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>',
    re.DOTALL,
)
_UNKNOWN_COMMAND = re.compile(r"<m[io]>(\\[A-Za-z]+)</m[io]>")
# An <mrow> around a single leaf changes nothing in MathML; long pages lay out faster without it.
_LONE_LEAF_ROW = re.compile(r"<mrow>(<(m[ino]|mtext)\b[^>]*>[^<]*</\2>)</mrow>")
_OUTER_ROW = re.compile(r"^(<math[^>]*>)<mrow>(.*)</mrow>(</math>)$", re.DOTALL)


class FormulaError(ValueError):
    """A formula that could not be typeset; the message quotes it."""


def to_mathml(tex: str, display: bool) -> str:
    try:
        mathml = convert(tex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many unrelated types
        raise FormulaError(f"cannot typeset ${tex}$ ({type(error).__name__} {error})") from None
    unknown = _UNKNOWN_COMMAND.search(mathml)
    if unknown:
        raise FormulaError(f"unknown command {unknown.group(1)} in ${tex}$")
    while True:
        simpler = _LONE_LEAF_ROW.sub(r"\1", mathml)
        if simpler == mathml:
            break
        mathml = simpler
    # <math> is itself a row; an <mrow> around all of it is redundant unless it closes early.
    outer = _OUTER_ROW.match(mathml)
    if outer and _balanced_rows(outer[2]):
        mathml = outer[1] + outer[2] + outer[3]
    return mathml


def _balanced_rows(inner: str) -> bool:
    """True if every <mrow> opened in ``inner`` closes inside it, never going below zero."""
    depth = 0
    for tag in re.finditer(r"<(/?)mrow>", inner):
        depth += -1 if tag[1] else 1
        if depth < 0:
            return False
    return depth == 0


def typeset(page_html: str) -> str:
    """Replace every formula arithmatex marked in ``page_html`` with MathML."""

    def replace(match: re.Match) -> str:
        display = match["open"] == "["
        mathml = to_mathml(html.unescape(match["tex"]).strip(), display)
        if display:
            return f'<div class="d2l-math">{mathml}</div>'
        return mathml

    return _MARKED.sub(replace, page_html)
