"""Figures as light, stable SVG, redrawn in each language of the site from one run.

The examples write figure text in English. ``docs/figure-text.yml`` gives the other languages'
text; :func:`render` sets it on the live figure's text artists and draws again, so legends and
margins are laid out for the translated text, not patched over the English drawing.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

SOURCE_LANGUAGE = "en"  # the language figure text is written in
_NUMBER = re.compile(r"-?\d+\.\d+")
_ATTRIBUTE = re.compile(r'(\s[\w:-]+=")([^"]*)(")')
_TAG = re.compile(r"<[^>!?][^>]*>")
_MATH = re.compile(r"(?<!\\)\$.*?(?<!\\)\$")
_WORD = re.compile(r"[A-Za-z]{2,}")



class Translations:
    """English figure text -> the same text in one other language.

    A key may contain ``{}`` for a varying part; the translation puts the parts back in order.
    """

    def __init__(self, table: dict[str, str]) -> None:
        self.exact: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern, str]] = []
        for key, value in table.items():
            if "{}" in key:
                regex = "^" + "(.+?)".join(map(re.escape, key.split("{}"))) + "$"
                self.patterns.append((re.compile(regex, re.DOTALL), value))
            else:
                self.exact[key] = value

    def __call__(self, text: str) -> str | None:
        if text in self.exact:
            return self.exact[text]
        for pattern, template in self.patterns:
            match = pattern.match(text)
            if match:
                parts = iter(match.groups())
                return re.sub(r"\{\}", lambda _: next(parts), template)
        return None


def needs_translation(text: str) -> bool:
    """True if ``text`` has a word in it outside matplotlib math (numbers and symbols need none)."""
    return bool(_WORD.search(_MATH.sub("", text)))


@dataclass
class Drawing:
    svg: str
    width: int  # CSS pixels
    height: int


def to_svg(figure) -> Drawing:
    """SVG with text kept as text (no embedded glyphs), stable ids, coordinates to 2 decimals."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "d2l-notes"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    svg = round_coordinates(buffer.getvalue())
    width, height = svg_size(svg)
    return Drawing(svg, width, height)


def round_coordinates(svg: str) -> str:
    """Round the numbers inside tags' attribute values; text content (tick labels) is untouched."""

    def in_attribute(match: re.Match) -> str:
        return match[1] + _NUMBER.sub(lambda n: f"{float(n[0]):.2f}".rstrip("0").rstrip("."), match[2]) + match[3]

    return _TAG.sub(lambda tag: _ATTRIBUTE.sub(in_attribute, tag[0]), svg)


def svg_size(svg: str) -> tuple[int, int]:
    """The drawing's size in CSS pixels (matplotlib writes points: 1 pt = 4/3 px)."""
    match = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if not match:
        raise ValueError("an SVG without a width and height in points")
    return round(float(match[1]) * 4 / 3), round(float(match[2]) * 4 / 3)


def _cjk_family() -> list[str]:
    from matplotlib import font_manager

    names = sorted({f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name and "Sans" in f.name})
    return names[:1]


def render(figure, languages: dict[str, Translations]) -> tuple[dict[str, Drawing], list[str]]:
    """The figure drawn once per language, and the texts without a usable translation.

    ``languages`` maps each language other than English to its translations.
    """
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter

    drawings = {SOURCE_LANGUAGE: to_svg(figure)}  # also lays out tick labels, so they exist below
    missing: list[str] = []
    texts = [t for t in figure.findobj(Text) if t.get_text().strip()]
    formatters = [
        axis.get_major_formatter()
        for axes in figure.axes
        for axis in (axes.xaxis, axes.yaxis)
        if isinstance(axis.get_major_formatter(), FixedFormatter)
    ]
    originals = [(t, t.get_text(), t.get_fontfamily()) for t in texts]
    sequences = [(f, list(f.seq)) for f in formatters]
    for language, translate in languages.items():
        for text, english, family in originals:
            if needs_translation(english):
                translated = translate(english)
                if translated is None:
                    missing.append(english)
                    continue
                text.set_text(translated)
                # The CJK font first: matplotlib draws the words around $math$ with the first
                # font of the family alone, which for DejaVu Sans would mean boxes.
                text.set_fontfamily([*_cjk_family(), *family, "sans-serif"])
        for formatter, labels in sequences:
            formatter.seq = [
                (translate(label) or label) if needs_translation(label) else label for label in labels
            ]
            missing += [label for label in labels if needs_translation(label) and translate(label) is None]
        drawings[language] = to_svg(figure)
        for text, english, family in originals:
            text.set_text(english)
            text.set_fontfamily(family)
        for formatter, labels in sequences:
            formatter.seq = labels
    return drawings, sorted(set(missing))
