"""Benchmark the query database: index 10,000 documents, then time filtered queries.

The documents are copies of the corpus results (``directive-nlp batch corpus/docs``, run once),
each with its own path, sha256, number, dates and a few of its assignees swapped, written as a
batch output folder (docs/*.json + manifest.sqlite) — the NLP does not run 10,000 times. When
the pipeline does not yet fill ``directives``, they are taken from
``directive_nlp.extract.directives.find_directives`` on the corpus texts (else made up), so the
documents have realistic numbers of directives.

Prints: full index (documents/s), re-index with nothing changed, re-index after 1% changed and
1% removed, then the median time of filtered ``tasks`` queries in-process and the wall time of
the same query through the command line (Python start-up included).

Targets: index >= 2,000 documents/s; a filtered tasks query < 200 ms.

    python scripts/bench_query.py              # 10,000 documents
    python scripts/bench_query.py -n 2000 --keep /tmp/qbench --json
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import json
import logging
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"

ASSIGNEES = [
    "Sở Y tế", "Sở Tài chính", "UBND các huyện, thị xã, thành phố", "Công an tỉnh", "Sở GD&ĐT",
    "Ủy ban nhân dân cấp xã", "Sở Tài nguyên và Môi trường", "Bộ Công an", "Sở Nội vụ", "Ban Dân tộc tỉnh",
    "Sở Khoa học và Công nghệ", "Đài Phát thanh và Truyền hình tỉnh", "Bộ đội Biên phòng tỉnh",
]
VERBS = ["chủ trì", "giao", "yêu cầu", "đề nghị", "tham mưu"]


def corpus_results(work: Path) -> list[dict[str, Any]]:
    """The corpus results (batch run once), with directives filled in when the pipeline has none."""
    from directive_nlp.apps.batch import run_batch

    out = work / "corpus-out"
    run_batch([CORPUS], out, jobs=1)
    docs = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    for d in docs:
        if not d.get("directives"):
            d["directives"] = _directives_for(d)
    return docs


def _directives_for(doc: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        from directive_nlp.extract.directives import find_directives
        from directive_nlp.text.normalize import normalize
        from directive_nlp.io.reading import read_source

        path = Path(doc["source"]["path"])
        if not path.is_absolute():
            path = ROOT / path if (ROOT / path).exists() else CORPUS / path.name
        text = normalize(read_source(path).text).text
        found = [x.dump() for x in find_directives(text, kind=doc.get("kind") or "article",
                                                    issuer=(doc.get("document") or {}).get("issuer"))]
        if found:
            return found
    except Exception as err:  # the directives module is optional here
        logging.debug("find_directives failed: %s", err)
    rnd = random.Random(doc["source"]["sha256"])
    out = []
    for i in range(rnd.randint(3, 12)):
        a = rnd.choice(ASSIGNEES)
        out.append({
            "id": str(i + 1), "label": f"{i + 1}.", "parent": None, "parent_label": None, "issuer": None,
            "verb": rnd.choice(VERBS), "assignees": [a], "assignees_norm": [a.lower()], "coordinators": [],
            "text": f"{a} {rnd.choice(VERBS)} triển khai thực hiện nhiệm vụ số {i + 1} về chuyển đổi số, "
                    "báo cáo kết quả trước ngày 31/12.",
            "deadline": None, "deadline_text": None, "refs": [], "kind": "task", "start": 0, "end": 0,
        })
    return out


def make_doc(base: dict[str, Any], i: int, rnd: random.Random) -> tuple[str, dict[str, Any]]:
    """Copy number ``i`` of a corpus result: new key, sha256, number, dates, some assignees."""
    d = copy.deepcopy(base)
    day = dt.date(2019, 1, 1) + dt.timedelta(days=rnd.randrange(7 * 365))
    year = day.year
    name = Path(d["source"]["path"] or "doc.txt").name
    key = f"{year}/lo-{i // 100:03d}/{i:05d}-{name}"
    d["source"]["path"] = f"archive/{key}"
    d["source"]["sha256"] = hashlib.sha256(f"bench-{i}".encode()).hexdigest()
    doc = d["document"]
    if doc.get("issued_on"):
        doc["issued_on"] = day.isoformat()
    elif doc.get("published_at"):
        doc["published_at"] = f"{day.isoformat()}T08:00"
    else:
        doc["published_at"] = day.isoformat()
    if doc.get("number") and "/" in doc["number"]:
        doc["number"] = f"{rnd.randint(1, 3000)}/{doc['number'].split('/', 1)[1]}"
    for x in d.get("directives") or []:
        if x.get("assignees") and rnd.random() < 0.4:
            a = rnd.choice(ASSIGNEES)
            x["assignees"] = [a]
            x["assignees_norm"] = [a.lower()]
    return key, d


MANIFEST_DDL = (
    "CREATE TABLE files (key TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
    " sha256 TEXT, version TEXT NOT NULL, status TEXT NOT NULL, code TEXT, record TEXT, run INTEGER NOT NULL)"
)


def write_out_dir(out: Path, bases: list[dict[str, Any]], n: int, version: str) -> None:
    """A batch output folder with ``n`` results: docs/<key>.json, manifest.sqlite (results.jsonl not needed)."""
    rnd = random.Random(42)
    docs = out / "docs"
    rows = []
    for i in range(n):
        key, d = make_doc(bases[i % len(bases)], i, rnd)
        target = docs / f"{key}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
        rows.append((key, d["source"]["path"], 1, 1, d["source"]["sha256"], version, "ok", None, None, 1))
    db = sqlite3.connect(out / "manifest.sqlite")
    db.execute(MANIFEST_DDL)
    db.executemany("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    db.commit()
    db.close()


def change_some(out: Path, fraction: float) -> tuple[int, int]:
    """Mark ``fraction`` of the results changed (new sha256) and remove as many; return the counts."""
    db = sqlite3.connect(out / "manifest.sqlite")
    keys = [k for (k,) in db.execute("SELECT key FROM files ORDER BY key")]
    k = max(1, int(len(keys) * fraction))
    changed, removed = keys[:k], keys[-k:]
    for key in changed:
        p = out / "docs" / f"{key}.json"
        d = json.loads(p.read_text(encoding="utf-8"))
        d["source"]["sha256"] = hashlib.sha256(("changed-" + key).encode()).hexdigest()
        p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        db.execute("UPDATE files SET sha256 = ? WHERE key = ?", (d["source"]["sha256"], key))
    for key in removed:
        db.execute("DELETE FROM files WHERE key = ?", (key,))
        (out / "docs" / f"{key}.json").unlink()
    db.commit()
    db.close()
    return len(changed), len(removed)


QUERIES = {
    "assignee+dates": dict(assignee="so y te", date_from="2021", date_to="2023-06"),
    "assignee UBND+text": dict(assignee="Ủy ban nhân dân", text=["chuyen doi so"]),
    "issuer+official": dict(issuer="UBND thành phố Hà Nội", official="Trương Việt Dũng"),
    "doc number": dict(doc="KH-UBND", date_from="2024"),
}


def time_queries(db: Path, repeat: int) -> dict[str, dict[str, float]]:
    from directive_nlp.apps.index import connect, fetch, tasks_query

    out: dict[str, dict[str, float]] = {}
    con = connect(db)
    try:
        for name, filters in QUERIES.items():
            sql, params = tasks_query(con, **filters)
            times = []
            rows = 0
            for _ in range(repeat):
                t0 = time.perf_counter()
                rows = fetch(con, sql, params).num_rows
                times.append(time.perf_counter() - t0)
            out[name] = {"median_ms": statistics.median(times) * 1000, "max_ms": max(times) * 1000, "rows": rows}
    finally:
        con.close()
    # a cold query: open + build + query + close, as a script or the CLI does
    t0 = time.perf_counter()
    c2 = connect(db)
    sql, params = tasks_query(c2, **QUERIES["assignee+dates"])
    rows = fetch(c2, sql, params).num_rows
    c2.close()
    out["assignee+dates, cold (open+query+close)"] = {"median_ms": (time.perf_counter() - t0) * 1000, "max_ms": 0.0,
                                                      "rows": rows}
    return out


def time_cli(db: Path) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "directive_nlp", "tasks", "--db", str(db), "--assignee", "so y te",
         "--from", "2021", "--to", "2023-06", "--format", "csv"],
        capture_output=True, check=False,
    )
    elapsed = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(p.stderr.decode())
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000, help="documents (default 10,000)")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each query (default 20)")
    ap.add_argument("--keep", metavar="DIR", help="build in DIR (kept) instead of a temporary folder")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from directive_nlp.apps.batch import pipeline_version
    from directive_nlp.apps.index import index_out_dir

    tmp = None
    if args.keep:
        work = Path(args.keep)
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bench-query-")
        work = Path(tmp.name)
    try:
        t0 = time.perf_counter()
        bases = corpus_results(work)
        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)
        write_out_dir(out, bases, args.n, pipeline_version())
        build_s = time.perf_counter() - t0
        n_dir = sum(len(b.get("directives") or []) for b in bases) / len(bases)

        full = index_out_dir(out, force=True)
        again = index_out_dir(out)
        changed, removed = change_some(out, 0.01)
        incr = index_out_dir(out)
        queries = time_queries(out, args.repeat)
        cli_s = time_cli(out)
        db_mb = (out / "directives.duckdb").stat().st_size / 1e6
        figures = {
            "documents": args.n,
            "directives_per_document": round(n_dir, 1),
            "build_seconds": round(build_s, 1),
            "index": {"seconds": round(full.seconds, 2), "docs_per_second": round(full.docs_per_second), "rows": full.rows},
            "reindex_unchanged_seconds": round(again.seconds, 3),
            "reindex_after_changes": {"changed": changed, "removed": removed, "seconds": round(incr.seconds, 3),
                                      "updated": incr.updated, "removed_seen": incr.removed},
            "database_mb": round(db_mb, 1),
            "tasks_queries_ms": {k: {kk: round(vv, 1) for kk, vv in v.items()} for k, v in queries.items()},
            "cli_tasks_wall_seconds": round(cli_s, 3),
        }
        if args.json:
            print(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            print(f"{args.n} documents ({n_dir:.1f} directives each on average), built in {build_s:.1f} s")
            print(f"index:            {full.seconds:.2f} s = {full.docs_per_second:,.0f} docs/s "
                  f"({', '.join(f'{v} {k}' for k, v in full.rows.items())}); database {db_mb:.1f} MB")
            print(f"re-index, same:   {again.seconds * 1000:.0f} ms")
            print(f"re-index, {changed} changed + {removed} removed: {incr.seconds * 1000:.0f} ms "
                  f"({incr.updated} updated, {incr.removed} removed)")
            for name, v in queries.items():
                print(f"tasks [{name}]: {v['median_ms']:.1f} ms median ({v['rows']} rows)")
            print(f"CLI 'directive-nlp tasks --assignee ... --from ... --to ... --format csv': {cli_s:.2f} s wall")
            ok_index = full.docs_per_second >= 2000
            ok_query = queries["assignee+dates"]["median_ms"] < 200
            print(f"targets: index >= 2,000 docs/s {'OK' if ok_index else 'MISSED'}; "
                  f"filtered query < 200 ms {'OK' if ok_query else 'MISSED'}")
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
