// The query side of the site's search index (written by `site build`, Sources/SiteSearch).
//
// Text becomes terms exactly as in SearchText.swift: full-width forms become ASCII, ASCII letters
// lower case; a run of Han characters gives each character and each pair of neighbours, a run of
// ASCII letters and digits is one word, anything else separates. A query asks for all of its pairs
// (a lone character for a one-character run) and all of its words. Both sides are tested with the
// same vectors (Tests/SiteSearchTests/vectors.json).
//
// No framework and no build step: an ES module that the search page imports, and that the tests
// run under Node with a file reader instead of fetch.

export const TITLE = 1;
export const NUMBER = 2;
export const META = 4;
export const BODY = 8;

/** The code points of a text, normalised one for one. */
export function normalize(text) {
  const out = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0);
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    else if (cp === 0x3000) cp = 0x20;
    if (cp >= 0x41 && cp <= 0x5a) cp += 32;
    out.push(cp);
  }
  return out;
}

export function isHan(cp) {
  return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x323af);
}

export function isWord(cp) {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a);
}

const chars = (cps) => String.fromCodePoint(...cps);

/**
 * Every term of a text with the position of its first character, as the index sees it, and its key
 * position: how many Han characters, letters and digits stand before it (titles are indexed so).
 */
export function terms(text) {
  const cps = normalize(text);
  const found = [];
  let i = 0;
  let kept = 0;
  while (i < cps.length) {
    if (isHan(cps[i])) {
      found.push({ term: chars([cps[i]]), position: i, keyPosition: kept });
      if (i + 1 < cps.length && isHan(cps[i + 1])) found.push({ term: chars([cps[i], cps[i + 1]]), position: i, keyPosition: kept });
      i += 1;
      kept += 1;
    } else if (isWord(cps[i])) {
      const start = i;
      while (i < cps.length && isWord(cps[i])) i += 1;
      found.push({ term: chars(cps.slice(start, i)), position: start, keyPosition: kept });
      kept += i - start;
    } else {
      i += 1;
    }
  }
  return found;
}

/** The terms a query asks for, each once, with where it starts in the query (and its key position). */
export function queryTerms(query) {
  const cps = normalize(query);
  const found = [];
  const add = (term, position, keyPosition) => { if (!found.some((t) => t.term === term)) found.push({ term, position, keyPosition }); };
  let i = 0;
  let kept = 0;
  while (i < cps.length) {
    if (isHan(cps[i])) {
      const start = i;
      while (i < cps.length && isHan(cps[i])) i += 1;
      if (i - start === 1) add(chars([cps[start]]), start, kept);
      else for (let k = start; k < i - 1; k++) add(chars([cps[k], cps[k + 1]]), k, kept + k - start);
      kept += i - start;
    } else if (isWord(cps[i])) {
      const start = i;
      while (i < cps.length && isWord(cps[i])) i += 1;
      add(chars(cps.slice(start, i)), start, kept);
      kept += i - start;
    } else {
      i += 1;
    }
  }
  return found;
}

/** Han characters, letters and digits only: two spellings of one 文号 have the same key. */
export function key(text) {
  return chars(normalize(text).filter((cp) => isHan(cp) || isWord(cp)));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** FNV-1a, 32 bits, of a term's UTF-8 bytes: the shard that holds it is hash % shards. */
export function hash(term) {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(term)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A reader of LEB128 varints from `bytes`, starting at `at`. */
function reader(bytes, at = 0) {
  return {
    get at() { return at; },
    skip(n) { at += n; },
    varint() {
      let value = 0;
      let shift = 0;
      for (;;) {
        const byte = bytes[at++];
        value += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return value;
        shift += 7;
      }
    },
  };
}

/**
 * `count` postings from `bytes` at `at`: [{doc, fields, title, first}], `title` the term's key
 * positions in the title (or null), `first` its first position in the body (0 when not there).
 * Each starts with a varint of the distance from the previous document × 32 + the fields (16: more
 * than one place in the title, their number follows).
 */
export function decodePostings(bytes, count, at = 0) {
  const r = reader(bytes, at);
  const postings = new Array(count);
  let doc = 0;
  for (let p = 0; p < count; p++) {
    const head = r.varint();
    doc += Math.floor(head / 32);
    const fields = head & 15;
    let title = null;
    if (fields & TITLE) {
      title = new Array(head & 16 ? r.varint() : 1);
      let place = 0;
      for (let k = 0; k < title.length; k++) title[k] = place += r.varint();
    }
    const first = fields & BODY ? r.varint() : 0;
    postings[p] = { doc, fields, title, first };
  }
  return postings;
}

/**
 * A shard: term → {count, file, size, at}: the number of documents, the file of a long list
 * (index/l/<file>.bin, or null when the postings are in the shard at `at`) and the postings' bytes.
 */
export function decodeShard(bytes) {
  if (decoder.decode(bytes.subarray(0, 4)) !== "SSI2") throw new Error("not a search shard");
  const r = reader(bytes, 4);
  const table = new Map();
  const terms = r.varint();
  for (let t = 0; t < terms; t++) {
    const length = r.varint();
    const term = decoder.decode(bytes.subarray(r.at, r.at + length));
    r.skip(length);
    const count = r.varint();
    const file = r.varint();
    const size = r.varint();
    table.set(term, { count, file: file === 0 ? null : file - 1, size, at: r.at });
    if (file === 0) r.skip(size);
  }
  return table;
}

/**
 * What the index holds about `wanted` terms (a Set) for one document, computed from the document's
 * own text as `site build` does (SearchIndex.termStatistics): term → {doc, fields, title, first}.
 * `shown` is docs/N.json, `text` its whole text.
 */
export function documentPostings(doc, shown, text, wanted) {
  const found = new Map();
  const posting = (term) => {
    let p = found.get(term);
    if (!p) found.set(term, (p = { doc, fields: 0, title: null, first: 0 }));
    return p;
  };
  for (const o of terms(shown.title ?? "")) {
    if (!wanted.has(o.term)) continue;
    const p = posting(o.term);
    p.fields |= TITLE;
    (p.title ??= []).push(o.keyPosition);
  }
  const mark = (value, field) => {
    for (const o of terms(value ?? "")) if (wanted.has(o.term)) posting(o.term).fields |= field;
  };
  mark(shown.number, NUMBER);
  mark(shown.indexNumber, NUMBER);
  mark(shown.summary, META);
  mark(shown.issuer, META);
  for (const o of terms(text)) {
    if (!wanted.has(o.term)) continue;
    const p = posting(o.term);
    if (!(p.fields & BODY)) {
      p.fields |= BODY;
      p.first = o.position;
    }
  }
  return found;
}

/** Whether the terms stand in the title as in the query: one start for all their key positions. */
function phrase(places, wanted) {
  if (places.length === 0 || places.some((p) => !p)) return false;
  return places[0].some((at) => {
    const start = at - wanted[0].keyPosition;
    return wanted.every((t, i) => places[i].includes(start + t.keyPosition));
  });
}

/** Shards of terms looked up at once; further terms are looked up later or checked in the text. */
export const LOOKUP = 32;

/**
 * The index under one folder. `read(path)` returns a Uint8Array of a file relative to it, or null
 * when there is none; the page passes fetch, the tests a file reader. Every file is read once and
 * `bytesRead` says how many bytes a session has cost.
 */
export class SearchIndex {
  constructor(read) {
    this.read = read;
    this.cache = new Map();
    this.bytesRead = 0;
  }

  async file(path) {
    if (!this.cache.has(path)) {
      this.cache.set(path, this.read(path).then((bytes) => {
        if (bytes) this.bytesRead += bytes.length;
        return bytes;
      }));
    }
    return this.cache.get(path);
  }

  async json(path) {
    const bytes = await this.file(path);
    return bytes ? JSON.parse(decoder.decode(bytes)) : null;
  }

  async meta() {
    const meta = await this.json("meta.json");
    if (!meta) throw new Error("the search index is missing");
    if (meta.version !== 2) throw new Error("the search index is of another version");
    return meta;
  }

  /** A term's entry in its shard: {count, file, size, postings?} ({count: 0} when it is in none). */
  async entry(term) {
    const meta = await this.meta();
    const n = hash(term) % meta.shards;
    const path = `index/${n.toString(16).padStart(3, "0")}.bin`;
    if (!this.cache.has(`decoded:${path}`)) {
      this.cache.set(`decoded:${path}`, this.file(path).then((bytes) => ({ bytes, table: bytes ? decodeShard(bytes) : new Map() })));
    }
    const { bytes, table } = await this.cache.get(`decoded:${path}`);
    const entry = table.get(term);
    if (!entry) return { count: 0, file: null, size: 0, postings: [] };
    if (entry.file === null && !entry.postings) entry.postings = decodePostings(bytes, entry.count, entry.at);
    return entry;
  }

  /** Every posting of a term, from its shard or its own file. */
  async postings(term) {
    const entry = await this.entry(term);
    if (entry.postings) return entry.postings;
    const bytes = await this.file(`index/l/${entry.file}.bin`);
    if (!bytes || decoder.decode(bytes.subarray(0, 4)) !== "SSP2") throw new Error("a search list is missing");
    entry.postings = decodePostings(bytes, entry.count, 4);
    return entry.postings;
  }

  /** What a result shows: title, 文号, date, issuer, the start of the text. */
  document(id) {
    return this.json(`docs/${id}.json`);
  }

  /** The postings of `wanted` terms (a Set) in one document, from its text: docs/N.json, and N-rest.txt if need be. */
  async check(doc, wanted) {
    const shown = await this.document(doc);
    if (!shown) throw new Error("a search document is missing");
    let found = documentPostings(doc, shown, shown.text ?? "", wanted);
    if (shown.more && [...wanted].some((t) => !((found.get(t)?.fields ?? 0) & BODY))) {
      const rest = await this.file(`docs/${doc}-rest.txt`);
      if (!rest) throw new Error("a search document is missing");
      found = documentPostings(doc, shown, (shown.text ?? "") + decoder.decode(rest), wanted);
    }
    return found;
  }

  /**
   * Ranked documents for a query and filters (`["s:zcwj", "y:2021"]`, all required). A document
   * is found when it has every term of the query (or its 文号, 索引号 or title is the query, spaces
   * and punctuation aside).
   *
   * Ranked by: the title is the query; the title holds the query as a phrase; every term in the
   * title; the 文号 or 索引号 typed (its key) or every term in it; how close the terms stand in the
   * body, as in the query (from each term's first place there); then newer first (documents are
   * numbered newest first).
   *
   * What it fetches: the filters' lists and the shards of the terms (small, LOOKUP terms at a
   * time), then the long lists of common terms from the shortest up, narrowing the candidates,
   * until checking the candidates left against their own text (docs/N.json, meta.docBytes each)
   * costs less than the next list, or than the lists fetched so far unless it costs more than all
   * those left; the terms whose lists were not fetched are then checked there. Every term of the
   * query counts, however long it is, and the result is the one every list would give.
   */
  async search(query, filters = []) {
    const meta = await this.meta();
    const wanted = queryTerms(query);
    const typedKey = key(query);
    if (wanted.length === 0 && filters.length === 0) return { total: 0, ids: [], terms: [] };

    const [filterLists, numberList, titleList] = await Promise.all([
      Promise.all(filters.map((f) => this.postings("\u0001" + f))),
      typedKey.length >= 4 ? this.postings("\u0002" + typedKey) : [],
      wanted.length > 0 && typedKey.length > 0 ? this.postings("\u0003" + typedKey) : [],
    ]);
    let allowed = null;
    for (const list of filterLists) {
      const docs = new Set(list.map((p) => p.doc));
      allowed = allowed === null ? docs : new Set([...allowed].filter((doc) => docs.has(doc)));
    }
    const pass = (doc) => allowed === null || allowed.has(doc);
    const numberDocs = new Set(numberList.map((p) => p.doc).filter(pass));
    const titleDocs = new Set(titleList.map((p) => p.doc).filter(pass));
    const exact = new Set([...numberDocs, ...titleDocs]);

    // Candidates: every document that passes the filters (null: all) and has the terms loaded so far.
    const lists = new Map();
    let candidates = allowed === null ? null : [...allowed].sort((a, b) => a - b);
    const narrow = (term, postings) => {
      const byDoc = new Map(postings.map((p) => [p.doc, p]));
      lists.set(term, byDoc);
      candidates = candidates === null ? [...byDoc.keys()].filter(pass) : candidates.filter((doc) => byDoc.has(doc));
    };
    const unseen = wanted.map((t) => t.term);
    const pending = []; // terms with a long list not fetched yet: {term, size}
    const lookUp = async () => {
      const batch = unseen.splice(0, LOOKUP);
      const entries = await Promise.all(batch.map((term) => this.entry(term)));
      entries.forEach((entry, i) => {
        if (entry.postings) narrow(batch[i], entry.postings);
        else pending.push({ term: batch[i], size: entry.size });
      });
      pending.sort((a, b) => a.size - b.size);
    };
    if (unseen.length > 0) await lookUp();
    // Fetch the next list (or the next terms' shards, whichever costs less) while checking the
    // candidates against their text would cost more than it, and either the lists so far and this
    // one cost no more than checking would (so at most twice what checking at once would have) or
    // checking would cost more than every list left.
    let spent = 0;
    for (;;) {
      if (pending.length === 0 && unseen.length === 0) break;
      const checks = candidates === null ? Infinity : new Set([...candidates, ...exact]).size * (meta.docBytes || 4096);
      const lookUpCost = Math.min(LOOKUP, unseen.length) * (meta.shardBytes || 1024);
      const loadList = pending.length > 0 && (unseen.length === 0 || pending[0].size <= lookUpCost);
      const next = loadList ? pending[0].size : lookUpCost;
      const left = pending.reduce((sum, p) => sum + p.size, 0) + Math.ceil(unseen.length / LOOKUP) * lookUpCost;
      if (!(checks > next && (spent + next <= checks || checks > left))) break;
      spent += next;
      if (loadList) {
        const { term } = pending.shift();
        narrow(term, await this.postings(term));
      } else {
        await lookUp();
      }
    }
    if (candidates === null) candidates = []; // no terms and no filters: returned above
    const found = new Set([...candidates, ...exact]);

    // The terms whose lists were not fetched, checked in the candidates' own text.
    const unchecked = [...pending.map((p) => p.term), ...unseen];
    if (unchecked.length > 0) {
      const set = new Set(unchecked);
      for (const term of unchecked) lists.set(term, new Map());
      const checked = await Promise.all([...found].map((doc) => this.check(doc, set)));
      for (const postings of checked) for (const [term, p] of postings) lists.get(term).set(p.doc, p);
      candidates = candidates.filter((doc) => unchecked.every((term) => lists.get(term).has(doc)));
    }
    const results = new Set([...candidates, ...exact]);

    const byTerm = wanted.map((t) => lists.get(t.term));
    const scored = [...results].map((doc) => {
      const hits = byTerm.map((m) => m.get(doc));
      const present = hits.length > 0 && hits.every(Boolean);
      const inTitle = present && hits.every((p) => p.fields & TITLE);
      const titlePhrase = inTitle && phrase(hits.map((p) => p.title), wanted);
      const number = numberDocs.has(doc) || (present && hits.every((p) => p.fields & NUMBER));
      let nearness = 0;
      if (present && hits.every((p) => p.fields & BODY)) {
        const offsets = hits.map((p, i) => p.first - wanted[i].position);
        const spread = Math.max(...offsets) - Math.min(...offsets);
        nearness = Math.round(100 / (1 + spread)) / 100;
      }
      return { doc, title: titleDocs.has(doc), titlePhrase, inTitle, number, nearness };
    });
    scored.sort((a, b) => (b.title - a.title) || (b.titlePhrase - a.titlePhrase) || (b.inTitle - a.inTitle) ||
      (b.number - a.number) || (b.nearness - a.nearness) || (a.doc - b.doc));
    return { total: scored.length, ids: scored.map((s) => s.doc), terms: wanted.map((t) => t.term), documents: meta.documents };
  }
}

/**
 * A text with the places that match a query's terms marked: `[{text, match}]` pieces, for the page
 * to escape and wrap in <mark>. `around`: cut to a window of that many characters around the first
 * match (with … at the cut ends); 0 keeps the whole text.
 */
export function highlight(text, query, around = 0) {
  const source = Array.from(text);
  const cps = normalize(text);
  const wanted = queryTerms(query).map((t) => Array.from(t.term).map((c) => c.codePointAt(0)));
  const marked = new Uint8Array(cps.length);
  for (const term of wanted) {
    for (let i = 0; i + term.length <= cps.length; i++) {
      let same = true;
      for (let k = 0; k < term.length && same; k++) same = cps[i + k] === term[k];
      // A word matches whole words only.
      if (same && isWord(term[0]) && ((i > 0 && isWord(cps[i - 1])) || (i + term.length < cps.length && isWord(cps[i + term.length])))) same = false;
      if (same) marked.fill(1, i, i + term.length);
    }
  }
  let start = 0;
  let end = source.length;
  if (around > 0 && source.length > around) {
    const first = marked.indexOf(1);
    start = Math.max(0, Math.min((first < 0 ? 0 : first) - Math.floor(around / 4), source.length - around));
    end = Math.min(source.length, start + around);
  }
  const pieces = [];
  if (start > 0) pieces.push({ text: "…", match: false });
  for (let i = start; i < end; ) {
    const match = marked[i] === 1;
    let j = i;
    while (j < end && (marked[j] === 1) === match) j++;
    pieces.push({ text: source.slice(i, j).join(""), match });
    i = j;
  }
  if (end < source.length) pieces.push({ text: "…", match: false });
  return pieces;
}
