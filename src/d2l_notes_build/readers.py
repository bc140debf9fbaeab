"""Reader tools made from the build's own records: where each example is embedded, the execution
report (``!execution-report``, after sphinx-gallery's "computation times"), the API index
(``!api-index``, after its backreferences) and the zip of every example; and the class that every
table gets (``TableClass``).
"""

from __future__ import annotations

import ast
import importlib.metadata
import io
import json
import sys
import xml.etree.ElementTree as etree
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import gallery
from .cache import digest, evict, replace_file
from .context import PageContext
from .gallery import Example, imported_packages
from .languages import Languages, question_sections

ZIP_URI = "downloads/d2l-notes-examples.zip"
_SUBMODULES = {"nd", "autograd", "gluon", "init", "initializer", "optimizer", "lr_scheduler", "metric", "io", "image", "sym", "symbol", "mxnet"}


@dataclass(frozen=True)
class Place:
    """Where an example is embedded: the default language's page and the question's anchor."""

    src_uri: str
    anchor: str


def places(docs_dir: Path, languages: Languages) -> dict[str, list[Place]]:
    """Example name -> the questions that embed it."""
    found: dict[str, list[Place]] = {}
    for page in sorted(docs_dir.rglob("*.md")):
        src_uri = page.relative_to(docs_dir).as_posix()
        if languages.of_page(src_uri) != languages.default:
            continue
        for anchor, section in question_sections(page.read_text(encoding="utf-8", errors="replace")).items():
            for name in section.examples:
                found.setdefault(name, []).append(Place(src_uri, anchor))
    return found


# -- the API index --------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def mxnet_api(source: str) -> frozenset[str]:
    """The MXNet functions, classes and methods a script calls, e.g. ``nd.pick``,
    ``autograd.record``, ``gluon.Trainer.step``, read from its syntax tree.

    Names are resolved through the script's imports; a method is attributed to a class when the
    variable it is called on was made by calling that class (``trainer = gluon.Trainer(...)``), and
    to ``nd.NDArray`` when the variable holds what an ``nd`` function (or arithmetic on one) made.
    """
    tree = ast.parse(source)
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "mxnet":
                    aliases[alias.asname or "mxnet"] = alias.name if alias.asname else "mxnet"
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "mxnet":
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def qualify(expr: ast.expr) -> str | None:
        if isinstance(expr, ast.Name):
            return aliases.get(expr.id)
        if isinstance(expr, ast.Attribute):
            base = qualify(expr.value)
            return f"{base}.{expr.attr}" if base else None
        return None

    def normal(name: str) -> str:
        name = name.removeprefix("mxnet.")
        if name.startswith("ndarray"):
            name = "nd" + name[len("ndarray"):]
        # mx.random.seed, mx.cpu: "random.seed" alone would read as Python's own module
        return name if name.split(".")[0] in _SUBMODULES else f"mx.{name}"

    def makes_array(expr: ast.expr | None) -> bool:
        if isinstance(expr, ast.Call):
            name = qualify(expr.func)
            return bool(name and normal(name).startswith("nd.") and normal(name).split(".")[-1][:1].islower())
        if isinstance(expr, ast.Name):
            return types.get(expr.id) == "nd.NDArray"
        if isinstance(expr, (ast.BinOp, ast.UnaryOp, ast.Subscript, ast.Attribute)):
            return any(makes_array(child) for child in ast.iter_child_nodes(expr) if isinstance(child, ast.expr))
        return False

    types: dict[str, str] = {}
    for _ in range(2):  # a second pass sees variables made from variables typed in the first
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                target, value = node.targets[0].id, node.value
                name = qualify(value.func) if isinstance(value, ast.Call) else None
                if name and normal(name).split(".")[-1][:1].isupper():
                    types[target] = normal(name)
                elif makes_array(value):
                    types[target] = "nd.NDArray"
    calls = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = qualify(node.func)
            if name:
                calls.add(normal(name))
            elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                owner = types.get(node.func.value.id)
                if owner:
                    calls.add(f"{owner}.{node.func.attr}")
        elif isinstance(node, ast.With):
            for item in node.items:
                if isinstance(item.context_expr, ast.Call) and qualify(item.context_expr.func):
                    calls.add(normal(qualify(item.context_expr.func)))
    return frozenset(call for call in calls if call not in ("mxnet", "mx.mxnet"))


LABELS = {
    "zh": {
        "examples": "示例",
        "questions": "问题",
        "colon": "：",
        "then": "；",
        "example": "示例",
        "where": "所在问题",
        "seconds": "运行时间（秒）",
        "doctests": "doctest 数",
        "figures": "图数",
        "source": "本次构建",
        "ran": "运行",
        "cached": "取自缓存",
        "total": "合计 {count} 个示例",
        "sort": "点击表头排序",
    },
    "en": {
        "examples": "Examples",
        "questions": "Questions",
        "colon": ": ",
        "then": "; ",
        "example": "Example",
        "where": "Question",
        "seconds": "Run time (s)",
        "doctests": "Doctests",
        "figures": "Figures",
        "source": "This build",
        "ran": "ran",
        "cached": "from the cache",
        "total": "Total, {count} examples",
        "sort": "Click a column's header to sort by it",
    },
}

# Sorts the report's table by the clicked column (numbers by value); a module script is deferred.
SORT_SCRIPT = """<script type="module">
for (const table of document.querySelectorAll("table.d2l-sortable")) {
  table.querySelectorAll("thead th").forEach((th, column) => {
    const button = Object.assign(document.createElement("button"), {type: "button", textContent: th.textContent});
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const body = table.tBodies[0], rows = [...body.rows];
      const key = r => r.cells[column].dataset.sort ?? r.cells[column].textContent;
      const numeric = rows.every(r => key(r) !== "" && !isNaN(key(r)));
      const up = th.getAttribute("aria-sort") !== "ascending";
      rows.sort((a, b) => (numeric ? key(a) - key(b) : key(a).localeCompare(key(b))) * (up ? 1 : -1));
      table.querySelectorAll("thead th").forEach(h => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      body.append(...rows);
    });
  });
}
</script>"""


class _Table:
    def __init__(self, parent: etree.Element, headers: list[str], css_class: str = "") -> None:
        self.table = etree.SubElement(parent, "table", {"class": css_class} if css_class else {})
        row = etree.SubElement(etree.SubElement(self.table, "thead"), "tr")
        for header in headers:
            etree.SubElement(row, "th").text = header
        self.body = etree.SubElement(self.table, "tbody")

    def row(self) -> etree.Element:
        return etree.SubElement(self.body, "tr")


def _cell(row: etree.Element, text: str = "", sort: str | None = None) -> etree.Element:
    cell = etree.SubElement(row, "td", {"data-sort": sort} if sort is not None else {})
    cell.text = AtomicString(text) if text else None
    return cell


def _link(parent: etree.Element, href: str, text: str, code: bool = False) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + ", "
    elif parent.text:
        parent.text += ", "
    link = etree.SubElement(parent, "a", {"href": href})
    if code:
        etree.SubElement(link, "code").text = AtomicString(text)
    else:
        link.text = AtomicString(text)


class _Directive(BlockProcessor):
    name = ""

    def __init__(self, parser, extension: "ReadersExtension") -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block) -> bool:
        return block.strip() == f"!{self.name}"

    def example_link(self, example: str, page: PageContext) -> tuple[str, str] | None:
        """(href, question label) of the first question that embeds ``example``, in this language."""
        where = self.extension.places.get(example)
        if not where:
            return None
        twin = self.extension.languages.twin(where[0].src_uri, page.language)
        return page.link_to(twin), where[0].anchor


class ReportBlock(_Directive):
    """Every example, where it is embedded, its run time, doctests, figures, and whether this build
    ran it; longest first, sortable by any column."""

    name = "execution-report"

    def run(self, parent, blocks) -> None:
        blocks.pop(0)
        page: PageContext = self.extension.page
        labels = LABELS.get(page.language, LABELS["en"])
        examples = sorted(self.extension.examples.values(), key=lambda e: -(e.run.seconds + e.run.doctest_seconds if e.run else 0))
        etree.SubElement(parent, "p").text = labels["sort"]
        table = _Table(parent, [labels[k] for k in ("example", "where", "seconds", "doctests", "figures", "source")], "d2l-sortable")
        totals = [0.0, 0]
        for example in examples:
            row = table.row()
            link = self.example_link(example.name, page)
            name_cell = _cell(row, sort=example.name)
            where_cell = _cell(row, sort=link[1][1:].zfill(4) if link else "")
            if link:
                _link(name_cell, f"{link[0]}#example-{example.name}", f"{example.name}.py", code=True)
                _link(where_cell, f"{link[0]}#{link[1]}", link[1].upper())
            run = example.run
            seconds = run.seconds + run.doctest_seconds if run else 0.0
            _cell(row, f"{seconds:.2f}" if run else "–", sort=f"{seconds:.3f}")
            _cell(row, str(run.doctests) if run else "–")
            _cell(row, str(len(run.figures)) if run else "–")
            _cell(row, labels["cached"] if example.from_cache else labels["ran"] if run else "–")
            totals[0] += seconds
            totals[1] += run.doctests if run else 0
        footer = etree.SubElement(etree.SubElement(table.table, "tfoot"), "tr")
        for text in (labels["total"].format(count=len(examples)), "", f"{totals[0]:.2f}", str(totals[1]), "", ""):
            etree.SubElement(footer, "td").text = AtomicString(text) if text else None
        etree.SubElement(parent, "p").text = self.parser.md.htmlStash.store(SORT_SCRIPT)


class ApiIndexBlock(_Directive):
    """Every MXNet function, class or method the examples call, with the examples that call it.

    A definition list, not a table: on a phone, the table of every call took long to lay out and its
    code was below Lighthouse's legible size (12 px); a list is quick to lay out and legible.
    """

    name = "api-index"

    def run(self, parent, blocks) -> None:
        blocks.pop(0)
        page: PageContext = self.extension.page
        labels = LABELS.get(page.language, LABELS["en"])
        used: dict[str, set[str]] = {}
        for example in self.extension.examples.values():
            for api in mxnet_api(example.source):
                used.setdefault(api, set()).add(example.name)
        entries = etree.SubElement(parent, "dl")
        for api in sorted(used, key=str.lower):
            etree.SubElement(etree.SubElement(entries, "dt"), "code").text = AtomicString(api)
            entry = etree.SubElement(entries, "dd")
            entry.text = labels["examples"] + labels["colon"]
            example_links = etree.SubElement(entry, "span")
            example_links.tail = labels["then"] + labels["questions"] + labels["colon"]
            question_links = etree.SubElement(entry, "span")
            questions = {}  # anchor -> href of its page
            for name in sorted(used[api]):
                link = self.example_link(name, page)
                if link:
                    _link(example_links, f"{link[0]}#example-{name}", name, code=True)
                    questions[link[1]] = link[0]
            for anchor in sorted(questions, key=lambda a: int(a[1:])):
                _link(question_links, f"{questions[anchor]}#{anchor}", anchor.upper())


TABLE_CLASS = "d2l-table"


class TableClass(Treeprocessor):
    """Every table gets the class ``d2l-table`` (styled in docs/assets/notes.css like Material's).

    Material's script takes each table without a class out of the page after loading and puts it
    back inside a scroll wrapper, so the browser lays the table out a second time. On a page of
    tables that second layout blocked the reader: Lighthouse mobile performance of the API index
    0.65 with total blocking time 1,967 ms, 0.97 and 183 ms with its table classed. A classed
    table scrolls by itself.
    """

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            classes = table.get("class", "").split()
            if TABLE_CLASS not in classes:
                table.set("class", " ".join([TABLE_CLASS, *classes]))


class ReadersExtension(Extension):
    def __init__(self, examples: dict[str, Example], places: dict[str, list[Place]], languages: list, page: PageContext) -> None:
        super().__init__()
        self.examples = examples
        self.places = places
        self._languages = languages  # a one-item list the plugin fills: the site's Languages
        self.page = page

    @property
    def languages(self) -> Languages:
        return self._languages[0]

    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(ReportBlock(md.parser, self), "d2l-report", 96)
        md.parser.blockprocessors.register(ApiIndexBlock(md.parser, self), "d2l-api-index", 96)
        md.treeprocessors.register(TableClass(md), "d2l-table-class", 5)


# -- the zip of every example ---------------------------------------------------------------------

README = """# D2L Notes: the examples · D2L 学习笔记：全部示例

Every example of the site, as a script (`.py`) and as a notebook (`.ipynb`), with the helper
modules they import (`_*.py`). Each script runs on its own and its doctests check what the notes
claim:

    python -m venv .venv && . .venv/bin/activate
    pip install -r requirements.txt
    python softmax_stable.py                                           # one example
    python -m doctest -o NORMALIZE_WHITESPACE -o ELLIPSIS softmax_stable.py   # its proof

MXNet 1.9.1 runs on Linux (x86_64, aarch64) and Intel macOS with Python 3.9 to 3.12.

站点的每个示例都在这里，既有脚本（`.py`）也有笔记本（`.ipynb`），以及它们导入的辅助模块
（`_*.py`）。每个脚本都能单独运行，其中的 doctest 检验笔记中的每个结论。安装与运行命令同上；
MXNet 1.9.1 支持 Linux（x86_64、aarch64）和 Intel 芯片的 macOS，Python 3.9 至 3.12。
"""


def requirements(sources: tuple[str, ...]) -> str:
    """Pinned requirements of what the scripts import (the versions this build ran them with)."""
    distributions = importlib.metadata.packages_distributions()
    pins = set()
    for module in imported_packages(sources) - set(sys.stdlib_module_names):  # Python 3.10+
        for distribution in distributions.get(module, []):
            pins.add(f"{distribution}=={importlib.metadata.version(distribution)}")
    return "".join(f"{pin}\n" for pin in sorted(pins, key=str.lower))


def examples_zip(examples: dict[str, Example], root: Path, folder: str, cache: Path | None = None,
                 salt: str = "") -> bytes:
    """Every example as .py and .ipynb, the helpers, requirements.txt and a README, in a zip that
    is byte-identical for the same content (fixed timestamps, sorted names). Each example's
    notebook is read from it.

    With ``cache`` (a folder), the zip is kept there and used again while its content, ``salt``
    (what else changes it: the interpreter and the packages) and the code that makes it are the
    same: making it (a notebook per example, the versions of the packages they import) took more
    than a second of every build."""
    helpers = tuple((p.name, p.read_text(encoding="utf-8")) for p in sorted((root / folder).glob("_*.py")))
    scripts = tuple((e.name, e.source) for e in examples.values())
    data = _zip(helpers, scripts) if cache is None else _cached_zip(helpers, scripts, cache, salt)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for example in examples.values():
            example.notebook = archive.read(f"d2l-notes-examples/{example.name}.ipynb").decode()
    return data


@lru_cache(maxsize=2)  # `mkdocs serve` rebuilds often; only a changed script makes a new zip
def _cached_zip(helpers: tuple[tuple[str, str], ...], scripts: tuple[tuple[str, str], ...], folder: Path,
                salt: str) -> bytes:
    code = [Path(module.__file__).read_text(encoding="utf-8") for module in (sys.modules[__name__], gallery)]
    path = folder / f"examples-{digest(json.dumps([salt, code, helpers, scripts]).encode())[:32]}.zip"
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.testzip() is None:  # every member is whole (a truncated file is made again)
                return data
    except (OSError, zipfile.BadZipFile):
        pass
    data = _zip(helpers, scripts)
    replace_file(path, data)
    evict(folder, {path.name}, ".zip")
    return data


def _zip(helpers: tuple[tuple[str, str], ...], scripts: tuple[tuple[str, str], ...]) -> bytes:
    members = dict(helpers)
    for name, source in scripts:
        members[f"{name}.py"] = source
        members[f"{name}.ipynb"] = gallery._notebook(source)
    members["requirements.txt"] = requirements(tuple(source for _, source in scripts + helpers))
    members["README.md"] = README
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"d2l-notes-examples/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, members[name])
    return buffer.getvalue()
