"""``!book 3.8``: where a question comes from in the book, named and linked, in the page's language.

Sections are listed in ``docs/book.yml``: the Chinese MXNet edition's number, title and address,
and the matching section of the English edition where there is one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import yaml
from markdown import Extension
from markdown.blockprocessors import BlockProcessor

from .context import YAML_LOADER, PageContext

_LINE = re.compile(r"^!book((?:[ \t]+\d+\.\d+)+)[ \t]*$")
LABELS = {
    "zh": {"lead": "原书：《动手学深度学习》", "section": "{number} 节"},
    "en": {"lead": "In the book:", "section": "section {number}", "edition": "Chinese MXNet edition"},
}


class BookError(ValueError):
    pass


def load(path: Path) -> dict[str, dict]:
    try:
        sections = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise BookError(f"{path}: {error}") from None
    for number, section in sections.items():
        if not isinstance(section, dict) or "zh" not in section or not {"title", "url"} <= set(section["zh"]):
            raise BookError(f"{path}: section {number} needs zh: {{title, url}}")
    return {str(number): section for number, section in sections.items()}


class BookProcessor(BlockProcessor):
    def __init__(self, parser, extension: "BookExtension") -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block) -> bool:
        return bool(_LINE.match(block.split("\n", 1)[0]))

    def run(self, parent, blocks) -> None:
        block = blocks.pop(0)
        first, _, rest = block.partition("\n")
        if rest.strip():
            blocks.insert(0, rest)
        page: PageContext = self.extension.page
        line = etree.SubElement(parent, "p", {"class": "d2l-book"})
        labels = LABELS.get(page.language, LABELS["en"])
        line.text = labels["lead"] + " "
        for index, number in enumerate(_LINE.match(first)[1].split()):
            section = self.extension.sections.get(number)
            if section is None:
                raise page.error(f"!book {number}: no section {number} in docs/book.yml", first)
            if index:
                line[-1].tail = (line[-1].tail or "") + "; "
            self._section(line, number, section, page.language, labels)

    @staticmethod
    def _section(line: etree.Element, number: str, section: dict, language: str, labels: dict) -> None:
        chinese = section["zh"]
        if language == "zh":
            link = etree.SubElement(line, "a", {"href": chinese["url"]})
            link.text = f"{labels['section'].format(number=number)} {chinese['title']}"
            return
        english = section.get("en")
        if english:
            link = etree.SubElement(line, "a", {"href": english["url"]})
            link.text = english["title"]
            link.tail = " ("
        original = etree.SubElement(line, "a", {"href": chinese["url"], "hreflang": "zh"})
        original.text = f"{labels['section'].format(number=number)}, {labels['edition']}"
        if english:
            original.tail = ")"


class BookExtension(Extension):
    def __init__(self, sections: dict[str, dict], page: PageContext) -> None:
        super().__init__()
        self.sections = sections
        self.page = page

    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(BookProcessor(md.parser, self), "d2l-book", 97)
