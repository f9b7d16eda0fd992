"""The keyboard alone: the first Tab shows the skip link, Enter on it moves focus into <main>, every
link and control is reached by Tab in turn, and each shows a visible focus outline."""
import pytest

from pages import PAGE_TYPES, load

# Marks every element that Tab should reach (visible, enabled, not taken out of the order).
MARK = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const all = [...document.querySelectorAll(selector)].filter(e => {
    if (e.disabled || e.getAttribute('tabindex') === '-1' || e.closest('[hidden], [inert]')) return false;
    const style = getComputedStyle(e);
    return style.visibility !== 'hidden' && style.display !== 'none' && e.getClientRects().length > 0;
  });
  all.forEach((e, i) => e.setAttribute('data-tab-check', String(i)));
  return all.length;
}"""

# The focused element, and whether its focus can be seen: an outline of at least 2 px, or the skip
# link, which appears only when focused.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const rect = e.getBoundingClientRect();
  return {
    id: e.getAttribute('data-tab-check'),
    what: e.outerHTML.slice(0, 80),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    inView: rect.width > 0 && rect.height > 0,
  };
}"""


@pytest.mark.parametrize("name", ["home", "catalog", "catalog-section", "policy", "plan", "annual-report", "agency", "search-results", "404"])
def test_skip_link_and_tab_order(page, server, name):
    load(page, server, PAGE_TYPES[name])
    count = page.evaluate(MARK)
    assert count > 5

    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first and "skip-link" in first["what"], f"the first Tab goes to {first}"
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 10, "the focused skip link is on screen"
    assert first["outline"], "the skip link shows its focus"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main", "Enter on the skip link moves focus to <main>"

    # From the top of the page, Tab through everything.
    page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
    load(page, server, PAGE_TYPES[name])
    page.evaluate(MARK)
    reached, invisible = set(), []
    for _ in range(count + 3):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            break
        if focused["id"] is None:
            continue
        if focused["id"] in reached:
            break
        reached.add(focused["id"])
        if not focused["outline"] or not focused["inView"]:
            invisible.append(focused["what"])
    missing = page.evaluate("(reached) => [...document.querySelectorAll('[data-tab-check]')].filter(e => !reached.includes(e.getAttribute('data-tab-check'))).map(e => e.outerHTML.slice(0, 80))", sorted(reached))
    assert missing == [], f"not reached by Tab: {missing[:5]}"
    assert invisible == [], f"focus not visible on: {invisible[:5]}"
