"""The page types of the example portal, one representative URL each (paths under the site root)."""

PAGE_TYPES = {
    "home": "",
    "catalog": "xxgk/",
    "catalog-section": "xxgk/zcwj/",
    "catalog-page-2": "xxgk/fdzdgknr/page/2/",
    "facet-year": "xxgk/years/2021/",
    "facet-topic": "xxgk/topics/%E6%B0%91%E6%94%BF/",
    "normative-in-force": "xxgk/normative/",
    "policy": "policies/2021-ysqgk-guicheng/",
    "normative": "policies/%E5%AE%81%E6%94%BF%E5%8A%9E%E8%A7%84%E3%80%942021%E3%80%953%E5%8F%B7/",
    "interpretation": "interpretations/2021-dibao-jiedu/",
    "plan": "plans/2018-ningyang-renwufenjie/",
    "plan-progress": "plans/2021-ningyang-zhengwugongkai/",
    "annual-report": "reports/2022/",
    "agencies": "agencies/",
    "agency": "agencies/xzfb/",
    "decisions": "xxgk/decisions/",
    "decision": "decisions/2021-dibao-caoan/",
    "page": "pages/xxgkzd/",
    "guide": "guide/xxgkzn/",
    "search": "search/",
    "search-results": "search/?q=%E4%BD%8E%E4%BF%9D",
    "404": "no-such-page/",
}


def load(page, server, path, wait_for_search=True):
    """Opens a page and waits until it is drawn (and, on the search page, the results are shown)."""
    response = page.goto(server.url + path)
    assert response is not None
    expected = 404 if path == PAGE_TYPES["404"] else 200
    assert response.status == expected, f"{path}: HTTP {response.status}"
    if wait_for_search and path.startswith("search/?q="):
        page.wait_for_selector(".search-results li")
    return response
