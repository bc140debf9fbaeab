"""`make bench`: how fast the site builds and how good its pages are (a benchmark, not a test).

Build times are medians of RUNS runs (warm and noexec: two per run, in the order warm, noexec,
noexec, warm):
  cold    a strict build with an empty example cache (every example executes)
  warm    the same build again, nothing changed (nothing executes)
  noexec  the same pages built without executing any example (D2L_EXECUTE=false)
  serial  the serial way: each example run standalone (`python examples/x.py`) one after the
          other, plus the no-execution build
Then Lighthouse 12.2.3 (mobile defaults) on the heaviest pages, served with gzip as GitHub Pages
does. The last line is `bench: cold/serial=R warm/noexec=R`.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE_RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "5"))
TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


def timed(command: list[str], **env: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    )
    return time.perf_counter() - start


def build(site: Path, cache: Path, execute: bool = True) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    return timed(command, D2L_CACHE_DIR=str(cache), D2L_EXECUTE=str(execute).lower())


def build_times(scratch: Path) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"cold": [], "warm": [], "noexec": [], "serial": []}
    examples = sorted(p for p in (ROOT / "examples").glob("*.py") if not p.name.startswith("_"))
    for run in range(RUNS):
        cache = scratch / f"cache-{run}"
        times["cold"].append(build(scratch / "site", cache))
        # warm, noexec, noexec, warm: the machine's drift within a run falls on both alike.
        for kind in ("warm", "noexec", "noexec", "warm"):
            execute = kind == "warm"
            times[kind].append(build(scratch / "site", cache if execute else scratch / "unused", execute))
        standalone = sum(timed([sys.executable, str(p)], MPLBACKEND="agg") for p in examples)
        times["serial"].append(standalone + times["noexec"][-1])
        print(f"  run {run + 1}/{RUNS}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()), flush=True)
    return times


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text assets gzip-compressed, as GitHub Pages does."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in TEXT_TYPES or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if not path.exists():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def pages_to_score(site: Path) -> list[str]:
    """Home, glossary and the heaviest note page (by HTML size), in both languages."""
    notes = sorted((site / "notes").glob("*/index.html"), key=lambda p: p.stat().st_size)
    heaviest = f"notes/{notes[-1].parent.name}/"
    return [f"{prefix}{page}" for prefix in ("", "en/") for page in ("", heaviest, "glossary/")]


def lighthouse(site: Path) -> list[dict]:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=LIGHTHOUSE_DIR, check=True, capture_output=True)
        subprocess.run(["npm", "i", "-E", "lighthouse@12.2.3"], cwd=LIGHTHOUSE_DIR, check=True, capture_output=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        for page in pages_to_score(site):
            runs = [_lighthouse_once(binary, base + page) for _ in range(LIGHTHOUSE_RUNS)]
            # The run with the median performance score stands for the page.
            runs.sort(key=lambda r: r["categories"]["performance"]["score"])
            result = runs[len(runs) // 2]
            scores = {k: v["score"] for k, v in result["categories"].items()}
            audits = result["audits"]
            failed = sorted(
                k for k, a in audits.items()
                if a.get("score") is not None and a["score"] < 1 and a["scoreDisplayMode"] == "binary"
            )
            rows.append({
                "page": "/" + page, **scores,
                "all_perf": [r["categories"]["performance"]["score"] for r in runs],
                "kb": audits["total-byte-weight"]["numericValue"] / 1000,
                "html_kb": (site / page / "index.html").stat().st_size / 1000,
                "failed": failed,
            })
    finally:
        server.shutdown()
    return rows


def _lighthouse_once(binary: Path, url: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={report.name}",
             "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"],
            check=True, capture_output=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        )
        return json.loads(Path(report.name).read_text())


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        print(f"building {RUNS} times each (cold, warm, no-exec, serial standalone runs)...", flush=True)
        times = build_times(Path(scratch))
        medians = {k: statistics.median(v) for k, v in times.items()}
        print("\n| measure | median s | runs |\n| --- | --- | --- |")
        for k, v in times.items():
            print(f"| {k} | {medians[k]:.2f} | {' '.join(f'{x:.2f}' for x in v)} |")
        site = Path(scratch) / "site"
        build(site, Path(scratch) / "cache-0")
        print(f"\nLighthouse 12.2.3, mobile, gzip (median of {LIGHTHOUSE_RUNS} runs by performance):")
        print("| page | perf | perf runs | a11y | best | SEO | KB | HTML KB | failed audits |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for row in lighthouse(site):
            print(f"| {row['page']} | {row['performance']:.2f} | {' '.join(f'{x:.2f}' for x in row['all_perf'])} | {row['accessibility']:.2f} | "
                  f"{row['best-practices']:.2f} | {row['seo']:.2f} | {row['kb']:.0f} | {row['html_kb']:.0f} | "
                  f"{', '.join(row['failed']) or '-'} |")
    print(f"\nbench: cold/serial={medians['cold'] / medians['serial']:.2f} "
          f"warm/noexec={medians['warm'] / medians['noexec']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
