"""Search benchmark: the registry's search against raw Whoosh and SQLite FTS5; memory and
first query of a worker.

Not a test. Generates a synthetic corpus of N documents from the real corpus'
vocabulary and structure (same fields and tags), deterministic by seed, then
measures in one run, on the same documents and queries:

- index build time;
- p50/p95 of (a) the registry's full search call (query rewriting, parsing, facets,
  snippets; result cache emptied before each call), (b) a raw Whoosh query on the same
  index (plain QueryParser, no facets, no snippets), (c) SQLite FTS5 with bm25 and
  snippet() on the same documents, (d) the registry's call for a repeated query (cache);
- in fresh processes, at the largest size: the memory an opened index adds (RSS after
  opening it, and after the queries), and the first query after opening (as a worker's
  first search, the index being opened when the worker starts) against a warm one.

With `--baseline REV`, the memory and first-query figures are also measured for the code of
git revision REV (a worktree, same virtualenv, its own index of the same documents).

usage: python benchmarks/search_bench.py [--docs 1000 10000] [--seed 7] [--json FILE]
                                         [--baseline REV]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh import index as whoosh_index  # noqa: E402
from whoosh.qparser import QueryParser  # noqa: E402

from registry.content.loader import load_content  # noqa: E402
from registry.content.render import plain_text  # noqa: E402
from registry.content.text import fold  # noqa: E402
from registry.search import IndexDocument, SearchService, build_index  # noqa: E402

WORD = re.compile(r"[^\W\d_]{3,}")


def real_corpus():
    content = load_content(ROOT / "content")
    entries = list(content.entries.values())
    bodies = [plain_text(e.body) for e in entries]
    vocabulary = Counter(w.lower() for body in bodies for w in WORD.findall(body))
    return entries, vocabulary


def synthetic_documents(n: int, seed: int) -> list[IndexDocument]:
    """N documents shaped like the real ones: words drawn by real frequency, real tag sets."""
    entries, vocabulary = real_corpus()
    rng = random.Random(seed)
    words, weights = zip(*vocabulary.most_common(), strict=True)
    lengths = [len(plain_text(e.body).split()) for e in entries]

    def text(k: int) -> str:
        return " ".join(rng.choices(words, weights=weights, k=k))

    docs = []
    for i in range(n):
        model = rng.choice(entries)
        meta = model.meta
        title = text(rng.randint(3, 8)).capitalize()
        docs.append(IndexDocument(
            slug=f"doc-{i}", type=model.type, title=title, summary=text(rng.randint(20, 40)),
            body=text(max(40, int(rng.choice(lengths) * rng.uniform(0.5, 1.2)))),
            missions=meta.get("missions", []), evidence=model.evidence_level,
            parcours=meta.get("parcours", []), public=meta.get("public", []),
            theme=meta.get("theme"), title_sort=fold(title), digest=str(i)))
    return docs


def queries(seed: int, count: int = 36) -> list[tuple[str, dict]]:
    """One- to three-word queries from mid- and high-frequency words, a third with filters."""
    _, vocabulary = real_corpus()
    rng = random.Random(seed + 1)
    pool = [w for w, c in vocabulary.most_common(600)[30:]]
    out = []
    for i in range(count):
        q = " ".join(rng.sample(pool, k=1 + i % 3))
        filters = {}
        if i % 3 == 1:
            filters = {"mission": [str(rng.randint(1, 8))]}
        elif i % 3 == 2:
            filters = {"evidence": ["experience-decrite", "prometteuse"],
                       "theme": ["nouvel-ambulatoire"]}
        out.append((q, filters))
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) * 1000 / repeat


def build_fts5(docs: list[IndexDocument], path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(slug UNINDEXED, title, summary, body, "
               "mission UNINDEXED, evidence UNINDEXED, theme UNINDEXED, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)", [
        (d.slug, d.title, d.summary, d.body, "," + ",".join(map(str, d.missions)) + ",",
         d.evidence or "", d.theme or "") for d in docs])
    db.commit()
    return db


def fts5_search(db, q: str, filters: dict):
    words = " OR ".join(f'"{w}"' for w in q.split())
    sql = ("SELECT slug, snippet(docs, 3, '<mark>', '</mark>', ' … ', 24) FROM docs "
           "WHERE docs MATCH ?")
    params: list = [words]
    if "mission" in filters:
        sql += " AND (" + " OR ".join("mission LIKE ?" for _ in filters["mission"]) + ")"
        params += [f"%,{m},%" for m in filters["mission"]]
    for name in ("evidence", "theme"):
        if name in filters:
            sql += f" AND {name} IN ({','.join('?' for _ in filters[name])})"
            params += filters[name]
    sql += " ORDER BY bm25(docs, 6.0, 2.0, 1.0) LIMIT 20"
    return db.execute(sql, params).fetchall()


def run(n: int, seed: int) -> dict:
    docs = synthetic_documents(n, seed)
    qs = queries(seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        build_index(docs, tmp / "index")
        build_s = time.perf_counter() - start
        service = SearchService(tmp / "index")
        service.search("warm up")  # open the index and build the facet sets once
        ix = whoosh_index.open_dir(str(tmp / "index"))
        raw_searcher = ix.searcher()
        raw_parser = QueryParser("body", ix.schema)
        db = build_fts5(docs, tmp / "fts.sqlite")

        app, raw, fts, cached = [], [], [], []
        for _ in range(3):  # three passes over the queries, to steady the figures
            for q, filters in qs:
                service._cache.clear()
                app.append(timed(lambda q=q, f=filters: service.search(q, f)))
                cached.append(timed(lambda q=q, f=filters: service.search(q, f)))
                raw.append(timed(lambda q=q: list(raw_searcher.search(raw_parser.parse(q),
                                                                      limit=20))))
                fts.append(timed(lambda q=q, f=filters: fts5_search(db, q, f)))
        raw_searcher.close()
        db.close()
    return {
        "docs": n, "build_s": round(build_s, 2),
        "app_p50_ms": round(percentile(app, 50), 2), "app_p95_ms": round(percentile(app, 95), 2),
        "raw_p50_ms": round(percentile(raw, 50), 2), "raw_p95_ms": round(percentile(raw, 95), 2),
        "fts5_p50_ms": round(percentile(fts, 50), 2), "fts5_p95_ms": round(percentile(fts, 95), 2),
        "cached_p95_ms": round(percentile(cached, 95), 3),
    }


PROBE = r"""
import json, os, sys, time
from pathlib import Path
docs_file, index_dir, mode = sys.argv[1:4]
try:
    from registry.search import IndexDocument as Doc
except ImportError:  # older code
    from registry.search import Document as Doc
from registry.search import SearchService, build_index

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

data = json.loads(Path(docs_file).read_text())
if mode == "build":
    build_index([Doc(**d) for d in data["docs"]], Path(index_dir))
    sys.exit(0)
del data["docs"]
before = rss_mb()
service = SearchService(Path(index_dir))
service.search("ouverture")  # opens the index (as a worker does when it starts)
opened = rss_mb()
if mode == "first":
    start = time.perf_counter()
    service.search(data["first"])
    print(json.dumps({"first_ms": (time.perf_counter() - start) * 1000}))
    sys.exit(0)
for q, filters in data["queries"]:
    service._cache.clear()
    service.search(q, filters)
print(json.dumps({"opened_mb": opened - before, "after_queries_mb": rss_mb() - before}))
"""


def probe(code: Path, args: list[str]) -> dict:
    import os
    import subprocess

    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=code, check=True,
                         capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(code)}).stdout
    return json.loads(out) if out.strip() else {}


def worker_figures(code: Path, docs: list[IndexDocument], qs, warm_p95: float,
                   runs: int = 15) -> dict:
    """Memory of an opened index and first-query times, each in a fresh process."""
    from dataclasses import asdict

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = {"docs": [asdict(d) for d in docs], "queries": qs}
        (tmp / "docs.json").write_text(json.dumps(data))
        probe(code, [str(tmp / "docs.json"), str(tmp / "index"), "build"])
        memory = [probe(code, [str(tmp / "docs.json"), str(tmp / "index"), "memory"])
                  for _ in range(3)]
        firsts = []
        for i in range(runs):
            data["first"] = qs[i % len(qs)][0] + f" {i}"
            (tmp / "docs.json").write_text(json.dumps(data))
            firsts.append(probe(code, [str(tmp / "docs.json"), str(tmp / "index"),
                                       "first"])["first_ms"])
    return {"opened_mb": round(min(m["opened_mb"] for m in memory), 1),
            "after_queries_mb": round(min(m["after_queries_mb"] for m in memory), 1),
            "first_p95_ms": round(percentile(firsts, 95), 2),
            "first_over_warm": round(percentile(firsts, 95) / warm_p95, 2)}


def shipped_build_seconds() -> float:
    """Full build of the shipped corpus through the registry's own code path."""
    from registry import create_app
    from registry.search import rebuild
    from registry.services import catalog

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "INSTANCE_PATH": tmp,
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/b.sqlite",
                          "REGISTRY_INDEX_DIR": f"{tmp}/index"})
        with app.app_context():
            catalog.load()  # load content first: the build alone is timed
            start = time.perf_counter()
            rebuild(catalog, Path(tmp) / "index")
            return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the last size's figures here")
    parser.add_argument("--baseline", help="a git revision whose worker figures to measure too")
    args = parser.parse_args(argv)
    rows = [run(n, args.seed) for n in args.docs]
    header = ("docs", "build_s", "app_p50_ms", "app_p95_ms", "raw_p50_ms", "raw_p95_ms",
              "fts5_p50_ms", "fts5_p95_ms", "cached_p95_ms")
    print(" | ".join(f"{h:>12}" for h in header))
    for row in rows:
        print(" | ".join(f"{row[h]:>12}" for h in header))
    last = rows[-1]
    print(f"\nshipped corpus full build: {shipped_build_seconds():.2f} s (target ≤ 3 s)")
    print(f"at {last['docs']} documents: app p95 / FTS5 p95 = "
          f"{last['app_p95_ms'] / last['fts5_p95_ms']:.2f} (target ≤ 0.8), "
          f"app p95 / raw Whoosh p95 = {last['app_p95_ms'] / last['raw_p95_ms']:.2f} "
          f"(target ≤ 1.3), cached p95 = {last['cached_p95_ms']} ms (target ≤ 2)")
    docs, qs = synthetic_documents(last["docs"], args.seed), queries(args.seed)
    codes = [("this checkout", ROOT)]
    worktree = None
    if args.baseline:
        import subprocess

        worktree = Path(tempfile.mkdtemp(prefix="registry-baseline-")) / "code"
        subprocess.run(["git", "worktree", "add", "--detach", str(worktree), args.baseline],
                       cwd=ROOT, check=True, capture_output=True)
        codes.insert(0, (f"baseline {args.baseline}", worktree))
    try:
        print(f"\nworker figures at {last['docs']} documents (fresh processes; warm p95 "
              f"{last['app_p95_ms']} ms from the table above):")
        print(f"{'code':<22} | {'opened MB':>9} | {'after queries MB':>16} | "
              f"{'first p95 ms':>12} | {'first / warm':>12}")
        for label, code in codes:
            figures = worker_figures(code, docs, qs, last["app_p95_ms"])
            last[f"worker_{label.split()[0]}"] = figures
            print(f"{label:<22} | {figures['opened_mb']:>9} | {figures['after_queries_mb']:>16} "
                  f"| {figures['first_p95_ms']:>12} | {figures['first_over_warm']:>12}")
    finally:
        if worktree:
            import subprocess

            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT,
                           capture_output=True)
    print("targets: opened index ≤ 60 MB a worker; first query p95 ≤ 2 × warm p95")
    if args.json:
        args.json.write_text(json.dumps(last, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
