"""Benchmark ``directive-nlp batch``: throughput at -j 1 and -j 2, worker memory, re-run time.

Builds N documents (default 2,000) from the corpus texts in a temporary folder (each corpus text
with its own archive line, so every file is distinct), then prints in one run:

* documents/s at -j 1 and at -j 2 (whole runs, pool start-up included) and their ratio;
* peak memory (max RSS) per worker process and of the parent;
* the wall time of a re-run with nothing changed, through the real command line.

Targets: -j 2 >= 1.7x -j 1 on 2 cores; unchanged re-run of 2,000 documents under 3 s.

    python scripts/bench_batch.py            # 2,000 documents
    python scripts/bench_batch.py -n 500 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from directive_nlp.apps.batch import run_batch

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus" / "docs").glob("*.txt"))


def build(folder: Path, n: int) -> int:
    """Write ``n`` documents into ``folder`` (100 per sub-folder); return the bytes written."""
    texts = [p.read_text(encoding="utf-8") for p in CORPUS]
    total = 0
    for i in range(n):
        sub = folder / f"lo-{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = (texts[i % len(texts)] + f"\n\nMã lưu trữ: LT-{i:05d}\n").encode("utf-8")
        (sub / f"vb-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def cli_rerun(inputs: Path, out: Path, jobs: int) -> tuple[float, dict[str, object]]:
    t0 = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "directive_nlp", "batch", str(inputs), "--out", str(out), "-j", str(jobs),
         "--quiet", "--json"],
        capture_output=True, check=False,
    )
    elapsed = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        raise SystemExit(p.stderr.decode())
    return elapsed, json.loads(p.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=2000, help="number of documents (default 2000)")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-batch-"))
    if work.exists() and args.keep:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        size = build(work / "in", args.n)
        print(f"built {args.n} documents ({size / 1e6:.1f} MB) from {len(CORPUS)} corpus texts "
              f"in {time.perf_counter() - t0:.1f} s; {os.cpu_count()} CPUs")

        # start-up cost of a run (spawning a worker and loading the pipeline), for reference
        build(work / "one", 1)
        s = run_batch([work / "one"], work / "out-one", jobs=1)
        print(f"start-up: a 1-document run takes {s.seconds:.2f} s")

        rates = {}
        for jobs in (1, 2):
            s = run_batch([work / "in"], work / f"out-j{jobs}", jobs=jobs)
            assert s.processed == args.n and s.errors == 0, s
            rates[jobs] = s.docs_per_second
            print(f"-j {jobs}: {s.processed} documents in {s.seconds:.1f} s = {s.docs_per_second:.1f} docs/s; "
                  f"peak RSS per worker {s.peak_worker_rss_mb:.0f} MB")
        print(f"speed-up -j 2 / -j 1: {rates[2] / rates[1]:.2f}x (target >= 1.7x)")
        same = (work / "out-j1" / "results.jsonl").read_bytes() == (work / "out-j2" / "results.jsonl").read_bytes()
        print(f"results.jsonl identical at -j 1 and -j 2: {same}")

        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS: largest child process {children:.0f} MB, this parent process {parent:.0f} MB")

        t0 = time.perf_counter()
        s = run_batch([work / "in"], work / "out-j2", jobs=2)
        inproc = time.perf_counter() - t0
        assert s.processed == 0 and s.unchanged == args.n, s
        wall, summary = cli_rerun(work / "in", work / "out-j2", 2)
        assert summary["processed"] == 0 and summary["unchanged"] == args.n, summary
        print(f"unchanged re-run of {args.n} documents: {wall:.2f} s through the command line "
              f"(process start and imports included), {inproc:.2f} s in process (target < 3 s)")

        # one changed file
        victim = next((work / "in").rglob("vb-00007.txt"))
        victim.write_text(victim.read_text(encoding="utf-8") + "Cập nhật.\n", encoding="utf-8")
        wall, summary = cli_rerun(work / "in", work / "out-j2", 2)
        print(f"re-run with one changed file: {wall:.2f} s, processed {summary['processed']}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
