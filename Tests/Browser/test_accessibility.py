"""axe-core 4.x (shipped in axe-playwright-python; nothing fetched) with the WCAG 2.1 A and AA rules,
on every page type at 1366 and 375 px, in the standard view and in the 大字版 and 高对比度 modes: zero violations."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from pages import PAGE_TYPES, load

WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()


def violations(page):
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG21_AA}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def test_axe_version():
    assert AXE.axe_script.find("axe v4.") >= 0, "axe-core 4.x is expected"


@pytest.mark.parametrize("width", [1366, 375])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_violations(page, server, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    load(page, server, PAGE_TYPES[name])
    assert violations(page) == []


@pytest.mark.parametrize("mode", ["large", "contrast", "large-contrast"])
@pytest.mark.parametrize("name", ["home", "catalog-section", "policy", "plan", "annual-report", "search-results"])
def test_no_violations_in_view_modes(page, server, name, mode):
    load(page, server, PAGE_TYPES[name])
    page.click(f"a[data-mode='{mode}']")
    assert violations(page) == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_landmarks_and_best_practices(page, server, name):
    """axe's best-practice rules too: one <main>, one banner and one contentinfo, every piece of
    content inside a landmark, landmarks with names of their own, one <h1>, no skipped heading level."""
    load(page, server, PAGE_TYPES[name])
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": ["best-practice"]}, "resultTypes": ["violations"]})
    assert [f"{v['id']}: " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5]) for v in results.response["violations"]] == []
    landmarks = page.evaluate("""() => ({
        lang: document.documentElement.lang,
        header: document.querySelectorAll('body > header').length,
        nav: document.querySelectorAll('nav').length > 0,
        main: document.querySelectorAll('main').length,
        footer: document.querySelectorAll('body > footer').length})""")
    assert landmarks == {"lang": "zh-CN", "header": 1, "nav": True, "main": 1, "footer": 1}
