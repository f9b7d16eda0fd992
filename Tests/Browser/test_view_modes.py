"""大字版 / 高对比度: the switch changes the computed text size and contrast, with JavaScript (the
choice is kept from page to page) and without it (CSS alone, on the page the link was followed on)."""
import os

import pytest

from pages import PAGE_TYPES, load

TEXT = ".document-body p"

STYLE = """(selector) => {
  const e = document.querySelector(selector);
  const style = getComputedStyle(e);
  let b = e, background = 'rgba(0, 0, 0, 0)';
  while (b && (background === 'rgba(0, 0, 0, 0)' || background === 'transparent')) {
    background = getComputedStyle(b).backgroundColor; b = b.parentElement;
  }
  if (background === 'rgba(0, 0, 0, 0)') background = 'rgb(255, 255, 255)';
  return {size: parseFloat(style.fontSize), color: style.color, background};
}"""


def luminance(rgb):
    values = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def style(page, selector=TEXT):
    return page.evaluate(STYLE, selector)


def test_standard_view_meets_aa(page, server):
    load(page, server, PAGE_TYPES["policy"])
    standard = style(page)
    assert standard["size"] >= 16
    assert contrast(standard["color"], standard["background"]) >= 4.5


def test_switch_with_javascript_is_kept_across_pages(page, server, artifacts):
    load(page, server, PAGE_TYPES["policy"])
    standard = style(page)
    assert page.get_attribute("a[data-mode='standard']", "aria-current") == "true"

    page.click("a[data-mode='large']")
    large = style(page)
    assert large["size"] >= 1.3 * standard["size"], f"大字版: {standard['size']} px → {large['size']} px"
    assert page.get_attribute("a[data-mode='large']", "aria-current") == "true"
    assert page.get_attribute("a[data-mode='standard']", "aria-current") is None
    assert "#" not in page.url, "the switch does not leave a fragment in the address"

    page.click("a[data-mode='contrast']")
    high = style(page)
    assert high["size"] == standard["size"]
    assert contrast(high["color"], high["background"]) >= 15, f"高对比度: {high}"
    link = style(page, ".document-body a, main a")
    assert contrast(link["color"], link["background"]) >= 15

    # The choice holds on the next page the reader opens, before it is drawn.
    page.click("a[data-mode='large-contrast']")
    load(page, server, PAGE_TYPES["interpretation"])
    both = style(page)
    assert both["size"] >= 1.3 * standard["size"] and contrast(both["color"], both["background"]) >= 15
    page.screenshot(path=os.path.join(artifacts, "view-mode-large-contrast-1366.png"), full_page=True)

    page.click("a[data-mode='standard']")
    load(page, server, PAGE_TYPES["policy"])
    assert style(page) == standard


@pytest.mark.parametrize("mode", ["large", "contrast", "large-contrast"])
def test_switch_without_javascript(browser, server, artifacts, mode):
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    context.set_default_timeout(60000)
    page = context.new_page()
    try:
        load(page, server, PAGE_TYPES["policy"])
        standard = style(page)
        page.click(f"a[data-mode='{mode}']")
        assert page.url.endswith(f"#mode-{mode}")
        changed = style(page)
        if "large" in mode:
            assert changed["size"] >= 1.3 * standard["size"]
        else:
            assert changed["size"] == standard["size"]
        if "contrast" in mode:
            assert contrast(changed["color"], changed["background"]) >= 15
        else:
            assert changed["color"] == standard["color"]
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{mode} at 375 px scrolls sideways by {overflow} px"
        page.screenshot(path=os.path.join(artifacts, f"view-mode-{mode}-375-nojs.png"), full_page=True)
        page.click("a[data-mode='standard']")
        assert style(page) == standard
    finally:
        context.close()
