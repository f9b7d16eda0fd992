"""What a citizen sees: screenshots of every page type at 1366 and 375 px (artifacts/browser/), no
horizontal scrolling of the page down to 360 px or with text at 200%, and a document that prints on
A4 with its metadata table and without the navigation."""
import os

import pytest

from pages import PAGE_TYPES, load

# Horizontal overflow of the page itself; wide tables scroll inside their own .table-scroll box.
OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && !e.closest('.table-scroll') && getComputedStyle(e).position !== 'absolute')
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def assert_no_horizontal_scroll(page, what):
    result = page.evaluate(OVERFLOW)
    assert result["scroll"] <= result["client"], f"{what}: the page scrolls sideways ({result['scroll']} > {result['client']}): {result['wide']}"


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_screenshots_and_narrow_screens(page, server, artifacts, name):
    load(page, server, PAGE_TYPES[name])
    page.screenshot(path=os.path.join(artifacts, f"{name}-1366.png"), full_page=True)
    assert_no_horizontal_scroll(page, f"{name} at 1366 px")
    for width in (375, 360):
        page.set_viewport_size({"width": width, "height": 800})
        if width == 375:
            page.screenshot(path=os.path.join(artifacts, f"{name}-375.png"), full_page=True)
        assert_no_horizontal_scroll(page, f"{name} at {width} px")


@pytest.mark.parametrize("name", ["home", "catalog-section", "policy", "plan", "annual-report", "agency", "search-results"])
def test_text_at_200_percent(page, server, name):
    """WCAG 1.4.4: the reader's text size doubled (the browser's minimum font setting does the same)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    load(page, server, PAGE_TYPES[name])
    body = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    doubled = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert doubled == pytest.approx(2 * body)
    assert_no_horizontal_scroll(page, f"{name} with text at 200%")
    # Page zoom at 200% on a 1280 px screen is a 640 px wide layout.
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")
    page.set_viewport_size({"width": 640, "height": 900})
    assert_no_horizontal_scroll(page, f"{name} zoomed to 200%")


@pytest.mark.parametrize("name", ["policy", "interpretation", "annual-report"])
def test_print(page, server, artifacts, name):
    load(page, server, PAGE_TYPES[name])
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-nav', '.breadcrumb', '.view-modes', '.site-search', '.skip-link']
        .filter(s => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none')""")
    assert hidden == [], f"printed although it is navigation: {hidden}"
    shown = page.evaluate("""() => ['main h1', '.metadata', '.document-body, .report-section, main section']
        .filter(s => { const e = document.querySelector(s); return !e || getComputedStyle(e).display === 'none'; })""")
    assert shown == [], f"missing from the print: {shown}"
    colours = page.evaluate("() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    assert colours[0] in ("rgb(31, 31, 31)", "rgb(0, 0, 0)") and colours[1] == "rgb(255, 255, 255)"
    # A4 is 210 mm wide; with 2 cm margins 170 mm, 643 CSS px: nothing wider.
    page.set_viewport_size({"width": 643, "height": 900})
    assert_no_horizontal_scroll(page, f"{name} printed on A4")
    page.pdf(path=os.path.join(artifacts, f"{name}-A4.pdf"), format="A4", print_background=False)
