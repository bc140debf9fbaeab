"""The PDF edition: each language's notes in one document, printed by headless Chromium.

    python -m d2l_notes_build.pdf SITE_DIR OUT_DIR [MKDOCS_YML]

SITE_DIR is an already built site. It is served on 127.0.0.1; for each language the pages of the
``nav`` of MKDOCS_YML (the notes, the glossary and the other reference pages) are read in its
order, their ``article`` elements are put one after another on that language's home page (so the
site's own CSS, including Material's print rules that hide the header and navigation, applies),
after a cover and a table of contents, and Chromium prints the result to
``OUT_DIR/d2l-notes-<language>.pdf``. Formulas are MathML (Chromium renders it), the figures are
SVG ``<img>``s, and Chinese is set in whatever CJK font the system has (fonts-noto-cjk).
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .languages import Languages

if TYPE_CHECKING:  # the browser automation is needed to print, not to build the site
    from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
CONTENTS = {"zh": "目录", "en": "Contents"}

# Every page gets printed from a copy of its article, so links and images must not depend on where
# the copy stands: make them absolute, and load every image now (the site marks them lazy).
EXTRACT_JS = """article => {
  for (const img of article.querySelectorAll('img')) {
    img.setAttribute('src', img.src);
    img.removeAttribute('loading');
  }
  for (const a of article.querySelectorAll('a[href]')) a.setAttribute('href', a.href);
  article.querySelectorAll('.headerlink').forEach(a => a.remove());
  return article.innerHTML;
}"""

# Puts the pages in the home page's article. Ids are prefixed with their page's key because several
# pages have the same ids (e.g. "_1"); links to a printed page become links inside the PDF, and the
# remaining links to the local server point at the published site instead.
ASSEMBLE_JS = """({pages, localRoot, publicRoot, contents, css}) => {
  document.head.appendChild(document.createElement('style')).textContent = css;
  const key = url => 'page-' + (url.slice(localRoot.length).replace(/[^A-Za-z0-9]+/g, '-') || 'home');
  const keys = new Map(pages.map(p => [p.url, key(p.url)]));
  const article = document.querySelector('article');
  article.querySelectorAll('.headerlink').forEach(a => a.remove());
  const cover = article.querySelector('h1').textContent.trim();
  const description = document.querySelector('meta[name=description]')?.content ?? '';
  const homeUrl = publicRoot + location.href.slice(localRoot.length);
  article.innerHTML = `<section class="d2l-pdf-cover"><h1></h1><p class="d2l-pdf-description"></p>
    <p><a></a></p></section><nav class="d2l-pdf-toc"><h1></h1><ol></ol></nav>`;
  article.querySelector('.d2l-pdf-cover h1').textContent = cover;
  article.querySelector('.d2l-pdf-description').textContent = description;
  Object.assign(article.querySelector('.d2l-pdf-cover a'), {href: homeUrl, textContent: homeUrl});
  article.querySelector('.d2l-pdf-toc h1').textContent = contents;
  const toc = article.querySelector('.d2l-pdf-toc ol');
  const entry = (list, id, text) => {
    const item = list.appendChild(document.createElement('li'));
    Object.assign(item.appendChild(document.createElement('a')), {href: '#' + id, textContent: text});
    return item;
  };
  for (const page of pages) {
    const section = article.appendChild(document.createElement('section'));
    section.className = 'd2l-pdf-page';
    section.id = keys.get(page.url);
    section.innerHTML = page.html;
    for (const element of section.querySelectorAll('[id]')) element.id = section.id + '--' + element.id;
    for (const a of section.querySelectorAll('a[href]')) {
      const target = new URL(a.href);
      const fragment = decodeURIComponent(target.hash.slice(1));
      target.hash = '';
      if (keys.has(target.href)) {
        a.setAttribute('href', '#' + keys.get(target.href) + (fragment ? '--' + fragment : ''));
      } else if (publicRoot && a.href.startsWith(localRoot)) {
        a.setAttribute('href', publicRoot + a.href.slice(localRoot.length));
      }
    }
    const title = section.querySelector('h1');
    const item = entry(toc, section.id, title ? title.textContent.trim() : page.url);
    const questions = section.querySelectorAll('h2[id]');
    if (questions.length) {
      const sublist = item.appendChild(document.createElement('ol'));
      for (const h2 of questions) entry(sublist, h2.id, h2.textContent.trim());
    }
  }
}"""

# Every image loaded and decoded and every font in place before printing; returns the broken images.
# Page scripts are off (see main), which stops timers, so this waits on promises only.
WAIT_JS = """async () => {
  const images = [...document.images];
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  await document.fonts.ready;
  return images.filter(img => !img.naturalWidth).map(img => img.src);
}"""

# The characters no font has a glyph for, which would print as empty boxes (tofu), e.g. all Chinese
# on a system without a CJK font; pdftotext cannot tell, as the PDF still maps boxes to the text.
# Chromium draws every such character as the same missing-glyph box, the one it draws for U+10FFFD
# (private use, in no font), so each distinct character's drawing is compared with that box's.
MISSING_GLYPHS_JS = r"""() => {
  const article = document.querySelector('article');
  const canvas = Object.assign(document.createElement('canvas'), {width: 40, height: 40});
  const context = canvas.getContext('2d', {willReadFrequently: true});
  context.font = `32px ${getComputedStyle(article).fontFamily}`;
  context.textBaseline = 'top';
  const draw = character => {
    context.clearRect(0, 0, 40, 40);
    context.fillText(character, 4, 4);
    return context.getImageData(0, 0, 40, 40).data;
  };
  const box = draw('\u{10FFFD}');
  const same = pixels => pixels.every((value, i) => value === box[i]);
  const characters = new Set(article.textContent.replace(/[\s\x00-\x7f]/gu, ''));
  return [...characters].filter(character => same(draw(character)));
}"""

PRINT_CSS = """
.d2l-pdf-cover { padding-top: 30vh; text-align: center; }
.d2l-pdf-cover h1 { font-size: 2.6em; color: inherit; }
.d2l-pdf-toc, .d2l-pdf-page { break-before: page; }
.md-typeset .d2l-pdf-toc ol { list-style: none; margin-left: 0; }
.md-typeset .d2l-pdf-toc > ol > li { font-weight: 700; margin: 0.6em 0 0; }
.md-typeset .d2l-pdf-toc ol ol li { font-weight: 400; margin: 0.15em 0 0 1.5em; }
.d2l-pdf-toc a { color: inherit; }
.md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset dt { break-after: avoid; }
.md-typeset figure, .md-typeset .d2l-math { break-inside: avoid; }
"""

FOOTER = (
    '<div style="width:100%;font-size:8px;color:#888;text-align:center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class PrintError(Exception):
    """The document cannot be printed as it should read."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free local port for as long as the block runs; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def page_paths(config_file: Path) -> list[str]:
    """The site paths of the pages to print, in the order of mkdocs.yml's ``nav``.

    The built pages cannot tell it: their navigation lists only their own chapter's pages
    (navigation.prune). The home page becomes the cover, and the questions index is what the table
    of contents already is, so both are left out.
    """
    from mkdocs.utils import yaml_load  # reads the !ENV tags of mkdocs.yml

    def flatten(items: list) -> Iterator[str]:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from flatten(value)
            elif value.endswith(".md") and "://" not in value:
                yield value

    with open(config_file, encoding="utf-8") as stream:
        nav = yaml_load(stream).get("nav") or []
    paths = [doc[: -len("index.md")] if doc.endswith("index.md") else doc[: -len(".md")] + "/" for doc in flatten(nav)]
    return [path for path in paths if path not in ("", "questions/")]


def prefixes(languages: Languages) -> dict[str, str]:
    """Language -> URL prefix of its pages in the site (mkdocs-static-i18n's layout)."""
    return {lang: "" if lang == languages.default else f"{lang}/" for lang in languages.all}


def print_language(
    tab: Page, base: str, language: str, languages: Languages, paths: list[str], out: Path
) -> None:
    """Write the PDF of one language's notes, the pages at ``paths``, to ``out``."""
    prefix = prefixes(languages)
    home = base + prefix[language]
    urls = [home + path for path in paths]
    pages: list[dict[str, str]] = []
    for url in urls:
        response = tab.goto(url)
        if response is None or not response.ok:
            raise PrintError(f"{language}: {url} is in the nav but not in the built site")
        pages.append({"url": url, "html": tab.eval_on_selector("article", EXTRACT_JS)})

    tab.goto(home)
    # The published address, so links to what the PDF leaves out (downloads, the questions index)
    # still work on paper; it is the home page's canonical URL less the language prefix.
    canonical = tab.evaluate("document.querySelector('link[rel=canonical]')?.href ?? ''")
    public_root = canonical[: len(canonical) - len(prefix[language])] if canonical else ""
    tab.evaluate(
        ASSEMBLE_JS,
        {
            "pages": pages,
            "localRoot": base,
            "publicRoot": public_root,
            "contents": CONTENTS[language],
            "css": PRINT_CSS,
        },
    )
    broken = tab.evaluate(WAIT_JS)
    if broken:
        raise PrintError(f"{language}: images did not load: {', '.join(broken)}")
    missing = tab.evaluate(MISSING_GLYPHS_JS)
    if missing:
        raise PrintError(
            f"{language}: no font has {''.join(sorted(missing))[:40]} ({len(missing)} characters);"
            " they would print as boxes: apt-get install fonts-noto-cjk"
        )
    # Written next to its place and moved there, so a failed run never leaves half a PDF.
    partial = out.with_name(out.name + ".part")
    tab.pdf(
        path=str(partial),
        format="A4",
        print_background=True,
        margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=FOOTER,
        outline=True,  # PDF bookmarks from the headings
        tagged=True,  # the outline is built from the tagged structure
    )
    partial.replace(out)


def page_count(pdf: Path) -> int:
    """Pages in a PDF written by Chromium (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print("usage: python -m d2l_notes_build.pdf SITE_DIR OUT_DIR [MKDOCS_YML]", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    site, out_dir = Path(argv[0]), Path(argv[1])
    config_file = Path(argv[2] if len(argv) == 3 else "mkdocs.yml")
    languages = Languages.of_file(config_file)
    paths = page_paths(config_file)
    if not (site / "index.html").is_file():
        print(f"{site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 1
    if not paths:
        print(f"{config_file}: no pages to print in its nav", file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # No page scripts: the static pages are what is printed (no copy buttons, no palette toggle
        # reading the reader's preferences), and the light colour scheme is the default. Playwright's
        # evaluate still runs; timers and add_style_tag do not, hence the promise-only waiting.
        context = browser.new_context(java_script_enabled=False, color_scheme="light")
        tab = context.new_page()
        try:
            for language in languages.all:
                out = out_dir / f"d2l-notes-{language}.pdf"
                print_language(tab, base, language, languages, paths, out)
                print(f"wrote {out}: {page_count(out)} pages, {out.stat().st_size / 1e6:.1f} MB")
        except PrintError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
