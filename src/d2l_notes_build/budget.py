"""Page budgets: how heavy a page may grow before it is too slow on a phone.

Checked on the built site, for every page of every language (the outermost build, after the other
languages' builds), against the plugin's options:

- ``page_elements``: the page's HTML elements, counted as Lighthouse's dom-size audit counts them
  (Material's script adds a few per code block and table). Style, layout and Material's start-up
  work grow with them, and with them the long tasks that make up Lighthouse's total blocking time:
  on this site's heaviest pages, example sources are about half the elements, MathML a third.
- ``page_kb``: what a first visit transfers, gzip-compressed as GitHub Pages serves it: the page,
  the stylesheets and scripts it loads, and every image in it (an upper bound: images below the
  first screen load only when scrolled to).

Each page over a budget gets a warning that names it and says by how much, so ``mkdocs build
--strict`` (CI) fails until the page is split. ``tests/bench.py`` measures what the budgets stand
for (Lighthouse's mobile score, total blocking time and weight) on each kind of page.
"""

from __future__ import annotations

import gzip
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path


@dataclass(frozen=True)
class PageSize:
    path: str  # the page's file, relative to the site, e.g. "en/notes/softmax/index.html"
    elements: int
    kb: float  # transferred, compressed, page and assets


class _Census(HTMLParser):
    """Counts a page's elements and gathers the stylesheets, scripts and images it loads."""

    def __init__(self) -> None:
        super().__init__()
        self.elements = 0
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        attr = dict(attrs)
        if tag == "link" and attr.get("rel") == "stylesheet":
            self.assets.append(attr.get("href") or "")
        elif tag in ("script", "img") and attr.get("src"):
            self.assets.append(attr["src"] or "")


def _census(html: str) -> _Census:
    census = _Census()
    census.feed(html)
    census.close()
    return census


def _compressed(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def measure(site: Path, page: Path, sizes: dict[Path, int] | None = None) -> PageSize:
    """The size of one built page; ``sizes`` caches the compressed size of assets pages share."""
    sizes = {} if sizes is None else sizes
    html = page.read_text(encoding="utf-8")
    census = _census(html)
    total = _compressed(html.encode())
    folder = page.parent.relative_to(site).as_posix()
    for url in census.assets:
        url = url.split("#")[0].split("?")[0]
        if not url or "//" in url or url.startswith(("/", "data:")):
            continue  # another host, a data URI or a root-absolute link (the 404 page's): not measured here
        asset = site / posixpath.normpath(posixpath.join(folder, url))
        if asset not in sizes:
            sizes[asset] = _compressed(asset.read_bytes()) if asset.is_file() else 0
        total += sizes[asset]
    return PageSize(page.relative_to(site).as_posix(), census.elements, total / 1000)


def over(size: PageSize, max_elements: int, max_kb: float) -> list[str]:
    """Each budget the page exceeds, with the amount; empty if it fits."""
    problems = []
    if max_elements and size.elements > max_elements:
        excess = size.elements - max_elements
        problems.append(
            f"{size.path}: {size.elements:,} elements, {excess:,} ({excess / max_elements:.0%}) over the "
            f"budget of {max_elements:,} (plugin option page_elements): split the page"
        )
    if max_kb and size.kb > max_kb:
        excess = size.kb - max_kb
        problems.append(
            f"{size.path}: {size.kb:.0f} KB transferred, {excess:.0f} KB ({excess / max_kb:.0%}) over the "
            f"budget of {max_kb:.0f} KB (plugin option page_kb): split the page or make its figures lighter"
        )
    return problems
