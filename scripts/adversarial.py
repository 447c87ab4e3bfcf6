"""Adversarial inputs: write them and measure the extraction of each (time, peak memory).

    python scripts/adversarial.py                 # every input, ~1 MB each, one core
    python scripts/adversarial.py --size 200000 brackets quotes
    python scripts/adversarial.py --out /tmp/adv   # keep the files

Each input is extracted in its own process pinned to one core; the table gives the input's
size, the extraction's time and the process's peak resident memory (including the loaded
pipeline, shown on the first line as "baseline"). Every row must stay within 10 s and 1 GB.
The time judged is the extraction's CPU time ("cpu s"): on a shared machine the wall clock
("seconds") also counts the time other processes held the core.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from directive_nlp.eval.adversarial import GENERATORS, make  # noqa: E402

LIMIT_S = 10.0
LIMIT_MB = 1024.0

_CHILD = r"""
import json, os, resource, sys, time
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
from directive_nlp.nlp.pipeline import extract, load
nlp = load()
extract("Bí thư Tỉnh ủy chủ trì cuộc họp ngày 28/5/2021.", nlp=nlp)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
path = sys.argv[1]
if path == "-":
    print(json.dumps({"seconds": 0.0, "cpu": 0.0, "peak_mb": base, "items": 0}))
    sys.exit(0)
text = open(path, encoding="utf-8", newline="").read()
t0, c0 = time.perf_counter(), time.process_time()
out = extract(text, nlp=nlp)
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
items = sum(len(out[k]) for k in ("officials", "doc_refs", "dates", "directives"))
warnings = [w.get("code") for w in out.get("warnings") or []]
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "items": items, "warnings": warnings}))
"""


def measure(path: str, timeout: float) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    try:
        p = subprocess.run([sys.executable, "-c", _CHILD, path], capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:g} s"}
    if p.returncode != 0:
        return {"error": (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]}
    data: dict[str, object] = json.loads(p.stdout.strip().splitlines()[-1])
    return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help=f"inputs (default all: {', '.join(GENERATORS)})")
    ap.add_argument("--size", type=int, default=1_000_000, help="characters per input (default 1,000,000)")
    ap.add_argument("--out", help="folder to write the inputs to (default a temporary one)")
    ap.add_argument("--timeout", type=float, default=300.0, help="give up on one input after this (default 300 s)")
    ap.add_argument("--json", action="store_true", help="rows as JSON lines")
    args = ap.parse_args()
    names = args.names or list(GENERATORS)
    folder = Path(args.out or tempfile.mkdtemp(prefix="adversarial-"))
    folder.mkdir(parents=True, exist_ok=True)
    base = measure("-", args.timeout)
    print(f"{'input':<18} {'chars':>9} {'bytes':>9} {'seconds':>8} {'cpu s':>7} {'peak MB':>8}  items  verdict")
    print(f"{'baseline':<18} {0:>9} {0:>9} {0.0:>8.2f} {0.0:>7.2f} {base.get('peak_mb', 0):>8.0f}")
    bad = 0
    for name in names:
        text = make(name, args.size)
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        row = measure(str(path), args.timeout)
        size = path.stat().st_size
        if "error" in row:
            bad += 1
            print(f"{name:<18} {len(text):>9} {size:>9} {'-':>8} {'-':>7} {'-':>8}  -      FAIL {row['error']}")
            continue
        ok = float(row["cpu"]) <= LIMIT_S and float(row["peak_mb"]) <= LIMIT_MB  # type: ignore[arg-type]
        bad += not ok
        if args.json:
            print(json.dumps({"input": name, "chars": len(text), "bytes": size, **row}))
        else:
            print(f"{name:<18} {len(text):>9} {size:>9} {row['seconds']:>8.2f} {row['cpu']:>7.2f} {row['peak_mb']:>8.0f}  "
                  f"{row['items']:<6} {'ok' if ok else 'OVER'} {' '.join(map(str, row.get('warnings') or []))}")
    print(f"inputs in {folder}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
