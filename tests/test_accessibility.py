"""Every page in a real browser: it reads well, and meets WCAG 2.1 AA in both colour schemes.

Each built page of every language is loaded once and checked as a reader sees it: formulas typeset
(no raw LaTeX, every formula drawn), every image loaded, the document's language right, no request
to another host and no console error; then the accessibility checks below.

axe-core's WCAG 2.1 A and AA rules run on every built page (not a sample), together with checks of
what axe leaves to a person but a script can decide on this site: a link inside running text must
not differ from the text around it by colour alone (WCAG 1.4.1; axe skips the footer's link), the
page must not scroll sideways at 320 CSS pixels (1.4.10), and every region that scrolls sideways
there must take keyboard focus itself (2.1.1: tabbing to a link inside a wide table does not reach
its other cells). The contrast of text (1.4.3) is computed by this file rather than by axe's
color-contrast rule, which took three fifths of the checks' time in the page: axe hit-tests every
text element for what lies behind it. A test holds the two to the same answers on a page of every
kind in both schemes.

Each page is loaded once. axe runs on it in the light scheme; then the scheme toggle is clicked,
as a reader would, and the contrast checks run again in the dark scheme (the page's own script
switches the scheme in place exactly as it chooses it for a reader whose system prefers dark);
then the window narrows to 320 px for the sideways checks. Two browser contexts audit two pages
at a time: one page loads while the other's checks run.
"""

from __future__ import annotations

import collections
import fcntl
import functools
import http.server
import json
import re
import subprocess
import threading
from urllib.parse import urlsplit

import pytest
from conftest import IN_CI, LANGUAGES, ROOT, url_path
from test_site import PAGES

AXE_VERSION = "4.14.1"
AXE_DIR = ROOT / ".cache" / "axe-core"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10: content reflows at 320 CSS pixels
MISSING = "no-such-page/"  # any missing path gets the site's 404.html, as on GitHub Pages
AUDIT_URL = "/__audit__/axe-and-checks.js"  # outside the site's path
# In the dark scheme only the contrast checks run again (this file's text contrast and its check of
# links in running text, which stands for axe's link-in-text-block in both schemes): axe's other
# rules look at the document, its ARIA and what is visible, which the scheme does not change (both
# toggle inputs are named).
# Text contrast (textContrast in AUDIT_JS) is computed from each text element's computed colour over
# its ancestors' backgrounds, composited with their alpha and opacity; the site puts no text over a
# background image, and the check says so if it ever does. axe's color-contrast rule hit-tests each
# element for what lies behind it: on a long page, 0.8 s per scheme against 0.05 s.
AXE_OFF = ["color-contrast", "link-in-text-block"]
TARGETS = [(page, language) for page in PAGES for language in LANGUAGES.all] + [("404", LANGUAGES.default)]

# Injected after axe. Everything the light and dark passes need runs in the page, in one promise,
# so that Python can load the next page in the other browser context meanwhile.
AUDIT_JS = r"""
(() => {
  const frames = n => new Promise(done => {
    const step = () => (n-- > 0 ? requestAnimationFrame(step) : done());
    step();
  });
  const brief = result => result.violations.flatMap(v => v.nodes.map(n =>
    `${v.id} (${v.impact}): ${n.target.join(" ")} ${n.html.slice(0, 100)} | ` +
    (n.failureSummary || "").split("\n").slice(1).join(" ").trim().slice(0, 240)));

  const rgb = text => (text.match(/[\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => [r, g, b]
    .map(v => v / 255).map(v => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => {
    const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const inline = el => getComputedStyle(el).display === "inline";
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility === "visible";

  // WCAG 1.4.1 (technique G183): a link inside running text is underlined (or otherwise marked)
  // or its colour differs from the text around it by at least 3:1.
  const linksByColourAlone = () => [...document.querySelectorAll("a[href]")].filter(a => {
    // Not a word in the text: a link laid out as a box (logo, buttons), the pilcrow after a heading.
    if (!visible(a) || !inline(a) || a.matches(".headerlink")) return false;
    let block = a.parentElement;
    while (block.parentElement && inline(block)) block = block.parentElement;
    // A block of links and punctuation (navigation, "Q15, Q16") has no text to tell them from.
    let around = "";
    for (const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT); walk.nextNode();) {
      if (!walk.currentNode.parentElement.closest("a")) around += walk.currentNode.data;
    }
    if (!/[\p{L}\p{N}]/u.test(around)) return false;
    for (let el = a; el && el !== block; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.textDecorationLine.includes("underline") || style.borderBottomStyle !== "none") return false;
    }
    return contrast(getComputedStyle(a).color, getComputedStyle(block).color) < 3;
  }).map(a => `link-by-colour-alone: ${a.outerHTML.slice(0, 120)} in "${a.parentElement.textContent.trim().slice(0, 60)}"`);

  // WCAG 1.4.3: every element holding text (and every text field), its colour composited over the
  // backgrounds behind it and faded by its ancestors' opacity: 4.5:1, 3:1 for large text. What is
  // transparent (opacity 0: the skip link, the permalinks until hovered) is not seen, as for axe.
  const rgba = text => { const v = (text.match(/[\d.]+/g) || []).map(Number); return v.length === 3 ? [...v, 1] : v; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const behind = new Map(), faded = new Map();
  const backdrop = el => {  // {colour: the opaque colour behind el's text, image: a background image is there}
    if (!el) return {colour: [255, 255, 255, 1], image: false};  // the canvas
    if (!behind.has(el)) {
      const style = getComputedStyle(el), own = rgba(style.backgroundColor);
      const under = own[3] === 1 ? {colour: own, image: false} : backdrop(el.parentElement);
      behind.set(el, {colour: over(own, under.colour), image: under.image || style.backgroundImage !== "none"});
    }
    return behind.get(el);
  };
  const opacity = el => {
    if (!el) return 1;
    if (!faded.has(el)) faded.set(el, parseFloat(getComputedStyle(el).opacity) * opacity(el.parentElement));
    return faded.get(el);
  };
  const ownText = el => [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim()) ||
    (el.matches("input") && ["text", "search"].includes(el.type));
  // Element -> {ratio, least (the ratio it needs), colours}, or null over a background image.
  const contrasts = () => {
    behind.clear();  // the scheme may have changed since the last call
    faded.clear();
    const found = new Map();
    for (const el of document.body.querySelectorAll("*")) {
      if (!ownText(el) || !visible(el) || opacity(el) === 0) continue;
      const style = getComputedStyle(el), back = backdrop(el);
      if (back.image) {
        found.set(el, null);
        continue;
      }
      const colour = rgba(style.color);
      colour[3] *= opacity(el);
      const size = parseFloat(style.fontSize), large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight) >= 700);
      found.set(el, {ratio: contrast(`rgb(${over(colour, back.colour)})`, `rgb(${back.colour})`), least: large ? 3 : 4.5,
                     colours: `${style.color} on rgb(${back.colour.slice(0, 3).map(Math.round)})`});
    }
    return found;
  };
  const textContrast = () => [...contrasts()].flatMap(([el, c]) => {
    const text = `color-contrast (own check): ${el.outerHTML.slice(0, 100)}`;
    if (c === null) return [`${text} is over a background image, which this check cannot measure`];
    return c.ratio < c.least ? [`${text} is ${c.ratio.toFixed(2)}:1, ${c.colours}`] : [];
  });
  window.d2lContrasts = contrasts;  // for the test that holds them to axe's

  // What a reader sees first: typeset formulas and loaded images (lazy ones are loaded now).
  const reads = async () => {
    const problems = [];
    const article = document.querySelector("article");
    const text = article.innerText;
    if (["$$", "\\frac", "\\("].some(raw => text.includes(raw))) problems.push("raw LaTeX is visible");
    if ([...article.querySelectorAll("math")].some(m => m.getBoundingClientRect().width === 0)) problems.push("a formula did not render");
    for (const img of article.querySelectorAll("img")) {
      img.loading = "eager";
      await img.decode().catch(() => {});
      if (!img.naturalWidth) problems.push(`image not loaded: ${img.getAttribute("src")}`);
    }
    return problems;
  };

  window.d2lAudit = async ({tags, off}) => {
    // The page's ResizeObservers have run: the script that gives wide formulas and tables their
    // tabindex starts observing on load, and reports at the next frame. On a page without images
    // nothing below waited for one: in a busy run, axe once found two formulas of such a page
    // unfocusable (scrollable-region-focusable).
    await frames(3);
    const reading = await reads();
    const options = {runOnly: {type: "tag", values: tags}, rules: Object.fromEntries(off.map(id => [id, {enabled: false}])),
                     resultTypes: ["violations"]};
    const light = [...brief(await axe.run(document, options)), ...textContrast(), ...linksByColourAlone()];
    document.querySelector(".md-header__option label:not([hidden])").click();
    await frames(2);
    await Promise.all(document.getAnimations().map(a => a.finished));
    const dark = [...textContrast(), ...linksByColourAlone()];
    const scheme = document.body.dataset.mdColorScheme;
    localStorage.clear();  // the next page starts from the reader's preference (light) again
    return {reading, lang: document.documentElement.lang, light, dark, scheme};
  };

  // At 320 px: the page itself does not scroll sideways (nor cuts anything off), and whatever
  // scrolls sideways takes focus itself (stricter than axe's scrollable-region-focusable, which
  // accepts a link inside; axe already ran that rule at full width).
  window.d2lNarrow = async () => {
    await frames(3);  // the page's ResizeObservers have run
    const problems = [];
    const page = document.scrollingElement;
    if (page.scrollWidth > innerWidth + 1) problems.push(`reflow: the page is ${page.scrollWidth} px wide at ${innerWidth} px`);
    for (const el of document.querySelectorAll(".md-main *")) {
      if (el.scrollWidth <= el.clientWidth + 1 || !["auto", "scroll"].includes(getComputedStyle(el).overflowX)) continue;
      if (!visible(el) || el.tabIndex >= 0 && el.hasAttribute("tabindex")) continue;
      problems.push(`scroll-region-not-focusable: ${el.outerHTML.slice(0, 100)} scrolls ${el.scrollWidth - el.clientWidth} px`);
    }
    return problems;
  };
})();
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from the npm registry, installed into .cache like bench.py's Lighthouse."""
    package = AXE_DIR / "node_modules" / "axe-core"
    installed = package / "package.json"
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    # Both languages' audits ask for it at once, on different test workers: one installs, the
    # other waits (two npm installs into one folder fail).
    with open(AXE_DIR / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not installed.exists() or json.loads(installed.read_text())["version"] != AXE_VERSION:
            try:
                if not (AXE_DIR / "package.json").exists():
                    subprocess.run(["npm", "init", "-y"], cwd=AXE_DIR, check=True, capture_output=True)
                subprocess.run(["npm", "i", "-E", f"axe-core@{AXE_VERSION}"], cwd=AXE_DIR, check=True, capture_output=True)
            except (OSError, subprocess.CalledProcessError) as error:
                message = f"axe-core {AXE_VERSION} could not be installed with npm into {AXE_DIR}: {error}"
                if IN_CI:
                    pytest.fail(message)
                pytest.skip(message)
    return (package / "axe.min.js").read_text(encoding="utf-8")


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A project site as GitHub Pages serves it: under its sub-path, with 404.html for what is missing.
    It also serves the audit's script at AUDIT_URL, cacheable, so that Chromium compiles its 650 KB
    once rather than on every page."""

    not_found = b""
    audit = b""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path != AUDIT_URL:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript; charset=utf-8")
        self.send_header("Content-Length", str(len(self.audit)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(self.audit)

    def send_error(self, code, message=None, explain=None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.not_found)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(self.not_found)


@pytest.fixture(scope="module")
def published(site, tmp_path_factory, axe_source) -> str:
    """Base URL of the site served under the path of its site_url (the root 404.html links from there)."""
    not_found = (site / "404.html").read_bytes()
    sub = re.search(rb'href="(/[^"]*?)assets/stylesheets/main\.', not_found)[1].decode()
    parent = tmp_path_factory.mktemp("published")
    if sub.strip("/"):
        (parent / sub.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        (parent / sub.strip("/")).symlink_to(site, target_is_directory=True)
    else:
        parent = site
    audit = (axe_source + "\n" + AUDIT_JS).encode()
    handler = type("Handler", (_PagesHandler,), {"not_found": not_found, "audit": audit})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{sub}"
    server.shutdown()
    server.server_close()


def _path(page: str, language: str) -> str:
    return MISSING if page == "404" else url_path(page, language)


class _Auditor:
    """One browser context auditing one page at a time; start() returns before axe is done."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(viewport=DESKTOP, color_scheme="light")
        self.tab = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.tab.on("request", lambda request: self.requests.append(request.url))
        self.tab.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.tab.on("pageerror", lambda error: self.errors.append(str(error)))
        self.base = base
        self.script = base[: base.index("/", len("http://"))] + AUDIT_URL
        self.target = None

    def start(self, target: tuple[str, str]) -> None:
        self.target = target
        self.requests.clear()
        self.errors.clear()
        self.tab.set_viewport_size(DESKTOP)
        response = self.tab.goto(self.base + _path(*target), wait_until="load")
        assert response.status == (404 if target[0] == "404" else 200), (target, response.status)
        self.tab.add_script_tag(url=self.script)
        # axe does most of its work synchronously: started from a timer, it runs while this returns.
        self.tab.evaluate("opts => { window.d2lResult = new Promise(done => setTimeout(() => done(d2lAudit(opts)))); }",
                          {"tags": TAGS, "off": AXE_OFF})

    def finish(self) -> dict:
        result = self.tab.evaluate("window.d2lResult")
        self.tab.set_viewport_size(NARROW)
        result["narrow"] = self.tab.evaluate("d2lNarrow()")
        host = urlsplit(self.base).netloc
        result["foreign"] = [r for r in self.requests if urlsplit(r).scheme in ("http", "https") and urlsplit(r).netloc != host]
        # The 404 page's own status is logged as an error; nothing else may be.
        result["errors"] = [e for e in self.errors if not (self.target[0] == "404" and "404" in e)]
        # Left here, the page would be laid out again at full width when start() widens the
        # window for the next one: 0.1-0.15 s of a note page's audit, for nothing.
        self.tab.goto("about:blank")
        return result


def _audit(browser, published, targets) -> dict[tuple[str, str], dict]:
    """(page, language) -> {"light": [...], "dark": [...], "scheme": ..., "narrow": [...]}: problems found."""
    auditors = [_Auditor(browser, published) for _ in range(2)]
    results = {}
    busy = collections.deque()
    try:
        for target in targets:
            if len(busy) == len(auditors):
                done = busy.popleft()
                results[done.target] = done.finish()
                auditor = done
            else:
                auditor = auditors[len(busy)]
            auditor.start(target)
            busy.append(auditor)
        while busy:
            done = busy.popleft()
            results[done.target] = done.finish()
    finally:
        for auditor in auditors:
            auditor.context.close()
    return results


class _EveryPageOfALanguage:
    """One class per language (below): one worker audits a language's pages (the class's `audit`;
    conftest.py's scheduling), and the two languages are audited at the same time."""

    language: str

    @pytest.fixture(scope="class")
    @classmethod
    def audit(cls, browser, published) -> dict[tuple[str, str], dict]:
        return _audit(browser, published, [t for t in TARGETS if t[1] == cls.language])

    def test_every_page_reads_well_and_meets_wcag_2_1_aa_in_both_schemes(self, audit, page):
        result = audit[(page, self.language)]
        assert result["lang"] == self.language
        assert result["scheme"] == "slate", "the scheme toggle did not switch to the dark scheme"
        kinds = ("reading", "foreign", "errors", "light", "dark", "narrow")
        problems = [f"{kind}: {problem}" for kind in kinds for problem in result[kind]]
        assert problems == [], f"{_path(page, self.language)}:\n" + "\n".join(problems)


for _language in LANGUAGES.all:
    globals()[f"TestEveryPageIn_{_language}"] = type(
        f"TestEveryPageIn_{_language}", (_EveryPageOfALanguage,), {"language": _language}
    )


def pytest_generate_tests(metafunc):
    if metafunc.cls and issubclass(metafunc.cls, _EveryPageOfALanguage) and "page" in metafunc.fixturenames:
        metafunc.parametrize("page", [page for page, language in TARGETS if language == metafunc.cls.language])


def _wide_formula_page(site) -> tuple[str, str]:
    """The note page whose widest display formula is longest in its source (it overflows at 320 px)."""
    def widest(html: str) -> int:
        return max((len(m) for m in re.findall(r'<div class="d2l-math">.*?</div>', html, re.S)), default=0)
    return max(((p, l) for p, l in TARGETS if p.startswith("notes/")),
               key=lambda t: widest((site / url_path(*t) / "index.html").read_text(encoding="utf-8")))


def _found(problem: str) -> str:
    """What a problem of the audit is about: "link", "image" (text over a background image) or the
    element whose text contrast fails, as tag.class."""
    if problem.startswith("link-by-colour-alone"):
        return "link"
    if "over a background image" in problem:
        return "image"
    match = re.match(r'color-contrast \(own check\): <(\w+)(?: class="([\w-]+)")?', problem)
    return ".".join(filter(None, match.groups())) if match else problem


def test_the_audits_own_checks_find_faint_text_and_links_told_by_colour_alone(browser, published, site):
    """What the audit checks itself instead of axe, planted on a real page and found in the scheme
    it was planted in and nowhere else: a code keyword too faint over the light code background
    (a colour with alpha, composited), faint headings, text over a background image and links that
    look like the text around them (light); formula letters too dark and labels faded by opacity
    (dark)."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(published + url_path(*_wide_formula_page(site)), wait_until="load")  # code, formulas, links
    tab.add_style_tag(content="[data-md-color-scheme=default] .highlight code .k { color: rgba(0, 0, 0, 0.3) }"
                              "[data-md-color-scheme=default] .md-typeset h2 { color: #ccc }"
                              "[data-md-color-scheme=default] .md-footer-meta { background-image: linear-gradient(#000, #111) }"
                              "[data-md-color-scheme=default] .md-typeset p a { color: inherit !important;"
                              " text-decoration: none !important; border: 0 !important }"
                              "[data-md-color-scheme=slate] math mi { color: #555 }"
                              "[data-md-color-scheme=slate] .d2l-example__label { opacity: 0.3 }")
    tab.add_script_tag(url=published[: published.index("/", len("http://"))] + AUDIT_URL)
    result = tab.evaluate("options => d2lAudit(options)", {"tags": TAGS, "off": AXE_OFF})
    context.close()
    assert {_found(p) for p in result["light"]} == {"span.k", "h2", "image", "link"}, result["light"]
    assert {_found(p) for p in result["dark"]} == {"mi", "p.d2l-example__label"}, result["dark"]


# The text contrast that axe's rule measures on a page, against this file's (d2lContrasts): every
# element axe measures is measured here too, to within 0.1 of its ratio (both round colours).
_AGAINST_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "rule", values: ["color-contrast"]},
                                          resultTypes: ["passes", "violations"]});
  const own = d2lContrasts(), problems = [];
  const nodes = [...result.passes, ...result.violations].flatMap(rule => rule.nodes);
  for (const node of nodes) {
    const el = document.querySelector(node.target[0]), theirs = node.any[0].data.contrastRatio;
    const text = `${el.outerHTML.slice(0, 100)} (axe: ${theirs}:1)`, mine = own.get(el);
    if (!mine) problems.push(`not measured: ${text}`);
    else if (Math.abs(mine.ratio - theirs) > 0.1) problems.push(`${mine.ratio.toFixed(2)}:1 for ${text}`);
  }
  return {measured: nodes.length, problems, scheme: document.body.dataset.mdColorScheme};
}"""


def test_the_audits_contrast_agrees_with_axe_on_every_kind_of_page_in_both_schemes(browser, published, site):
    """The home page, the API index (tables, code), the heaviest note page (code, formulas, tables,
    figures, examples' output) and the 404 page (a form): every element kind the site has."""
    heaviest = max((p for p in PAGES if p.startswith("notes/")),
                   key=lambda p: (site / url_path(p, LANGUAGES.default) / "index.html").stat().st_size)
    targets = [(page, LANGUAGES.default) for page in ("index", "api", heaviest, "404")]
    problems = []
    for scheme, name in (("light", "default"), ("dark", "slate")):
        context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        tab = context.new_page()
        for target in targets:
            tab.goto(published + _path(*target), wait_until="load")
            tab.add_script_tag(url=published[: published.index("/", len("http://"))] + AUDIT_URL)
            result = tab.evaluate(_AGAINST_AXE)
            assert result["scheme"] == name and result["measured"] > 20, (target, scheme, result)
            problems += [f"{_path(*target)} ({scheme}): {problem}" for problem in result["problems"]]
        context.close()
    assert problems == [], "\n".join(problems)


def test_a_wide_formula_takes_focus_shows_it_and_scrolls_by_keyboard(browser, published, site):
    context = browser.new_context(viewport=NARROW)
    tab = context.new_page()
    tab.goto(published + url_path(*_wide_formula_page(site)), wait_until="load")
    tab.wait_for_function("document.querySelector('.d2l-math[tabindex]')")
    # Formulas that fit stay out of the tab order; the ones that overflow are in it.
    fits = tab.eval_on_selector_all(".d2l-math", "els => els.map(e => [e.scrollWidth > e.clientWidth, e.hasAttribute('tabindex')])")
    assert all(overflows == focusable for overflows, focusable in fits), fits
    formula = tab.query_selector(".d2l-math[tabindex]")
    # Reach it with the keyboard: Tab from the element just before it.
    tab.evaluate("""el => {
      const stop = document.createElement("button");
      stop.textContent = "before";
      el.before(stop);
      stop.focus();
    }""", formula)
    tab.keyboard.press("Tab")
    assert tab.evaluate("el => document.activeElement === el", formula)
    ring = formula.evaluate("el => { const s = getComputedStyle(el); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] != "none" and ring[1] >= 1, ring
    assert formula.evaluate("el => el.scrollLeft") == 0
    tab.keyboard.press("ArrowRight")
    tab.wait_for_function("el => el.scrollLeft > 0", arg=formula)
    # Wide enough again, it leaves the tab order.
    tab.set_viewport_size({"width": 3000, "height": 800})
    tab.wait_for_function("el => !el.hasAttribute('tabindex')", arg=formula)
    context.close()
