// The search page (/search/): reads ?q= and the filters from the address, asks the index, shows the
// results. Everything it needs is under /search/ beside this site; nothing comes from elsewhere.
import { SearchIndex, highlight } from "./search.js";

const PAGE_SIZE = 10;
const FILTERS = { section: "s", issuer: "i", year: "y", kind: "k", validity: "v" };

const base = new URL("../search/", import.meta.url);
const index = new SearchIndex(async (path) => {
  const response = await fetch(new URL(path, base));
  return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
});

const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const fieldset = document.getElementById("search-filters");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const pager = document.getElementById("search-pages");

/** The state of the page, from the address: q, page and one value per filter. */
function readState() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") ?? "", page: Math.max(1, parseInt(params.get("page") ?? "1", 10) || 1), filters: {} };
  for (const [name, prefix] of Object.entries(FILTERS)) {
    const value = params.get(prefix);
    if (value) state.filters[name] = value;
  }
  return state;
}

function address(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [name, prefix] of Object.entries(FILTERS)) if (state.filters[name]) params.set(prefix, state.filters[name]);
  if (state.page > 1) params.set("page", String(state.page));
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** Pieces from highlight() as text and <mark> nodes. */
function marked(pieces) {
  const fragment = document.createDocumentFragment();
  for (const piece of pieces) fragment.append(piece.match ? element("mark", {}, piece.text) : piece.text);
  return fragment;
}

async function buildFilters(state) {
  const meta = await index.meta();
  fieldset.replaceChildren(element("legend", {}, "筛选"));
  for (const filter of meta.filters) {
    const prefix = FILTERS[filter.name];
    if (!prefix) continue;
    const id = `search-filter-${filter.name}`;
    const select = element("select", { id, name: prefix });
    select.append(element("option", { value: "" }, "全部"));
    for (const value of filter.values) {
      const short = value.id.slice(2);
      const option = element("option", { value: short }, `${"\u3000".repeat(value.depth)}${value.label}（${value.count}）`);
      if (state.filters[filter.name] === short) option.selected = true;
      select.append(option);
    }
    fieldset.append(element("p", { class: "search-filter" }, element("label", { for: id }, filter.label), select));
  }
  fieldset.hidden = false;
}

function stateFromForm() {
  const state = { q: input.value.trim(), page: 1, filters: {} };
  for (const [name, prefix] of Object.entries(FILTERS)) {
    const select = form.elements.namedItem(prefix);
    if (select && select.value) state.filters[name] = select.value;
  }
  return state;
}

async function run(state) {
  input.value = state.q;
  const filters = Object.entries(state.filters).map(([name, value]) => `${FILTERS[name]}:${value}`);
  list.replaceChildren();
  pager.hidden = true;
  if (!state.q && filters.length === 0) {
    status.textContent = "请输入检索词。";
    return;
  }
  status.textContent = "正在检索…";
  let found;
  try {
    found = await index.search(state.q, filters);
  } catch (error) {
    status.textContent = "检索暂时不可用，请稍后再试，或通过政府信息公开目录查找。";
    return;
  }
  if (found.total === 0) {
    status.textContent = state.q ? `没有找到与“${state.q}”相关的信息。请换用其他词语，或减少筛选条件。` : "没有符合筛选条件的信息。";
    return;
  }
  const pages = Math.ceil(found.total / PAGE_SIZE);
  const page = Math.min(state.page, pages);
  const shown = found.ids.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const documents = await Promise.all(shown.map((id) => index.document(id)));
  status.textContent = `找到 ${found.total} 条结果` + (pages > 1 ? `，第 ${page} 页，共 ${pages} 页。` : "。");
  for (const doc of documents) {
    if (!doc) continue;
    const link = element("a", { href: doc.url }, marked(highlight(doc.title, state.q)));
    const facts = [doc.issuer, doc.number, doc.date, doc.kind, doc.validity].filter(Boolean).join(" · ");
    const item = element("li", {}, element("h2", {}, link), element("p", { class: "search-meta" }, facts));
    const source = doc.text || doc.summary || "";
    if (source) item.append(element("p", { class: "search-snippet" }, marked(highlight(source.replace(/\s+/g, " "), state.q, 120))));
    list.append(item);
  }
  if (pages > 1) {
    const items = [];
    const step = (label, target, current = false) => {
      if (target < 1 || target > pages) return element("li", {}, element("span", { "aria-disabled": "true" }, label));
      const a = element("a", { href: address({ ...state, page: target }) }, label);
      if (current) a.setAttribute("aria-current", "page");
      a.addEventListener("click", (event) => {
        event.preventDefault();
        go({ ...state, page: target });
      });
      return element("li", {}, a);
    };
    items.push(step("上一页", page - 1));
    for (let p = Math.max(1, page - 4); p <= Math.min(pages, page + 4); p++) items.push(step(String(p), p, p === page));
    items.push(step("下一页", page + 1));
    pager.replaceChildren(element("ul", {}, ...items));
    pager.hidden = false;
  }
}

function go(state) {
  history.pushState(null, "", address(state));
  run(state).then(() => status.focus());
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  go(stateFromForm());
});
window.addEventListener("popstate", () => run(readState()));

const initial = readState();
buildFilters(initial).catch(() => {});
run(initial);
