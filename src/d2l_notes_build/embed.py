"""``!example NAME``: a Markdown block that shows one example's source, run, output and figures.

```
!example my_idea
    caption: What the figure shows.
    alt: Line chart: ...
```

One ``caption:``/``alt:`` pair per figure, in order. Links to the downloads and figures are written
relative to the page's source file, so MkDocs converts them and checks that their targets exist.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from pygments import highlight
from pygments.filter import simplefilter
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer, TextLexer
from pygments.token import Name, Operator, Punctuation, Text

from .context import PageContext
from .gallery import Example

LABELS = {
    "zh": {
        "output": "输出",
        "stderr": "标准错误输出（警告等）",
        "ran": "运行 {seconds:.2f} 秒",
        "doctests": "{count} 个 doctest 通过",
        "doctest": "{count} 个 doctest 通过",
        "not_run": "本次构建未运行示例",
        "download": "下载",
        "needs": "还需要",
        "no_output": "（无输出）",
        "truncated": "…… 输出过长，已省略其余 {count:,} 个字符",
    },
    "en": {
        "output": "Output",
        "stderr": "Standard error (warnings)",
        "ran": "ran in {seconds:.2f} s",
        "doctests": "{count} doctests passed",
        "doctest": "{count} doctest passed",
        "not_run": "examples were not run in this build",
        "download": "Download",
        "needs": "it imports",
        "no_output": "(no output)",
        "truncated": "... output too long: {count:,} more characters left out",
    },
}
_FIRST_LINE = re.compile(r"^!example[ \t]+(?P<name>[\w-]+)[ \t]*$")
_OPTION = re.compile(r"^\s+(?P<key>caption|alt):\s*(?P<value>.*)$")


@simplefilter
def _plain_as_text(self, lexer, stream, options):
    """Names, punctuation and spaces look like plain code text in Material's theme, yet Pygments
    wraps each in a span: a quarter of a long page's elements. As plain text they get none. So do
    symbol operators (=, +, the dot of x.grad): a fifth of the elements of a code-heavy page, only
    to be drawn a shade lighter; operator words (in, not) keep their colour."""
    for ttype, value in stream:
        plain = ttype in (Name, Punctuation, Text.Whitespace) or ttype is Operator
        yield (Text if plain else ttype), value


@lru_cache(maxsize=None)  # `mkdocs serve` rebuilds every page at each save; the sources rarely change
def highlighted(code: str, language: str, title: str = "", searchable: bool = True) -> str:
    """The markup of a highlighted fenced block (pymdownx.highlight's), with an optional title.

    ``searchable=False`` marks it for Material's search to skip (``data-search-exclude``): the
    examples' source was half of the index's text, identifiers that every question shares and
    English docstrings in Chinese pages, outweighing the answers' own words. (Material's parser
    ends an exclusion at the first nested element of the same tag; this block nests no div.)
    """
    lexer = PythonLexer() if language == "python" else TextLexer()
    lexer.add_filter(_plain_as_text())
    formatter = HtmlFormatter(wrapcode=True, filename=title)
    html = highlight(code.rstrip("\n") + "\n", lexer, formatter)
    if not searchable:  # our own markup: Pygments opens it with exactly this tag
        html = html.replace('<div class="highlight">', '<div class="highlight" data-search-exclude>', 1)
    return html


class ExampleProcessor(BlockProcessor):
    def __init__(self, parser, extension: "ExampleExtension") -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block) -> bool:
        return bool(_FIRST_LINE.match(block.split("\n", 1)[0]))

    def run(self, parent, blocks) -> None:
        block = blocks.pop(0)
        first, *rest = block.split("\n")
        # The directive's own lines are indented; the first line that is not starts a new block.
        own = next((i for i, line in enumerate(rest) if line.strip() and not line[:1].isspace()), len(rest))
        if own < len(rest):
            blocks.insert(0, "\n".join(rest[own:]))
        page: PageContext = self.extension.page
        name = _FIRST_LINE.match(first)["name"]
        example = self.extension.examples.get(name)
        if example is None:
            raise page.error(f"no example named {name!r} (expected examples/{name}.py)", first)
        figures = _figure_texts(rest[:own], page, first)
        labels = LABELS.get(page.language, LABELS["en"])
        run = example.run
        if run is not None and len(figures) != len(run.figures):
            raise page.error(
                f"examples/{name}.py draws {len(run.figures)} figure(s) but the page gives "
                f"{len(figures)} caption/alt pair(s)",
                first,
            )
        box = etree.SubElement(parent, "div", {"class": "d2l-example", "id": f"example-{name}"})
        self._raw(box, highlighted(example.source, "python", title=example.relative, searchable=False))
        self._facts(box, example, labels, page)
        if run is None:
            return
        output = run.stdout or labels["no_output"]
        if run.truncated_chars:
            output += "\n" + labels["truncated"].format(count=run.truncated_chars)
        etree.SubElement(box, "p", {"class": "d2l-example__label"}).text = labels["output"]
        self._raw(box, highlighted(output, "text"))
        if run.stderr.strip():
            etree.SubElement(box, "p", {"class": "d2l-example__label"}).text = labels["stderr"]
            self._raw(box, highlighted(run.stderr, "text"))
        for number, ((caption, alt), figure) in enumerate(zip(figures, run.figures), start=1):
            holder = etree.SubElement(box, "figure", {"class": "d2l-example__figure"})
            etree.SubElement(
                holder,
                "img",
                {
                    "src": page.link_to(example.figure_uri(number, page.language)),
                    "alt": alt,
                    "width": str(figure.width),
                    "height": str(figure.height),
                    "loading": "lazy",
                },
            )
            etree.SubElement(holder, "figcaption").text = caption  # inline Markdown still applies

    def _raw(self, parent, html: str) -> None:
        etree.SubElement(parent, "p").text = self.parser.md.htmlStash.store(html)

    @staticmethod
    def _facts(box, example: Example, labels: dict, page: PageContext) -> None:
        facts = etree.SubElement(box, "p", {"class": "d2l-example__facts"})
        run = example.run
        parts = [labels["ran"].format(seconds=run.seconds) if run else labels["not_run"]]
        if run and run.doctests:
            parts.append(labels["doctest" if run.doctests == 1 else "doctests"].format(count=run.doctests))
        facts.text = " · ".join(parts) + f" · {labels['download']} "
        for uri in (example.relative, example.notebook_uri):
            link = etree.SubElement(facts, "a", {"href": page.link_to(uri), "download": ""})
            link.text = uri.rsplit("/", 1)[-1]
            link.tail = " · "
        link.tail = None
        if example.needs:
            link.tail = f" ({labels['needs']} "
            for uri in example.needs:
                link = etree.SubElement(facts, "a", {"href": page.link_to(uri), "download": ""})
                link.text = uri.rsplit("/", 1)[-1]
                link.tail = ", "
            link.tail = ")"


def _figure_texts(lines: list[str], page: PageContext, first: str) -> list[tuple[str, str]]:
    """The (caption, alt) pairs under the directive; a line without a key continues the last value."""
    pairs: list[list[str]] = []
    for line in lines:
        option = _OPTION.match(line)
        if option is None:
            if not pairs or not line.strip():
                raise page.error(f"under !example, expected 'caption:' or 'alt:', got {line.strip()!r}", line or first)
            pairs[-1][-1] += " " + line.strip()
        elif option["key"] == "caption":
            pairs.append([option["value"]])
        elif not pairs or len(pairs[-1]) == 2:
            raise page.error("'alt:' without a 'caption:' before it", line)
        else:
            pairs[-1].append(option["value"])
    for pair in pairs:
        if len(pair) != 2 or not all(text.strip() for text in pair):
            raise page.error("every figure needs a caption and an alt text", first)
    return [(caption, alt) for caption, alt in pairs]


class ExampleExtension(Extension):
    def __init__(self, examples: dict[str, Example], page: PageContext) -> None:
        super().__init__()
        self.examples = examples
        self.page = page

    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(ExampleProcessor(md.parser, self), "d2l-example", 95)
