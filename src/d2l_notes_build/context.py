"""What the Markdown extensions know about the page being rendered, and how they report mistakes."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

import yaml
from mkdocs.exceptions import PluginError

# libyaml's parser where PyYAML has it: the glossary took 66 ms of every build (and every rebuild
# under `mkdocs serve`) with the pure-Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PageError(PluginError):
    """A mistake in a page; the message starts with the page's path and line."""


@dataclass
class PageContext:
    """The page being rendered: set by the plugin before each page, by a test for a bare Markdown()."""

    language: str
    src_uri: str = "page.md"  # relative to docs/, as MkDocs names files
    docs_dir: str = "docs"
    markdown: str = ""  # the page's source, to find the line of a mistake

    @property
    def path(self) -> str:
        return f"{self.docs_dir}/{self.src_uri}"

    def line_of(self, text: str) -> int:
        """1-based line of the first source line containing ``text`` (0 if none does)."""
        for number, line in enumerate(self.markdown.splitlines(), start=1):
            if text.strip() in line:
                return number
        return 0

    def error(self, message: str, near: str = "") -> PageError:
        line = self.line_of(near) if near else 0
        return PageError(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")

    def link_to(self, src_uri: str) -> str:
        """A link from this page to another file of the site, as a path relative to this page's
        source; MkDocs turns it into the right URL and checks that the target exists."""
        return posixpath.relpath(src_uri, posixpath.dirname(self.src_uri) or ".")
