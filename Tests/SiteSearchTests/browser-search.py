#!/usr/bin/env python3
"""Drives the search page of a built portal in headless Chromium, as a citizen would, for
SearchTests.swift: serves PUBLIC on a free local port, types a query into the header's search box
on the home page, reads the results, turns the page, narrows them with a filter, and uses the page
with the keyboard alone. Prints what it saw as JSON on standard output; the Swift test asserts.

    python3 browser-search.py PUBLIC QUERY FILTER-NAME FILTER-VALUE

Needs Chromium at /usr/bin/chromium (apt-get install chromium fonts-noto-cjk) and the Python
package playwright (pip install playwright); no browser download."""
import asyncio
import functools
import http.server
import json
import sys
import threading

from playwright.async_api import async_playwright


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


async def results(page):
    return await page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.textContent)")


async def main(folder, query, filter_name, filter_value):
    server = serve(folder)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    seen = {"errors": [], "requests": []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium")
        page = await browser.new_page(viewport={"width": 1200, "height": 900}, locale="zh-CN")
        page.set_default_timeout(60000)  # a loaded CI machine is slow, not broken
        page.on("pageerror", lambda error: seen["errors"].append(str(error)))
        # Failed loads are reported by address (the browser's own /favicon.ico is not the page's).
        page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
        page.on("response", lambda r: seen["errors"].append(f"{r.status} {r.url.replace(base, '')}") if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        page.on("request", lambda r: seen["requests"].append(r.url.replace(base, "")))

        # From the home page: type into the header's search box and press Enter.
        await page.goto(base + "/")
        await page.fill("#site-search-q", query)
        await page.press("#site-search-q", "Enter")
        await page.wait_for_selector("#search-results li")
        seen["url"] = page.url.replace(base, "")
        seen["status"] = await page.inner_text("#search-status")
        seen["titles"] = await results(page)
        seen["marked"] = await page.eval_on_selector_all("#search-results mark", "marks => marks.map(m => m.textContent)")
        seen["input"] = await page.input_value("#search-q")
        seen["filters"] = await page.eval_on_selector_all(
            "#search-filters label", "labels => labels.map(l => l.textContent + '→' + (document.getElementById(l.htmlFor) ? 'ok' : 'missing'))")
        seen["external"] = [r for r in seen["requests"] if not r.startswith("/")]

        # The next page of results, by its link.
        if "共" in seen["status"]:
            await page.click("#search-pages >> text=下一页")
            await page.wait_for_function("document.getElementById('search-status').textContent.includes('第 2 页')")
            seen["page2URL"] = page.url.replace(base, "")
            seen["page2Titles"] = await results(page)
            seen["page2Focus"] = await page.evaluate("document.activeElement.id")

        # A filter.
        before = await page.inner_text("#search-status")
        await page.select_option(f"#search-filter-{filter_name}", filter_value)
        await page.click("#search-form button[type=submit]")
        # Wait for the filtered results themselves, not a fixed time: the status changes once they are in.
        await page.wait_for_function(
            "([value, before]) => [...new URLSearchParams(location.search).values()].includes(value)"
            " && document.getElementById('search-status').textContent.startsWith('找到')"
            " && document.getElementById('search-status').textContent !== before",
            arg=[filter_value, before])
        seen["filteredURL"] = page.url.replace(base, "")
        seen["filteredStatus"] = await page.inner_text("#search-status")
        seen["filteredTitles"] = await results(page)

        # Keyboard only, from a fresh page: Tab past the skip link and the view modes to the header box, type, Enter.
        await page.goto(base + "/search/")
        await page.wait_for_selector("#search-status")
        seen["emptyStatus"] = await page.inner_text("#search-status")
        focused = []
        for _ in range(7):
            await page.keyboard.press("Tab")
            focused.append(await page.evaluate(
                "document.activeElement.id || document.activeElement.dataset.mode || document.activeElement.className"))
        seen["tabOrder"] = focused
        await page.keyboard.type("量子计算机")
        await page.keyboard.press("Enter")
        await page.wait_for_function("document.getElementById('search-status').textContent.includes('没有找到')")
        seen["nothingStatus"] = await page.inner_text("#search-status")
        seen["liveRegion"] = await page.get_attribute("#search-status", "aria-live")

        # Without JavaScript the page says so and points to the catalog.
        context = await browser.new_context(java_script_enabled=False)
        plain = await context.new_page()
        await plain.goto(base + "/search/?q=test")
        seen["noscript"] = await plain.inner_text("main")
        await browser.close()
    server.shutdown()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    asyncio.run(main(*sys.argv[1:]))
