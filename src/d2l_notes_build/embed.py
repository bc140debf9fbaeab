"""The Markdown that stands in a page for one ``!example NAME`` line."""

from __future__ import annotations

import html
import re

from .runner import ExampleRun

DIRECTIVE = re.compile(r"^!example\s+(?P<name>[\w-]+)\s*$", re.MULTILINE)

LABELS = {
    "zh": {
        "output": "输出",
        "ran": "运行 {seconds:.2f} 秒",
        "not_run": "本次构建未运行示例",
        "download": "下载",
        "no_output": "（无输出）",
        "truncated": "…… 输出过长，已省略其余 {count:,} 个字符",
        "figure": "{name} 的图 {number}",
    },
    "en": {
        "output": "Output",
        "ran": "ran in {seconds:.2f} s",
        "not_run": "examples were not run in this build",
        "download": "Download",
        "no_output": "(no output)",
        "truncated": "... output too long: {count:,} more characters left out",
        "figure": "Figure {number} of {name}",
    },
}


def _fenced(text: str, language: str, attributes: str = "") -> str:
    """A fence longer than any backtick run in ``text``, so no output can close it early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    header = f"{fence}{language}{(' ' + attributes) if attributes else ''}"
    return f"{header}\n{text.rstrip()}\n{fence}"


def example_markdown(
    name: str,
    source: str,
    run: ExampleRun | None,
    language: str,
    links: dict[str, str],
) -> str:
    """Source, a line of facts and downloads, the printed output and the figures.

    ``links`` maps "py", "ipynb" and "figure-N" to URLs relative to the page.
    """
    labels = LABELS.get(language, LABELS["en"])
    facts = [labels["ran"].format(seconds=run.seconds) if run else labels["not_run"]]
    facts.append(
        f'{labels["download"]} <a href="{links["py"]}" download>{name}.py</a>'
        f' · <a href="{links["ipynb"]}" download>{name}.ipynb</a>'
    )
    parts = [
        f'<div class="d2l-example" id="example-{name}" markdown>',
        _fenced(source, "python", f'title="examples/{name}.py"'),
        f'<p class="d2l-example__facts">{" · ".join(facts)}</p>',
    ]
    if run is not None:
        output = run.stdout or labels["no_output"]
        if run.truncated_chars:
            output += "\n" + labels["truncated"].format(count=run.truncated_chars)
        parts.append(f'<p class="d2l-example__label">{labels["output"]}</p>')
        parts.append(_fenced(output, "text"))
        for number, svg in enumerate(run.figures, start=1):
            alt = html.escape(labels["figure"].format(name=f"{name}.py", number=number))
            width, height = _svg_size(svg)
            parts.append(
                f'<figure class="d2l-example__figure"><img src="{links[f"figure-{number}"]}"'
                f' alt="{alt}" width="{width}" height="{height}" loading="lazy"></figure>'
            )
    parts.append("</div>")
    return "\n\n".join(parts)


def _svg_size(svg: str) -> tuple[int, int]:
    """The figure's size in CSS pixels (matplotlib writes points: 1 pt = 4/3 px)."""
    match = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if not match:
        return 640, 480
    return round(float(match[1]) * 4 / 3), round(float(match[2]) * 4 / 3)
