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

/** Every term of a text with the position of its first character, as the index sees it. */
export function terms(text) {
  const cps = normalize(text);
  const found = [];
  let i = 0;
  while (i < cps.length) {
    if (isHan(cps[i])) {
      found.push({ term: chars([cps[i]]), position: i });
      if (i + 1 < cps.length && isHan(cps[i + 1])) found.push({ term: chars([cps[i], cps[i + 1]]), position: i });
      i += 1;
    } else if (isWord(cps[i])) {
      const start = i;
      while (i < cps.length && isWord(cps[i])) i += 1;
      found.push({ term: chars(cps.slice(start, i)), position: start });
    } else {
      i += 1;
    }
  }
  return found;
}

/** The terms a query asks for, each once, with where it starts in the query. */
export function queryTerms(query) {
  const cps = normalize(query);
  const found = [];
  const add = (term, position) => { if (!found.some((t) => t.term === term)) found.push({ term, position }); };
  let i = 0;
  while (i < cps.length) {
    if (isHan(cps[i])) {
      const start = i;
      while (i < cps.length && isHan(cps[i])) i += 1;
      if (i - start === 1) add(chars([cps[start]]), start);
      else for (let k = start; k < i - 1; k++) add(chars([cps[k], cps[k + 1]]), k);
    } else if (isWord(cps[i])) {
      const start = i;
      while (i < cps.length && isWord(cps[i])) i += 1;
      add(chars(cps.slice(start, i)), start);
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

/** A shard: term → [{doc, fields, count, first}]. */
export function decodeShard(bytes) {
  if (decoder.decode(bytes.subarray(0, 4)) !== "SSI1") throw new Error("not a search shard");
  let at = 4;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  const table = new Map();
  const count = varint();
  for (let t = 0; t < count; t++) {
    const length = varint();
    const term = decoder.decode(bytes.subarray(at, at + length));
    at += length;
    const n = varint();
    const postings = new Array(n);
    let doc = 0;
    for (let p = 0; p < n; p++) {
      doc += varint();
      const fields = bytes[at++];
      const count = varint();
      const first = varint();
      postings[p] = { doc, fields, count, first };
    }
    table.set(term, postings);
  }
  return table;
}

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
    return meta;
  }

  async postings(term) {
    const meta = await this.meta();
    const n = hash(term) % meta.shards;
    const path = `index/${n.toString(16).padStart(3, "0")}.bin`;
    if (!this.cache.has(`decoded:${path}`)) {
      this.cache.set(`decoded:${path}`, this.file(path).then((bytes) => (bytes ? decodeShard(bytes) : new Map())));
    }
    const shard = await this.cache.get(`decoded:${path}`);
    return shard.get(term) ?? [];
  }

  /** What a result shows: title, 文号, date, issuer, the start of the text. */
  document(id) {
    return this.json(`docs/${id}.json`);
  }

  /**
   * Ranked documents for a query and filters (`["s:zcwj", "y:2021"]`, all required).
   *
   * Ranked by: every term in the title; the 文号 or 索引号 typed (its key) or every term in it;
   * how close the terms stand in the body, as in the query (from each term's first place there);
   * then newer first (documents are numbered newest first).
   */
  async search(query, filters = []) {
    const meta = await this.meta();
    // A pasted paragraph would fetch a shard per pair: its first 32 terms decide.
    const wanted = queryTerms(query).slice(0, 32);
    const typedKey = key(query);
    if (wanted.length === 0 && filters.length === 0) return { total: 0, ids: [], terms: [] };

    const lists = await Promise.all(wanted.map((t) => this.postings(t.term)));
    const exact = typedKey.length >= 4 ? await this.postings("\u0002" + typedKey) : [];
    const filterLists = await Promise.all(filters.map((f) => this.postings("\u0001" + f)));

    const byTerm = lists.map((list) => new Map(list.map((p) => [p.doc, p])));
    const exactDocs = new Set(exact.map((p) => p.doc));
    let candidates;
    if (wanted.length > 0) {
      const [shortest] = [...byTerm].sort((a, b) => a.size - b.size);
      candidates = [...shortest.keys()].filter((doc) => byTerm.every((m) => m.has(doc)));
      for (const doc of exactDocs) if (!candidates.includes(doc)) candidates.push(doc);
    } else {
      candidates = [...(filterLists[0] ?? []).map((p) => p.doc)];
    }
    for (const list of filterLists) {
      const allowed = new Set(list.map((p) => p.doc));
      candidates = candidates.filter((doc) => allowed.has(doc));
    }

    const scored = candidates.map((doc) => {
      const hits = byTerm.map((m) => m.get(doc));
      const present = hits.every(Boolean);
      const inTitle = present && hits.length > 0 && hits.every((p) => p.fields & TITLE);
      const number = exactDocs.has(doc) || (present && hits.length > 0 && hits.every((p) => p.fields & NUMBER));
      let nearness = 0;
      if (present && hits.length > 0 && hits.every((p) => p.fields & BODY)) {
        const offsets = hits.map((p, i) => p.first - wanted[i].position);
        const spread = Math.max(...offsets) - Math.min(...offsets);
        nearness = Math.round(100 / (1 + spread)) / 100;
      }
      return { doc, inTitle, number, nearness };
    });
    scored.sort((a, b) =>
      (b.inTitle - a.inTitle) || (b.number - a.number) || (b.nearness - a.nearness) || (a.doc - b.doc));
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
