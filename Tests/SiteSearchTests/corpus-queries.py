#!/usr/bin/env python3
"""The query set over a generated corpus, for CorpusSearchTests.swift:

    python3 corpus-queries.py PUBLIC/search CONTENT

Derives its queries from the built corpus's own documents (docs/N.json and N-rest.txt, the text the
index was built from): a phrase from a body, two characters, a 文号 typed without brackets and in
full-width digits, an 索引号, Chinese with a number, an exact title several documents share, a long
title, a title of more than 32 terms, a filter, and queries that must find nothing. Runs them through
Templates/assets/search.js under Node (run-search.mjs, a fresh index per query) and checks each
against an oracle written here from the rules of docs/search.md alone, reading every document's text
and never the index:

- found: every document with every term of the query in its title, 文号, 索引号, issuers, summary or
  text (Han pairs as substrings, words as whole words), and the documents whose 文号, 索引号 or title
  is the query (spaces and punctuation aside); nothing else, and exactly that many;
- ranked: title is the query; the query is a phrase in the title; every term in the title; the 文号
  or 索引号; nearness in the body (from each term's first place); newer first. The whole order must
  be the oracle's.

Prints JSON: per query its name, query, total, bytes read (with the first page of results), first
URLs and failures (empty when it passed), and a few facts about the corpus."""
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def normalize(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xFF01 <= cp <= 0xFF5E:
            cp -= 0xFEE0
        elif cp == 0x3000:
            cp = 0x20
        if 0x41 <= cp <= 0x5A:
            cp += 32
        out.append(chr(cp))
    return "".join(out)


def is_han(ch):
    cp = ord(ch)
    return cp == 0x3007 or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x323AF


def is_word(ch):
    return "0" <= ch <= "9" or "a" <= ch <= "z"


def key(text):
    return "".join(ch for ch in normalize(text) if is_han(ch) or is_word(ch))


def tokens(text):
    """(term, position, key position) of every term of a text, as docs/search.md describes."""
    text = normalize(text)
    found, i, kept = [], 0, 0
    while i < len(text):
        if is_han(text[i]):
            found.append((text[i], i, kept))
            if i + 1 < len(text) and is_han(text[i + 1]):
                found.append((text[i:i + 2], i, kept))
            i += 1
            kept += 1
        elif is_word(text[i]):
            start = i
            while i < len(text) and is_word(text[i]):
                i += 1
            found.append((text[start:i], start, kept))
            kept += i - start
        else:
            i += 1
    return found


def query_terms(query):
    """(term, position, key position): the pairs of each Han run (its character if alone), each word."""
    text = normalize(query)
    found, i, kept = [], 0, 0
    seen = set()

    def add(term, position, key_position):
        if term not in seen:
            seen.add(term)
            found.append((term, position, key_position))

    while i < len(text):
        if is_han(text[i]):
            start = i
            while i < len(text) and is_han(text[i]):
                i += 1
            if i - start == 1:
                add(text[start], start, kept)
            for k in range(start, i - 1):
                add(text[k:k + 2], k, kept + k - start)
            kept += i - start
        elif is_word(text[i]):
            start = i
            while i < len(text) and is_word(text[i]):
                i += 1
            add(text[start:i], start, kept)
            kept += i - start
        else:
            i += 1
    return found


class Document:
    def __init__(self, folder, number):
        with open(os.path.join(folder, "docs", f"{number}.json"), encoding="utf-8") as f:
            shown = json.load(f)
        text = shown.get("text") or ""
        if shown.get("more"):
            with open(os.path.join(folder, "docs", f"{number}-rest.txt"), encoding="utf-8") as f:
                text += f.read()
        self.id = number
        self.shown = shown
        self.url = shown["url"]
        self.title = shown["title"]
        self.text = text
        self.fields = {
            "title": shown["title"], "number": shown.get("number") or "", "indexNumber": shown.get("indexNumber") or "",
            "issuer": shown.get("issuer") or "", "summary": shown.get("summary") or "", "text": text,
        }
        self.terms = {name: {} for name in self.fields}  # field → term → [positions]
        self.title_places = {}  # term → key positions in the title
        for name, value in self.fields.items():
            for term, position, key_position in tokens(value):
                self.terms[name].setdefault(term, []).append(position)
                if name == "title":
                    self.title_places.setdefault(term, []).append(key_position)

    def has(self, term, *fields):
        return any(term in self.terms[name] for name in (fields or self.fields))


def oracle(documents, query, kind=None):
    """The documents a query must find, in the order they must come."""
    wanted = query_terms(query)
    typed = key(query)
    ranked = []
    for doc in documents:
        if kind and doc.shown.get("kind") != kind:
            continue
        present = bool(wanted) and all(doc.has(t) for t, _, _ in wanted)
        by_number = len(typed) >= 4 and typed in (key(doc.fields["number"]), key(doc.fields["indexNumber"]))
        by_title = bool(wanted) and bool(typed) and typed == key(doc.title)
        if not (present or by_number or by_title):
            continue
        in_title = present and all(doc.has(t, "title") for t, _, _ in wanted)
        phrase = in_title and any(
            all(start + k in doc.title_places[t] for t, _, k in wanted)
            for start in (p - wanted[0][2] for p in doc.title_places[wanted[0][0]]))
        number = by_number or (present and all(doc.has(t, "number", "indexNumber") for t, _, _ in wanted))
        nearness = 0
        if present and all(doc.has(t, "text") for t, _, _ in wanted):
            offsets = [doc.terms["text"][t][0] - p for t, p, _ in wanted]
            nearness = math.floor(100 / (1 + max(offsets) - min(offsets)) + 0.5) / 100  # as JavaScript's Math.round
        ranked.append(((-by_title, -phrase, -in_title, -number, -nearness, doc.id), doc))
    ranked.sort(key=lambda r: r[0])
    return [doc for _, doc in ranked]


def pick_phrase(documents, source):
    """Eight Han characters of the source's text that few documents share."""
    for run in re.findall(r"[\u4e00-\u9fff]{10,}", source.text):
        for start in range(0, len(run) - 8):
            phrase = run[start:start + 8]
            holders = sum(phrase in doc.text for doc in documents)
            if 1 <= holders <= 30:
                return phrase
    raise SystemExit(f"no phrase in document {source.id}")


def queries(documents):
    n = len(documents)
    at = lambda fraction: documents[int(n * fraction):] + documents[: int(n * fraction)]  # noqa: E731
    cases = []
    source = at(1 / 3)[0]
    phrase = pick_phrase(documents, source)
    cases.append({"name": "an exact phrase from a body", "query": phrase, "includes": [source.id]})
    cases.append({"name": "two characters", "query": "养老"})
    numbered = next(doc for doc in at(1 / 2) if doc.shown.get("number") and doc.shown["kind"] == "政策文件")
    typed = numbered.shown["number"].replace("〔", "").replace("〕", " ")
    cases.append({"name": "a 文号 typed without brackets", "query": typed, "first": [numbered.id]})
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in numbered.shown["number"])
    cases.append({"name": "a 文号 in full-width digits", "query": wide, "first": [numbered.id]})
    cases.append({"name": "an 索引号", "query": numbered.shown["indexNumber"], "first": [numbered.id]})
    cases.append({"name": "Chinese and a number", "query": "2021年政务公开"})
    shared = next(doc for doc in at(1 / 2) if re.fullmatch(r"南宁市促进.+若干措施", doc.title))
    same = [doc.id for doc in documents if doc.title == shared.title]
    cases.append({"name": "an exact title that several documents share, those first, newest first", "query": shared.title,
                  "first": same})
    long_title = next(doc for doc in at(1 / 5) if len(doc.title) >= 30 and doc.title.startswith("南宁市"))
    cases.append({"name": "a long title", "query": long_title.title, "first": [long_title.id]})
    longest = next(doc for doc in at(1 / 4) if len(query_terms(doc.title)) > 32)
    cases.append({"name": "a title of more than 32 terms: every term counts", "query": longest.title, "first": [longest.id]})
    cases.append({"name": "a filter by kind", "query": "营商环境", "filters": ["k:interpretation"], "kind": "政策解读"})
    cases.append({"name": "nothing", "query": "量子计算机", "total": 0})
    cases.append({"name": "a 文号 that does not exist", "query": "南金融规2099 1号", "total": 0})
    return cases


def main():
    folder, content = sys.argv[1], sys.argv[2]
    with open(os.path.join(folder, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    documents = [Document(folder, n) for n in range(meta["documents"])]
    public = 0
    for base, _, files in os.walk(content):
        for name in files:
            if name.endswith(".md"):
                with open(os.path.join(base, name), encoding="utf-8") as f:
                    public += "\ndisclosure: 主动公开\n" in f.read()
    facts = {"documents": len(documents), "public": public,
             "newestFirst": all(a.shown.get("date", "") >= b.shown.get("date", "") for a, b in zip(documents, documents[1:]))}

    cases = queries(documents)
    path = os.path.join(os.path.dirname(folder.rstrip("/")), "corpus-queries.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"queries": [{"query": c["query"], "filters": c.get("filters", [])} for c in cases]}, f, ensure_ascii=False)
    run = subprocess.run(["node", os.path.join(HERE, "run-search.mjs"), "queries", folder, path], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(run.stderr)
    results = json.loads(run.stdout)

    report = []
    for case, result in zip(cases, results):
        expected = oracle(documents, case["query"], case.get("kind"))
        failures = []
        ids = result["ids"]
        if result["total"] != len(expected):
            failures.append(f"{result['total']} results, the oracle finds {len(expected)}")
        if ids != [doc.id for doc in expected]:
            got, want = set(ids), {doc.id for doc in expected}
            for doc in sorted(want - got)[:3]:
                failures.append(f"missing {documents[doc].url} {documents[doc].title}")
            for doc in sorted(got - want)[:3]:
                failures.append(f"not expected {documents[doc].url} {documents[doc].title}")
            if got == want:
                k = next(i for i, (a, b) in enumerate(zip(ids, [doc.id for doc in expected])) if a != b)
                failures.append(f"order differs at {k + 1}: {documents[ids[k]].title} where the oracle has {expected[k].title}")
        first = case.get("first", [])
        if ids[: len(first)] != first:
            failures.append(f"first {[documents[i].url for i in ids[:len(first)]]}, expected {[documents[i].url for i in first]}")
        for doc in case.get("includes", []):
            if doc not in ids:
                failures.append(f"{documents[doc].url} is not found")
        if "total" in case and result["total"] != case["total"]:
            failures.append(f"{result['total']} results, expected {case['total']}")
        report.append({"name": case["name"], "query": case["query"], "filters": case.get("filters", []), "total": result["total"],
                       "expected": len(expected), "bytes": result["bytes"], "urls": result["urls"][:3], "failures": failures})
    print(json.dumps({"facts": facts, "queries": report}, ensure_ascii=False))


if __name__ == "__main__":
    main()
