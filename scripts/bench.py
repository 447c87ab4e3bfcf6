"""End-to-end speed against underthesea word segmentation alone, on the bundled corpus.

    python scripts/bench.py [--min-mb 1.0] [--docs corpus/docs] [--startup N] [--profile]

The corpus texts are repeated until they add up to at least --min-mb of text. Prints, in one
run: the start-up of a whole process (``directive-nlp extract`` of one sentence against
``python -c "import underthesea"``, the median of --startup runs each) and their ratio; the time
to import the package and load the pipeline; end-to-end documents/s and characters/s; underthesea
``word_tokenize`` alone on the same texts; and the ratio of the two (throughput: word_tokenize's time
over ours, goal >= 0.85). ``--whole`` adds the same as whole processes: ``directive-nlp extract
--jsonl`` over the texts written to files, against one process running ``word_tokenize`` over
them (goal >= 0.75). ``--profile`` adds where the time beyond segmentation goes, per pipeline stage.

Note: the texts are copies of the corpus documents (each with a different last line), so the
segmenter's caches of tokens, pairs and triples of tokens are warm after the first copy; a
document with new vocabulary costs more (``--docs corpus/headers/pages`` gives 135 distinct pages).
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _median_seconds(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    import statistics
    import subprocess

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def startup(runs: int) -> None:
    """Whole-process start-up: one short document extracted vs importing underthesea, run as this
    environment runs them, then with compiled bytecode cached for every module (as a pip-installed
    package has it; with PYTHONDONTWRITEBYTECODE set, a checkout's modules are compiled from source
    on every run, while underthesea's come compiled from its installation)."""
    import os
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("Ngày 28/5/2021, Bí thư Tỉnh ủy Nguyễn Văn Thắng chủ trì cuộc họp, yêu cầu Sở Y tế khẩn "
                 "trương hoàn thành tiêm chủng trước ngày 15/6/2021.\n")
    base_cmd = [sys.executable, "-c", "import underthesea"]
    ours_cmd = [sys.executable, "-m", "directive_nlp", "extract", fh.name, "--timeout", "0"]
    with tempfile.TemporaryDirectory() as cache:
        compiled = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        compiled["PYTHONPYCACHEPREFIX"] = cache  # bytecode written there, not into the checkout
        for label, env in (("as run here", None), ("bytecode cached", compiled)):
            if env is not None:
                _median_seconds(base_cmd, 1, env)  # writes the bytecode
                _median_seconds(ours_cmd, 1, env)
            base = _median_seconds(base_cmd, runs, env)
            ours = _median_seconds(ours_cmd, runs, env)
            print(f"start-up ({label}): python -c 'import underthesea' {base:.2f} s; directive-nlp extract "
                  f"(one sentence) {ours:.2f} s; ratio {ours / base:.2f}x")
    Path(fh.name).unlink()


def whole_process(texts: list[str]) -> None:
    """Whole processes over the texts written to files: extract --jsonl vs word_tokenize alone."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, t in enumerate(texts):
            f = Path(tmp) / f"doc{i:04d}.txt"
            f.write_text(t, encoding="utf-8")
            files.append(str(f))
        code = ("import sys\nfrom underthesea import word_tokenize\n"
                "for f in sys.argv[1:]:\n    word_tokenize(open(f, encoding='utf-8').read())")
        base = _median_seconds([sys.executable, "-c", code, *files], 1)
        ours = _median_seconds([sys.executable, "-m", "directive_nlp", "extract", "--jsonl", *files], 1)
    print(f"whole process over {len(texts)} files: word_tokenize {base:.2f} s; extract --jsonl {ours:.2f} s; "
          f"throughput ratio {base / ours:.2f}")


def profile(texts: list[str], nlp: object) -> None:
    """Seconds per pipeline stage over ``texts`` (the tokenizer = segmentation and the analysis)."""
    from collections import defaultdict

    spent: dict[str, float] = defaultdict(float)
    for t in texts:
        t0 = time.perf_counter()
        doc = nlp.make_doc(t)  # type: ignore[attr-defined]
        spent["tokenizer (segmentation, analysis)"] += time.perf_counter() - t0
        for name, proc in nlp.pipeline:  # type: ignore[attr-defined]
            t0 = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - t0
    total = sum(spent.values())
    for name, s in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<38} {s:7.2f} s  {100 * s / total:5.1f} %")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=ROOT / "corpus" / "docs")
    ap.add_argument("--min-mb", type=float, default=1.0)
    ap.add_argument("--startup", type=int, default=3, help="runs of each start-up measure (0: skip)")
    ap.add_argument("--profile", action="store_true", help="seconds per pipeline stage")
    ap.add_argument("--whole", action="store_true", help="also whole processes over the texts as files")
    args = ap.parse_args()
    if args.startup:
        startup(args.startup)

    t0 = time.perf_counter()
    import directive_nlp
    from directive_nlp.nlp.pipeline import extract

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = directive_nlp.load()
    t_load = time.perf_counter() - t0
    # first call loads underthesea's CRF models: count it with the start-up, not the throughput
    t0 = time.perf_counter()
    extract("Bí thư Tỉnh ủy chủ trì cuộc họp ngày 28/5/2021.", nlp=nlp)
    t_warm = time.perf_counter() - t0

    base = [p.read_text(encoding="utf-8") for p in sorted(args.docs.glob("*.txt"))]
    texts: list[str] = []
    total = 0
    i = 0
    while total < args.min_mb * 1_000_000:
        # vary each copy a little so no cache can serve a repeated text
        t = base[i % len(base)] + f"\n\n{i}"
        texts.append(t)
        total += len(t)
        i += 1
    n_chars = sum(len(t) for t in texts)

    from underthesea import word_tokenize

    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        word_tokenize(t)
    t_wt, c_wt = time.perf_counter() - t0, time.process_time() - c0

    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        extract(t, nlp=nlp)
    t_e2e, c_e2e = time.perf_counter() - t0, time.process_time() - c0

    print(f"texts: {len(texts)} documents, {n_chars:,} characters ({n_chars / 1e6:.2f} M)")
    print(f"import directive_nlp: {t_import:.2f} s; load pipeline: {t_load:.2f} s; first document (model warm-up): {t_warm:.2f} s")
    print(f"underthesea word_tokenize alone: {t_wt:.2f} s  {len(texts) / t_wt:7.1f} docs/s  {n_chars / t_wt:10,.0f} chars/s")
    print(f"directive-nlp end to end:        {t_e2e:.2f} s  {len(texts) / t_e2e:7.1f} docs/s  {n_chars / t_e2e:10,.0f} chars/s")
    print(f"ratio end-to-end / word_tokenize time: {t_e2e / t_wt:.2f}x; throughput ratio {t_wt / t_e2e:.2f}")
    # CPU time of this process: what the two cost, whatever else the machine is running
    print(f"CPU seconds: word_tokenize {c_wt:.2f}, end to end {c_e2e:.2f}; throughput ratio (CPU) {c_wt / c_e2e:.2f}")
    if args.whole:
        whole_process(texts)
    if args.profile:
        print("where the time goes (per stage):")
        profile(texts, nlp)


if __name__ == "__main__":
    main()
