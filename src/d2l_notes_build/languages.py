"""What the bilingual build needs beyond mkdocs-static-i18n: twin checks, per-language search."""

from __future__ import annotations

import json
import re
from pathlib import Path

DEFAULT = "zh"
OTHERS = ("en",)


def twin_of(relative: str) -> str:
    """``notes/x.md`` <-> ``notes/x.en.md``."""
    for language in OTHERS:
        suffix = f".{language}.md"
        if relative.endswith(suffix):
            return relative[: -len(suffix)] + ".md"
    return relative[: -len(".md")] + f".{OTHERS[0]}.md"


def missing_twins(docs_dir: Path) -> list[str]:
    """Messages for every page whose translation does not exist."""
    pages = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
    return [
        f"{docs_dir.name}/{page}: its translation {docs_dir.name}/{twin_of(page)} does not exist"
        for page in sorted(pages)
        if twin_of(page) not in pages
    ]


def split_search_index(site_dir: Path, as_script: bool = False) -> dict[str, int]:
    """Give each language a search index of its own pages only.

    mkdocs-static-i18n writes one index holding every language to ``search/``; Material's search
    on an English page reads ``en/search/``. Results must lead to the reader's own language.
    ``as_script`` also writes the ``search_index.js`` that Material loads from ``file://`` pages.
    """
    combined_path = site_dir / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    counts = {}
    for language in (DEFAULT, *OTHERS):
        prefix = f"{language}/"
        if language == DEFAULT:
            docs = [
                d for d in combined["docs"] if not d["location"].startswith(tuple(f"{o}/" for o in OTHERS))
            ]
            target = combined_path
        else:
            docs = [
                {**d, "location": d["location"][len(prefix) :]}
                for d in combined["docs"]
                if d["location"].startswith(prefix)
            ]
            target = site_dir / language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        index = {**combined, "docs": docs}
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, "utf-8")
        if as_script:
            target.with_suffix(".js").write_text(f"var __index = {text}", "utf-8")
        counts[language] = len(docs)
    return counts


NOT_FOUND = """<h1>页面不存在 · Page not found</h1>
<p>你要找的页面不存在，可能已经移动或删除。<a href="{root}">返回首页</a> · <a href="{root}questions/">问题索引</a></p>
<p lang="en">The page you are looking for does not exist; it may have moved.
<a href="{root}en/">English home</a> · <a href="{root}en/questions/">All questions</a></p>"""


def make_404_bilingual(site_dir: Path, root: str) -> None:
    """GitHub Pages serves the one root 404.html for every missing path, in either language.

    ``root`` is the site's absolute path (from ``site_url``): the page is served from any path.
    """
    page = site_dir / "404.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<html lang="\w+"', '<html lang="zh"', html, count=1)
    html = html.replace("<h1>404 - Not found</h1>", NOT_FOUND.format(root=root), 1)
    page.write_text(html, encoding="utf-8")
