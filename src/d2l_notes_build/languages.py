"""What the bilingual build needs beyond mkdocs-static-i18n: twin checks, per-language search."""

from __future__ import annotations

import json
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


def split_search_index(site_dir: Path) -> dict[str, int]:
    """Give each language a search index of its own pages only.

    mkdocs-static-i18n writes one index holding every language to ``search/``; Material's search
    on an English page reads ``en/search/``. Results must lead to the reader's own language.
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
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
        counts[language] = len(docs)
    return counts
