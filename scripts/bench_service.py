"""Throughput and latency of the HTTP service against in-process extraction, on loopback only.

    python scripts/bench_service.py [--requests 300] [--seconds 30] [--workers 1] [--threads 2]

1. In-process: load the pipeline here and extract the corpus documents one after the other
   (documents/s; the first call, which loads underthesea's models, is not counted).
2. Start ``directive-nlp serve`` on 127.0.0.1 (a free port) as a subprocess, check that its
   answers equal the in-process results, then send POST /v1/extract (JSON bodies of the corpus
   documents, round robin) from this process with httpx at concurrency 1 and 8: at most
   --requests requests or --seconds seconds per level, whichever ends first.
3. Print requests/s, p50/p99 latency, errors, and the ratio of service throughput to in-process.

The server is always stopped at the end (its process group is terminated).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def in_process(texts: list[tuple[str, str]], max_docs: int, max_seconds: float) -> tuple[float, list[dict[str, Any]]]:
    """(documents/s, one result per text) for sequential in-process extraction."""
    import directive_nlp
    from directive_nlp.nlp.pipeline import extract
    from directive_nlp.io.reading import Source, decode_bytes

    nlp = directive_nlp.load()
    extract("Bí thư Tỉnh ủy chủ trì cuộc họp ngày 28/5/2021.", nlp=nlp)

    def one(name: str, text: str) -> dict[str, Any]:
        import hashlib

        data = text.encode("utf-8")
        decoded, encoding = decode_bytes(data, name)
        return extract(Source(name, decoded, encoding, hashlib.sha256(data).hexdigest(), len(data)), nlp=nlp)

    results = [one(n, t) for n, t in texts]
    n = 0
    t0 = time.perf_counter()
    while n < max_docs and time.perf_counter() - t0 < max_seconds:
        name, text = texts[n % len(texts)]
        json.dumps(one(name, text), ensure_ascii=False)  # the service serializes too
        n += 1
    return n / (time.perf_counter() - t0), results


def start_server(port: int, workers: int, threads: int, log_path: Path) -> subprocess.Popen[bytes]:
    with open(log_path, "wb") as log_file:
        return subprocess.Popen(
            [sys.executable, "-m", "directive_nlp", "serve", "--host", HOST, "--port", str(port),
             "--workers", str(workers), "--threads", str(threads), "--no-access-log"],
            cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def wait_ready(base: str, proc: subprocess.Popen[bytes], log_path: Path, limit: float = 120.0) -> float:
    t0 = time.perf_counter()
    with httpx.Client(base_url=base, trust_env=False) as http:
        while True:
            if proc.poll() is not None:
                raise SystemExit("server exited:\n" + log_path.read_text("utf-8", "replace"))
            if time.perf_counter() - t0 > limit:
                raise SystemExit(f"server not ready in {limit:g} s:\n" + log_path.read_text("utf-8", "replace"))
            try:
                if http.get("/healthz", timeout=2).status_code == 200:
                    return time.perf_counter() - t0
            except httpx.TransportError:
                pass
            time.sleep(0.1)


def load(base: str, bodies: list[bytes], concurrency: int, max_requests: int, max_seconds: float) -> dict[str, Any]:
    """Send at most ``max_requests`` requests (or for ``max_seconds``) from ``concurrency`` threads."""
    latencies: list[float] = []
    errors = 0
    counter = 0
    lock = threading.Lock()
    t_end = time.perf_counter() + max_seconds

    def worker() -> None:
        nonlocal counter, errors
        with httpx.Client(base_url=base, timeout=60, trust_env=False,
                          headers={"content-type": "application/json"}) as http:
            while True:
                with lock:
                    if counter >= max_requests or time.perf_counter() > t_end:
                        return
                    i = counter
                    counter += 1
                t0 = time.perf_counter()
                try:
                    ok = http.post("/v1/extract", content=bodies[i % len(bodies)]).status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors += 0 if ok else 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "errors": errors,
        "seconds": wall,
        "rps": len(latencies) / wall if wall else 0.0,
        "p50_ms": 1000 * percentile(latencies, 50),
        "p99_ms": 1000 * percentile(latencies, 99),
        "mean_ms": 1000 * statistics.fmean(latencies) if latencies else float("nan"),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=ROOT / "corpus" / "docs")
    ap.add_argument("--requests", type=int, default=300, help="most requests per concurrency level")
    ap.add_argument("--seconds", type=float, default=30.0, help="most seconds per concurrency level")
    ap.add_argument("--workers", type=int, default=1, help="server worker processes")
    ap.add_argument("--threads", type=int, default=2, help="extraction threads per worker")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    args = ap.parse_args()

    texts = [(p.name, p.read_bytes().decode("utf-8")) for p in sorted(args.docs.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no *.txt in {args.docs}")
    bodies = [json.dumps({"text": t, "filename": n}, ensure_ascii=False).encode("utf-8") for n, t in texts]
    mean_kb = sum(len(t.encode("utf-8")) for _, t in texts) / len(texts) / 1000

    print(f"corpus: {len(texts)} documents, mean {mean_kb:.1f} KB; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} before the run; server: {args.workers} worker(s) x {args.threads} thread(s)")
    base_rate, expected = in_process(texts, args.requests, args.seconds)
    print(f"in-process extraction: {base_rate:.1f} docs/s ({1000 / base_rate:.1f} ms/doc)")

    port = free_port()
    base = f"http://{HOST}:{port}"
    with tempfile.TemporaryDirectory(prefix="bench-service-") as tmp:
        log_path = Path(tmp) / "server.log"
        proc = start_server(port, args.workers, args.threads, log_path)
        try:
            ready = wait_ready(base, proc, log_path)
            print(f"server ready in {ready:.1f} s on {base}")
            with httpx.Client(base_url=base, timeout=60, trust_env=False) as http:
                same = sum(
                    http.post("/v1/extract", content=b, headers={"content-type": "application/json"}).json() == e
                    for b, e in zip(bodies, expected)
                )
            print(f"answers equal to in-process results: {same}/{len(bodies)}")
            print(f"{'conc':>4} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
                  f"{'mean ms':>7} {'vs in-process':>13}")
            for c in args.concurrency:
                r = load(base, bodies, c, args.requests, args.seconds)
                print(f"{r['concurrency']:>4} {r['requests']:>8} {r['errors']:>6} {r['rps']:>7.1f} "
                      f"{r['p50_ms']:>7.1f} {r['p99_ms']:>7.1f} {r['mean_ms']:>7.1f} {r['rps'] / base_rate:>12.2f}x")
        finally:
            stop_server(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
