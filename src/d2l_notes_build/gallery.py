"""The site's examples: one record per example, made once per build and read by every later step."""

from __future__ import annotations

import ast
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .context import YAML_LOADER
from .cache import ExampleCache, digest
from .pool import preload_for, run_examples
from .runner import ExampleRun


class GalleryError(Exception):
    """An example cannot be used; the message names it."""


@dataclass
class Example:
    name: str
    relative: str  # the script's path from the project root, which is also its URI in the site
    source: str
    digest: str
    run: ExampleRun | None = None
    from_cache: bool = False
    notebook: str = ""  # the script as a notebook: readers.examples_zip makes it, or reads it back

    @property
    def notebook_uri(self) -> str:
        return self.relative[: -len(".py")] + ".ipynb"

    def figure_uri(self, number: int, language: str) -> str:
        return f"{self.relative[: -len('.py')]}-{number}.{language}.svg"

    @property
    def needs(self) -> list[str]:
        """The other scripts of the examples folder this one imports (helpers, other examples):
        a reader who downloads it needs them next to it."""
        folder = self.relative.rsplit("/", 1)[0] + "/"
        imported = self.run.imported_project_files if self.run else []
        return [name for name in imported if name.startswith(folder) and name != self.relative]

    def files(self, language: str) -> dict[str, str]:
        """URI -> content of what the site serves for this example in ``language``'s build."""
        served = {self.relative: self.source, self.notebook_uri: self.notebook}
        for number, figure in enumerate(self.run.figures if self.run else [], start=1):
            served[self.figure_uri(number, language)] = figure.svg[language]
        return served


@lru_cache(maxsize=None)  # records are made anew at every build of `mkdocs serve`
def _notebook(source: str) -> str:
    import jupytext  # 0.2 s to import, needed only when an example changed

    notebook = jupytext.reads(source, fmt="py:light")
    # nbformat draws each cell's id at random: every build published another notebook (and zip).
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
    return jupytext.writes(notebook, fmt="ipynb")


def imported_packages(sources: Iterable[str]) -> set[str]:
    """The top-level packages these Python sources import (absolute imports; a source that does
    not parse imports nothing here, and its run reports the error)."""
    packages = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                packages.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                packages.add(node.module.split(".")[0])
    return packages


def collect(root: Path, folder: str) -> dict[str, Example]:
    """Every example in ``root/folder`` (files starting with "_" are helpers, not examples)."""
    examples = {}
    for path in sorted((root / folder).glob("*.py")):
        if path.name.startswith("_"):
            continue
        relative = path.relative_to(root).as_posix()
        data = path.read_bytes()
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise GalleryError(f"{relative} is not UTF-8 ({error})") from None
        examples[path.stem] = Example(path.stem, relative, source, digest(data))
    return examples


def helpers(root: Path, folder: str) -> dict[str, str]:
    """URI -> source of the helper modules ("_*.py") that examples import; the site serves them too."""
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / folder).glob("_*.py"))}


def load_translations(path: Path) -> dict[str, str]:
    """``docs/figure-text.yml``: English figure text -> Chinese."""
    try:
        table = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) if path.exists() else None
    except yaml.YAMLError as error:
        raise GalleryError(f"{path.name}: {error}") from None
    table = table or {}
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise GalleryError(f"{path.name}: expected a mapping of English text to its translation")
    return {str(key): value for key, value in table.items()}


def execute(
    examples: dict[str, Example],
    root: Path,
    cache: ExampleCache,
    *,
    helpers: dict[str, str],
    translations: dict[str, dict[str, str]],
    translations_file: str,
    jobs: int,
    timeout: float,
    output_limit: int,
    log: logging.Logger,
) -> None:
    """Give every example its run, from the cache or by running it; raise if any failed."""
    stale = []
    for example in examples.values():
        example.run = cache.load(example.relative, example.digest)
        example.from_cache = example.run is not None
        if example.run is None:
            stale.append(example)
    evicted = cache.evict(e.relative for e in examples.values())
    if evicted:
        log.info(f"examples: removed {len(evicted)} stale cache entries")
    if not stale:
        log.info(f"examples: all {len(examples)} unchanged, none run")
    else:
        started = time.perf_counter()

        def progress(path: str, number: int, total: int, seconds: float) -> None:
            log.info(f"examples: [{number}/{total}] running {Path(path).name} ({seconds:.1f} s so far)")

        results = run_examples(
            [str(root / e.relative) for e in stale],
            str(root),
            jobs=jobs or os.cpu_count() or 1,
            timeout=timeout,
            output_limit=output_limit,
            translations=translations,
            progress=progress,
            preload=preload_for(imported_packages([e.source for e in examples.values()] + list(helpers.values()))),
            matplotlib_dir=str(cache.directory.parent / "matplotlib"),
        )
        for example in stale:
            run = results[example.relative]
            if run.error is None:
                cache.store(run, example.digest, [translations_file] if run.figures else [])
                example.run = run
        log.info(f"examples: ran {len(stale)} in {time.perf_counter() - started:.1f} s")
        failures = [results[e.relative].error for e in stale if results[e.relative].error]
        if failures:
            raise GalleryError("example failed:\n" + "\n\n".join(sorted(failures)))
    problems = []
    for example in examples.values():
        run = example.run
        if run and run.leftover_files:
            log.warning(
                f"{example.relative} left files in its working directory, which were discarded: "
                f"{', '.join(run.leftover_files)}"
            )
        if run and run.untranslated:
            texts = ", ".join(repr(t) for t in run.untranslated)
            problems.append(f"{example.relative}: figure text without a usable translation in {translations_file}: {texts}")
    if problems:
        raise GalleryError("\n".join(problems))
