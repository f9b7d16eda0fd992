"""The national-form tables of the annual reports and the task tables of the plans, as a screen
reader reads them in Chromium: every data cell names, in `headers`, exactly the header cells that
stand over it in its column and beside it across all the rows it spans (the merged 三、本年度办理结果
and （三）不予公开 groups, a 工作任务 area over its tasks, a unit merged down a group), and every
name it gives is a header cell of the same table."""
import pytest

from pages import load

TABLE_PAGES = [
    "reports/2021/",
    "reports/2022/",
    "plans/2018-ningyang-renwufenjie/",
    "plans/2021-ningyang-zhengwugongkai/",
    "plans/2023-pingyin-yaodian/",
]

# Lays each table out on a grid as the browser does (rowspan, colspan) and compares, for every
# data cell, its `headers` with the header cells over its columns (in <thead>) and the header cells
# to its left whose rows cover all of its rows (in <tbody>).
MISMATCHES = """() => {
  const problems = [];
  let cells = 0;
  for (const table of document.querySelectorAll('table.report-table, table.task-table')) {
    const grid = [];
    const place = new Map();
    [...table.rows].forEach((row, r) => {
      let c = 0;
      for (const cell of row.cells) {
        grid[r] = grid[r] || [];
        while (grid[r][c]) c++;
        for (let i = 0; i < cell.rowSpan; i++) for (let j = 0; j < cell.colSpan; j++) {
          grid[r + i] = grid[r + i] || [];
          grid[r + i][c + j] = cell;
        }
        place.set(cell, {r, c, rows: cell.rowSpan, cols: cell.colSpan, head: row.parentElement.tagName === 'THEAD'});
        c += cell.colSpan;
      }
    });
    const ids = new Set([...table.querySelectorAll('th[id]')].map(th => th.id));
    for (const cell of table.querySelectorAll('td[headers]')) {
      cells++;
      const p = place.get(cell);
      const expected = new Set();
      for (const th of table.querySelectorAll('th[id]')) {
        const h = place.get(th);
        if (h.head && h.c <= p.c && p.c < h.c + h.cols) expected.add(th.id);
        if (!h.head && h.c < p.c && h.r <= p.r && p.r + p.rows <= h.r + h.rows) expected.add(th.id);
      }
      const got = new Set(cell.getAttribute('headers').split(/\\s+/));
      const missing = [...expected].filter(x => !got.has(x));
      const extra = [...got].filter(x => !expected.has(x));
      const dangling = [...got].filter(x => !ids.has(x));
      if (missing.length || extra.length || dangling.length)
        problems.push(`${table.id} "${cell.textContent.trim().slice(0, 12)}": missing ${missing} extra ${extra} dangling ${dangling}`);
    }
  }
  return {cells, problems: problems.slice(0, 10)};
}"""


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_every_data_cell_names_its_headers(page, server, path):
    load(page, server, path)
    result = page.evaluate(MISMATCHES)
    assert result["cells"] > 20, f"{path}: only {result['cells']} data cells with headers"
    assert result["problems"] == [], f"{path}: {result['problems']}"


def test_merged_cells_are_merged(page, server):
    """The printed forms merge these; so must the pages."""
    load(page, server, "reports/2021/")
    assert page.locator("th", has_text="三、本年度办理结果").first.get_attribute("rowspan") == "22"
    assert page.locator("th", has_text="（三）不予公开").first.get_attribute("rowspan") == "8"
    load(page, server, "plans/2023-pingyin-yaodian/")
    merged = page.evaluate("() => [...document.querySelectorAll('table.task-table td[rowspan]')].length")
    assert merged > 0, "no unit or deadline merged down a group of tasks"
