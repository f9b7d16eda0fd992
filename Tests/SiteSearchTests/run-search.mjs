// Runs the search code of the theme under Node for the Swift tests (SearchTests.swift):
//   node run-search.mjs vectors VECTORS.json          → what search.js makes of the vectors
//   node run-search.mjs queries PUBLIC/search QUERIES.json → the ranked results of each query (all ids, the first ten URLs)
// Prints JSON on standard output; the Swift test compares it with what it expects.
import { readFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const search = await import(pathToFileURL(join(here, "..", "..", "Templates", "assets", "search.js")));
const [mode, ...args] = process.argv.slice(2);

if (mode === "vectors") {
  const vectors = JSON.parse(await readFile(args[0], "utf8"));
  console.log(JSON.stringify({
    terms: vectors.terms.map((v) => search.terms(v.text).map((o) => [o.term, o.position])),
    queries: vectors.queries.map((v) => search.queryTerms(v.query).map((o) => [o.term, o.position])),
    keys: vectors.keys.map(([text]) => search.key(text)),
    hashes: vectors.hashes.map(([term]) => search.hash(term)),
  }));
} else if (mode === "queries") {
  const [folder, file] = args;
  const queries = JSON.parse(await readFile(file, "utf8")).queries;
  const results = [];
  for (const q of queries) {
    // A fresh index per query: bytesRead is what one query costs a first-time visitor.
    const index = new search.SearchIndex(async (path) => {
      try { return new Uint8Array(await readFile(join(folder, path))); } catch { return null; }
    });
    const found = await index.search(q.query, q.filters ?? []);
    const top = await Promise.all(found.ids.slice(0, 10).map((id) => index.document(id)));
    results.push({ query: q.query, total: found.total, ids: found.ids, urls: top.map((d) => d.url), bytes: index.bytesRead });
  }
  console.log(JSON.stringify(results));
} else {
  console.error("usage: node run-search.mjs vectors FILE | queries FOLDER FILE");
  process.exit(64);
}
