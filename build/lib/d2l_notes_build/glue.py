"""``{{ example.name }}`` in a page: a value that the example's run glued (``examples/_glue.py``).

``{{ softmax_stable.p_min:.1e }}`` formats it with a Python format spec; an ``e`` format prints as
4.5 × 10⁻⁵ in prose and as ``4.5 \\times 10^{-5}`` inside a formula. A reference to an example or a
value that does not exist fails the build, naming the page and the line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

from .context import PageContext
from .gallery import Example

REFERENCE = re.compile(r"\{\{\s*(?P<example>[\w-]+)\.(?P<key>\w+)(?::(?P<spec>[^}\s]+))?\s*\}\}")


def _lookup(match: re.Match, examples: dict[str, Example], page: PageContext):
    """The glued value, or None when examples did not run in this build."""
    example = examples.get(match["example"])
    if example is None:
        raise page.error(f"{match[0]} refers to no example named {match['example']!r}", match[0])
    if example.run is None:
        return None
    if match["key"] not in example.run.glued:
        known = ", ".join(sorted(example.run.glued)) or "none"
        raise page.error(f"{match[0]}: {example.relative} glues no value {match['key']!r} (it glues: {known})", match[0])
    return example.run.glued[match["key"]]


def formatted(value, spec: str | None, page: PageContext, reference: str) -> tuple[str, int | None]:
    """(text, power of ten or None) of ``value`` formatted with ``spec``."""
    try:
        text = format(value, spec or ("g" if isinstance(value, float) else ""))
    except (ValueError, TypeError) as error:
        raise page.error(f"{reference}: cannot format {value!r} with {spec!r} ({error})", reference) from None
    if spec and spec[-1] in "eE":
        mantissa, exponent = re.split("[eE]", text)
        return (mantissa, int(exponent)) if int(exponent) else (mantissa, None)
    return text, None


def in_tex(tex: str, examples: dict[str, Example], page: PageContext) -> str:
    """``tex`` with its references replaced by their values, typeset as math."""

    def replace(match: re.Match) -> str:
        value = _lookup(match, examples, page)
        if value is None:
            return r"\text{?}"
        text, power = formatted(value, match["spec"], page, match[0])
        return text if power is None else rf"{text} \times 10^{{{power}}}"

    return REFERENCE.sub(replace, tex)


class GlueProcessor(InlineProcessor):
    def __init__(self, extension: "GlueExtension") -> None:
        super().__init__(REFERENCE.pattern)
        self.extension = extension

    def handleMatch(self, match, data):
        page = self.extension.page
        value = _lookup(match, self.extension.examples, page)
        span = etree.Element("span", {"class": "d2l-glue"})
        if value is None:  # examples not run: show where the value goes
            span.text = match[0]
            return span, match.start(0), match.end(0)
        text, power = formatted(value, match["spec"], page, match[0])
        if power is None:
            span.text = text
        else:
            span.text = f"{text} × 10"
            etree.SubElement(span, "sup").text = str(power).replace("-", "−")
        return span, match.start(0), match.end(0)


class GlueExtension(Extension):
    def __init__(self, examples: dict[str, Example], page: PageContext) -> None:
        super().__init__()
        self.examples = examples
        self.page = page

    def extendMarkdown(self, md) -> None:
        # After code spans (190) and math (arithmatex, 189.9), which keep their text as it is.
        md.inlinePatterns.register(GlueProcessor(self), "d2l-glue", 175)
