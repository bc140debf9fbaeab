"""Publishing: the workflow, the site under a sub-path, 404, sitemap, and the offline edition."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from test_browser import _foreign, _search


def test_the_workflow_is_valid_and_deploys_what_it_tested():
    workflow = ROOT / ".github" / "workflows" / "site.yml"
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text()
    assert "make test" in text and "upload-pages-artifact" in text and "deploy-pages" in text
    assert text.index("make test") < text.index("upload-pages-artifact")
    # Canonical links and the sitemap use the address of whichever repository deploys.
    assert text.index("actions/configure-pages") < text.index("make build")
    assert "steps.pages.outputs.base_url" in text and 'export SITE_URL="${PAGES_URL%/}/"' in text


@pytest.fixture(scope="module")
def subpath(site, serve, tmp_path_factory) -> str:
    """The site served at /d2l-notes/, as GitHub Pages serves a project site."""
    parent = tmp_path_factory.mktemp("pages")
    (parent / "d2l-notes").symlink_to(site, target_is_directory=True)
    return serve(parent) + "d2l-notes/"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_under_a_sub_path_pages_images_search_and_switch_work(tab, subpath, language):
    prefix = "" if language == "zh" else "en/"
    tab.goto(subpath + prefix + "notes/gluon/", wait_until="networkidle")
    images = tab.query_selector_all("article img")
    assert images
    for image in images:
        image.scroll_into_view_if_needed()
        tab.wait_for_function("img => img.complete", arg=image)
        assert image.evaluate("img => img.naturalWidth") > 0
    results = _search(tab, "softmax")
    assert all(r.startswith(subpath + prefix) for r in results), results
    other = "en" if language == "zh" else "zh"
    tab.goto(subpath + prefix + "notes/gluon/", wait_until="networkidle")
    tab.hover(".md-header__option .md-select")
    tab.click(f".md-select__link[hreflang='{other}']")
    tab.wait_for_load_state("networkidle")
    assert tab.url == subpath + ("en/" if other == "en" else "") + "notes/gluon/"
    assert _foreign(tab.requests, subpath) == [] and tab.errors == []


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    result = subprocess.run(["make", "offline"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(ROOT / "dist" / "d2l-notes-offline.zip") as archive:
        archive.extractall(out)
    return out


@pytest.mark.parametrize(("language", "query"), [("zh", "交叉熵"), ("en", "cross-entropy")])
def test_the_offline_edition_works_from_file_urls(tab, offline_site, language, query):
    home = (offline_site / ("" if language == "zh" else "en") / "index.html").as_uri()
    tab.goto(home, wait_until="load")
    results = _search(tab, query)
    target = [r for r in results if "notes/softmax.html" in r]
    assert target, results
    assert all(("/en/" in r) == (language == "en") for r in results), results
    tab.goto(target[0].split("#")[0], wait_until="load")
    assert tab.evaluate("document.documentElement.lang") == language
    assert tab.eval_on_selector_all("article math", "els => els.length") > 5
    for image in tab.query_selector_all("article img"):
        image.scroll_into_view_if_needed()
        tab.wait_for_function("img => img.complete", arg=image)
        assert image.evaluate("img => img.naturalWidth") > 0
    assert [r for r in tab.requests if not r.startswith(("file://", "data:", "blob:"))] == []
    assert tab.errors == []
