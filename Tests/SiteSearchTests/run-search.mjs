// Runs the search code of the theme under Node for the Swift tests (SearchTests.swift):
//   node run-search.mjs vectors VECTORS.json                → what search.js makes of the vectors
//   node run-search.mjs queries PUBLIC/search QUERIES.json  → the ranked results of each query
//   node run-search.mjs consistency PUBLIC/search           → whether every document's postings,
//        computed from its own text as the page checks candidates, are exactly the index's
// Prints JSON on standard output; the Swift test compares it with what it expects.
import { readFile, readdir } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const search = await import(pathToFileURL(join(here, "..", "..", "Templates", "assets", "search.js")));
const [mode, ...args] = process.argv.slice(2);

function reader(folder) {
  return async (path) => {
    try { return new Uint8Array(await readFile(join(folder, path))); } catch { return null; }
  };
}

if (mode === "vectors") {
  const vectors = JSON.parse(await readFile(args[0], "utf8"));
  console.log(JSON.stringify({
    terms: vectors.terms.map((v) => search.terms(v.text).map((o) => [o.term, o.position])),
    termKeyPositions: vectors.terms.map((v) => search.terms(v.text).map((o) => o.keyPosition)),
    queries: vectors.queries.map((v) => search.queryTerms(v.query).map((o) => [o.term, o.position])),
    queryKeyPositions: vectors.queries.map((v) => search.queryTerms(v.query).map((o) => o.keyPosition)),
    keys: vectors.keys.map(([text]) => search.key(text)),
    hashes: vectors.hashes.map(([term]) => search.hash(term)),
  }));
} else if (mode === "queries") {
  const [folder, file] = args;
  const queries = JSON.parse(await readFile(file, "utf8")).queries;
  const results = [];
  for (const q of queries) {
    // A fresh index per query: bytesRead is what one query costs a first-time visitor, with the
    // first page of results as the page shows it.
    const index = new search.SearchIndex(reader(folder));
    const found = await index.search(q.query, q.filters ?? []);
    const top = await Promise.all(found.ids.slice(0, 10).map((id) => index.document(id)));
    results.push({ query: q.query, total: found.total, ids: found.ids, urls: top.map((d) => d.url), bytes: index.bytesRead });
  }
  console.log(JSON.stringify(results));
} else if (mode === "consistency") {
  const [folder] = args;
  const read = reader(folder);
  const meta = JSON.parse(new TextDecoder().decode(await read("meta.json")));
  // The index, inverted back: doc → term → posting.
  const fromIndex = new Map();
  let postings = 0;
  for (const name of (await readdir(join(folder, "index"))).filter((n) => n.endsWith(".bin"))) {
    const bytes = await read(`index/${name}`);
    for (const [term, entry] of search.decodeShard(bytes)) {
      if (term.codePointAt(0) < 0x20) continue; // filters and keys: not in the text
      const list = entry.file === null
        ? search.decodePostings(bytes, entry.count, entry.at)
        : search.decodePostings(await read(`index/l/${entry.file}.bin`), entry.count, 4);
      for (const p of list) {
        if (!fromIndex.has(p.doc)) fromIndex.set(p.doc, new Map());
        fromIndex.get(p.doc).set(term, p);
        postings += 1;
      }
    }
  }
  const mismatches = [];
  const same = (a, b) => a && b && a.fields === b.fields && a.first === b.first && JSON.stringify(a.title) === JSON.stringify(b.title);
  for (let doc = 0; doc < meta.documents; doc++) {
    const shown = JSON.parse(new TextDecoder().decode(await read(`docs/${doc}.json`)));
    const rest = shown.more ? new TextDecoder().decode(await read(`docs/${doc}-rest.txt`)) : "";
    const indexed = fromIndex.get(doc) ?? new Map();
    const text = (shown.text ?? "") + rest;
    const all = new Set([shown.title, shown.number, shown.indexNumber, shown.summary, shown.issuer, text].flatMap((t) => search.terms(t ?? "").map((o) => o.term)));
    const computed = search.documentPostings(doc, shown, text, all);
    for (const term of new Set([...all, ...indexed.keys()])) {
      if (!same(indexed.get(term), computed.get(term)) && mismatches.length < 20) {
        mismatches.push({ doc, term, index: indexed.get(term) ?? null, text: computed.get(term) ?? null });
      }
    }
  }
  console.log(JSON.stringify({ documents: meta.documents, postings, mismatches }));
} else {
  console.error("usage: node run-search.mjs vectors FILE | queries FOLDER FILE | consistency FOLDER");
  process.exit(64);
}
