"""Each Markdown extension against a bare Markdown(), in milliseconds: no MkDocs, no examples run."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from markdown import Markdown

from d2l_notes_build.book import BookExtension
from d2l_notes_build.context import PageContext, PageError
from d2l_notes_build.embed import ExampleExtension
from d2l_notes_build.gallery import Example
from d2l_notes_build.glossary import GlossaryExtension, Term
from d2l_notes_build.glue import GlueExtension
from d2l_notes_build.mathml import MathExtension
from d2l_notes_build.runner import ExampleRun, Figure


def example(name="demo", stdout="hi\n", figures=0, glued=None, stderr="") -> Example:
    run = ExampleRun(
        path=f"examples/{name}.py",
        stdout=stdout,
        stderr=stderr,
        figures=[Figure({"zh": "<svg/>", "en": "<svg/>"}, 300, 200) for _ in range(figures)],
        glued=glued or {},
        doctests=3,
        seconds=0.25,
    )
    return Example(name, f"examples/{name}.py", 'print("hi")\n', "digest", run)


def render(text: str, *, language="en", examples=None, terms=(), sections=None, src="notes/page.md") -> str:
    page = PageContext(language=language, src_uri=src, markdown=text)
    examples = examples or {}
    md = Markdown(
        extensions=[
            "attr_list",
            "toc",
            "pymdownx.arithmatex",
            BookExtension(sections or {}, page),
            ExampleExtension(examples, page),
            GlueExtension(examples, page),
            MathExtension(examples, page),
            GlossaryExtension(list(terms), page),
        ],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    return md.convert(text)


# -- !example -------------------------------------------------------------------------------------


def test_an_example_shows_source_facts_downloads_and_output():
    html = render("Before.\n\n!example demo\n\nAfter.", examples={"demo": example()})
    assert '<div class="d2l-example" id="example-demo">' in html
    assert '<span class="filename">examples/demo.py</span>' in html
    assert "ran in 0.25 s · 3 doctests passed" in html
    # Relative to the page's source: MkDocs turns these into URLs and checks the targets exist.
    assert 'href="../examples/demo.py"' in html and 'href="../examples/demo.ipynb"' in html
    assert re.search(r"<p class=\"d2l-example__label\">Output</p>\s*<div class=\"highlight\">", html)
    assert html.index("Before.") < html.index("d2l-example") < html.index("After.")
    # The source stays out of the search index; the output is searchable.
    assert html.count("data-search-exclude") == 1
    assert html.index("data-search-exclude") < html.index("examples/demo.py</span>")


def test_the_scripts_an_example_imports_are_linked_for_download():
    demo = example()
    demo.run.imported_project_files = ["examples/_data.py", "examples/other.py", "src/pkg.py"]
    html = render("!example demo", examples={"demo": demo})
    assert '(it imports <a download="" href="../examples/_data.py">_data.py</a>, ' in html
    assert '<a download="" href="../examples/other.py">other.py</a>)' in html and "pkg.py" not in html


def test_output_and_stderr_are_escaped_text():
    demo = example(stdout="<script>alert(1)</script> & <b>x</b>\n", stderr="UserWarning: <careful>\n")
    html = render("!example demo", examples={"demo": demo})
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in html
    assert "<script>alert" not in html
    assert "Standard error (warnings)" in html and "UserWarning: &lt;careful&gt;" in html


def test_figures_get_caption_alt_size_and_the_pages_language():
    text = "!example demo\n    caption: Loss falls, $x^2$.\n    alt: Line chart of the loss.\n    caption: Second.\n    alt: Bars."
    html = render(text, language="zh", examples={"demo": example(figures=2)})
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 2
    assert 'src="../examples/demo-1.zh.svg"' in images[0] and 'alt="Line chart of the loss."' in images[0]
    assert 'width="300"' in images[0] and 'height="200"' in images[0]
    assert re.search(r"<figcaption>Loss falls, <math[^>]*>.*</math>\.</figcaption>", html)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("", "draws 1 figure(s) but the page gives 0 caption/alt pair(s)"),
        ("\n    caption: Only a caption.", "every figure needs a caption and an alt text"),
        ("\n    alt: No caption.", "'alt:' without a 'caption:' before it"),
        ("\n    title: Wrong key.", "expected 'caption:' or 'alt:'"),
    ],
)
def test_figure_text_mistakes_name_page_and_line(lines, message):
    text = "# Page\n\n!example demo" + lines
    with pytest.raises(PageError, match=re.escape(message)) as error:
        render(text, examples={"demo": example(figures=1)})
    assert str(error.value).startswith("docs/notes/page.md:3:") or "docs/notes/page.md:4:" in str(error.value)


def test_an_unknown_example_names_page_and_line():
    with pytest.raises(PageError, match=r"docs/notes/page.md:3: no example named 'nope'"):
        render("Text.\n\n!example nope\n")


def test_an_example_that_did_not_run_shows_its_source_only():
    demo = Example("demo", "examples/demo.py", "x = 1\n", "digest", None)
    html = render("!example demo", examples={"demo": demo})
    assert "examples were not run in this build" in html and "Output" not in html


# -- glue -----------------------------------------------------------------------------------------


def test_glued_values_in_prose_and_in_math():
    demo = example(glued={"p": 4.5e-5, "n": 1797, "name": "SGD", "r": 0.123456})
    html = render(
        "p is {{ demo.p:.1e }}, n = {{demo.n:,}}, {{ demo.name }}, r {{ demo.r:.3f }}, and $p = {{ demo.p:.1e }}$.",
        examples={"demo": demo},
    )
    assert '<span class="d2l-glue">4.5 × 10<sup>−5</sup></span>' in html
    assert '<span class="d2l-glue">1,797</span>' in html and ">SGD<" in html and ">0.123<" in html
    assert re.search(r"<mn>4\.5</mn><mo>×</mo><msup><mn>10</mn><mrow><mo>−</mo><mn>5</mn></mrow></msup>", html)


def test_glue_in_code_is_left_alone():
    html = render("`{{ demo.p }}`", examples={"demo": example(glued={"p": 1})})
    assert "<code>{{ demo.p }}</code>" in html


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("{{ demo.q }}", "examples/demo.py glues no value 'q' (it glues: p)"),
        ("{{ other.p }}", "refers to no example named 'other'"),
        ("{{ demo.p:.2q }}", "cannot format"),
    ],
)
def test_glue_mistakes_name_page_and_line(reference, message):
    with pytest.raises(PageError, match=re.escape(message)) as error:
        render(f"# Page\n\nA value: {reference}.", examples={"demo": example(glued={"p": 1.5})})
    assert str(error.value).startswith("docs/notes/page.md:3:")


# -- math -----------------------------------------------------------------------------------------


def test_formulas_become_mathml_without_redundant_rows():
    html = render("Inline $a_i$ and\n\n$$\n\\frac{1}{2} < x\n$$\n")
    assert '<math display="inline"><msub><mi>a</mi><mi>i</mi></msub></math>' in html
    assert re.search(r'<div class="d2l-math">\s*<math display="block"><mfrac>.*<mo>&lt;</mo>', html, re.S)
    assert "arithmatex" not in html and "\\(" not in html


@pytest.mark.parametrize(
    ("tex", "message"), [("$\\frac{a}{$", "cannot typeset $\\frac{a}{$"), ("$\\softmaxx(a)$", "unknown command \\softmaxx")]
)
def test_formula_mistakes_name_page_and_line(tex, message):
    with pytest.raises(PageError, match=re.escape(message)) as error:
        render(f"Text\n\nBroken: {tex} here.")
    assert str(error.value).startswith("docs/notes/page.md:3:")


# -- glossary -------------------------------------------------------------------------------------

TERMS = [
    Term("loss-function", {"zh": "损失函数", "en": "loss function"}, {"zh": "衡量误差。", "en": "Measures error."}),
    Term("gradient", {"zh": "梯度", "en": "gradient"}, {"zh": "偏导数。", "en": "Partial derivatives."}),
]


def test_the_first_mention_of_each_term_is_linked_with_the_other_languages_name():
    html = render(
        "# The gradient\n\n`gradient` and [a gradient](x.md) and $gradient$.\n\n"
        "Gradients *of a loss\nfunction* and a gradient again.",
        terms=TERMS,
    )
    links = re.findall(r'<a class="d2l-term" data-hint="([^"]+)" href="([^"]+)">([^<]+)</a>', html)
    assert links == [("梯度", "../glossary.md#gradient", "Gradients"), ("损失函数", "../glossary.md#loss-function", "loss\nfunction")]


def test_chinese_terms_are_linked_in_chinese_pages():
    html = render("损失函数的梯度。", language="zh", terms=TERMS)
    assert '<a class="d2l-term" data-hint="loss function" href="../glossary.md#loss-function">损失函数</a>' in html
    assert 'data-hint="gradient"' in html


def test_the_glossary_page_lists_every_term_and_links_none():
    html = render("# Glossary\n\n!glossary\n\nA gradient.", terms=TERMS, src="glossary.md")
    assert html.index('<dt id="gradient">') < html.index('<dt id="loss-function">')
    assert '<dfn>gradient</dfn> <span lang="zh">梯度</span>' in html
    assert "<dd>Partial derivatives.</dd>" in html and "d2l-term" not in html


# -- !book ----------------------------------------------------------------------------------------

SECTIONS = {
    "3.8": {
        "zh": {"title": "多层感知机", "url": "https://zh-v1.d2l.ai/mlp.html"},
        "en": {"title": "Multilayer Perceptrons", "url": "https://d2l.ai/mlp.html"},
    },
    "3.9": {"zh": {"title": "从零开始", "url": "https://zh-v1.d2l.ai/scratch.html"}},
}


def test_book_sections_are_named_and_linked_in_the_pages_language():
    zh = render("!book 3.8 3.9", language="zh", sections=SECTIONS)
    assert '<a href="https://zh-v1.d2l.ai/mlp.html">3.8 节 多层感知机</a>' in zh and "3.9 节 从零开始" in zh
    en = render("!book 3.8", sections=SECTIONS)
    assert '<a href="https://d2l.ai/mlp.html">Multilayer Perceptrons</a>' in en
    assert 'hreflang="zh">section 3.8, Chinese MXNet edition</a>' in en


def test_an_unknown_book_section_names_page_and_line():
    with pytest.raises(PageError, match=r"docs/notes/page.md:1: !book 9.9: no section 9.9"):
        render("!book 9.9", sections=SECTIONS)


def test_the_directive_ends_at_the_first_line_that_is_not_indented():
    text = "!example demo\n    caption: One.\n    alt: A chart\n      over two lines.\nNext paragraph."
    html = render(text, examples={"demo": example(figures=1)})
    assert 'alt="A chart over two lines."' in html and "<p>Next paragraph.</p>" in html


# -- reader tools ---------------------------------------------------------------------------------

from d2l_notes_build.languages import Languages  # noqa: E402
from d2l_notes_build.readers import Place, ReadersExtension, examples_zip, mxnet_api  # noqa: E402


def test_the_api_index_reads_calls_from_the_syntax_tree():
    source = (
        "import mxnet as mx\nfrom mxnet import autograd, gluon, nd\nfrom mxnet.gluon import loss as gloss, nn\n"
        "x = nd.arange(4)\nx.attach_grad()\nwith autograd.record():\n    y = 2 * x\ny.backward()\n"
        "net = nn.Sequential()\nnet.add(nn.Dense(1))\ntrainer = gluon.Trainer(net.collect_params(), 'sgd')\n"
        "trainer.step(10)\nl = gloss.L2Loss()\nmx.random.seed(1)\nprint('nd.pick in a string is not a call')\n"
    )
    assert mxnet_api(source) == {
        "nd.arange", "nd.NDArray.attach_grad", "autograd.record", "nd.NDArray.backward",
        "gluon.nn.Sequential", "gluon.nn.Sequential.add", "gluon.nn.Dense", "gluon.nn.Sequential.collect_params",
        "gluon.Trainer", "gluon.Trainer.step", "gluon.loss.L2Loss", "mx.random.seed",
    }


def readers(text: str, language: str, run_from_cache=False) -> str:
    page = PageContext(language=language, src_uri="report.md" if language == "zh" else "report.en.md", markdown=text)
    demo = example(name="demo")
    demo.source = "from mxnet import nd\nnd.pick(nd.ones((2, 2)), nd.zeros(2))\n"
    demo.from_cache = run_from_cache
    slow = example(name="slow")
    slow.run.seconds = 2.0
    examples = {"demo": demo, "slow": slow}
    places = {"demo": [Place("notes/a.md", "q3")], "slow": [Place("notes/b.md", "q12")]}
    extension = ReadersExtension(examples, places, [Languages("zh", ("en",))], page)
    return Markdown(extensions=[extension]).convert(text)


def test_the_execution_report_lists_every_example_longest_first_with_links():
    html = readers("!execution-report", "en", run_from_cache=True)
    rows = re.findall(r"<tr>.*?</tr>", html.split("<tbody>")[1], re.S)
    assert "slow.py" in rows[0] and "demo.py" in rows[1]
    assert '<a href="notes/b.en.md#example-slow"><code>slow.py</code></a>' in rows[0]
    assert '<a href="notes/b.en.md#q12">Q12</a>' in rows[0] and ">2.00<" in rows[0] and ">ran<" in rows[0]
    assert ">from the cache<" in rows[1] and 'data-sort="0012"' in rows[0]
    assert "Total, 2 examples" in html and ">2.25<" in html and '<script type="module">' in html


def test_the_api_index_links_each_call_to_its_examples_and_questions():
    html = readers("!api-index", "zh")
    assert re.search(r"<dt><code>nd\.pick</code></dt>\s*<dd>示例：<span><a href=\"notes/a\.md#example-demo\"><code>demo</code></a></span>"
                     r"；问题：<span><a href=\"notes/a\.md#q3\">Q3</a></span></dd>", html), html


def test_every_table_is_classed_so_that_materials_script_leaves_it_in_place():
    page = PageContext(language="en", src_uri="notation.en.md", markdown="")
    extension = ReadersExtension({}, {}, [Languages("zh", ("en",))], page)
    html = Markdown(extensions=["tables", extension]).convert("| a | b |\n| - | - |\n| 1 | 2 |\n\n!execution-report")
    assert re.findall(r"<table[^>]*>", html) == ['<table class="d2l-table">', '<table class="d2l-table d2l-sortable">']


def test_the_examples_zip_is_byte_identical_for_the_same_content(tmp_path):
    import zipfile

    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "_helper.py").write_text("import numpy\n")
    demo = example()
    demo.source = "import mxnet\nfrom _helper import x\n"
    first = examples_zip({"demo": demo}, tmp_path, "examples")
    assert examples_zip({"demo": demo}, tmp_path, "examples") == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        requirements = archive.read("d2l-notes-examples/requirements.txt").decode()
    assert names == sorted(names) and "d2l-notes-examples/demo.ipynb" in names
    assert "d2l-notes-examples/_helper.py" in names and "d2l-notes-examples/README.md" in names
    assert re.search(r"^mxnet==1\.9\.1$", requirements, re.M) and re.search(r"^numpy==", requirements, re.M)


def test_the_examples_zip_is_kept_and_made_again_only_when_what_it_holds_changed(tmp_path, monkeypatch):
    from d2l_notes_build import readers as module

    (tmp_path / "examples").mkdir()
    cache = tmp_path / ".cache" / "downloads"
    demo = example()
    demo.source = "import mxnet\n\n# A comment\nx = 1\n"
    first = examples_zip({"demo": demo}, tmp_path, "examples", cache=cache, salt="python=3.11")
    notebook = demo.notebook
    assert '"cells"' in notebook
    made = []
    monkeypatch.setattr(module, "_zip", lambda *args: made.append(args) or first)

    def build(salt="python=3.11"):  # as a new build process would: nothing remembered in memory
        module._cached_zip.cache_clear()
        demo.notebook = ""
        return examples_zip({"demo": demo}, tmp_path, "examples", cache=cache, salt=salt)

    assert build() == first and demo.notebook == notebook and made == []
    zipped = next(cache.glob("*.zip"))
    zipped.write_bytes(first[: len(first) // 2])  # damaged (writes are atomic: a disk, a hand)
    assert build() == first and len(made) == 1
    assert zipped.read_bytes() == first
    build(salt="python=3.12")  # other packages may pin other versions in requirements.txt
    assert len(made) == 2 and len(list(cache.iterdir())) == 1  # the old zip is gone


def test_a_scripts_notebook_is_the_same_in_every_build():
    # nbformat gives new cells random ids (uuid4): each build published a different notebook.
    source = "import mxnet\n\n# A comment\nx = 1\n"
    script = f"from d2l_notes_build.gallery import _notebook; print(_notebook({source!r}))"
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0] == runs[1]
    assert re.findall(r'"id": "([^"]+)"', runs[0]) == ["cell-0", "cell-1"]


def test_aligned_equations_become_a_table_and_a_stray_ampersand_is_an_error():
    html = render("$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n$$\n")
    assert "<mtable" in html and "&amp;" not in html
    with pytest.raises(PageError, match="latex2mathml wrote invalid MathML"):
        render("$$\na &= b\n$$\n")


def test_display_math_that_arithmatex_did_not_see_fails_naming_the_line():
    text = "1. Step:\n\n   $$\n   x^2\n   $$\n"
    with pytest.raises(PageError, match=r"page.md:3: a formula was not typeset: inside a list, indent"):
        render(text)
    assert "<math" in render(text.replace("\n   ", "\n    "))
