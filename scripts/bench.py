"""End-to-end speed against underthesea word segmentation alone, on the bundled corpus.

    python scripts/bench.py [--min-mb 1.0] [--docs corpus/docs]

The corpus texts are repeated until they add up to at least --min-mb of text. Prints, in one
run: the time to import the package and load the pipeline; end-to-end documents/s and
characters/s; underthesea ``word_tokenize`` alone on the same texts; and the ratio of the two.
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=ROOT / "corpus" / "docs")
    ap.add_argument("--min-mb", type=float, default=1.0)
    args = ap.parse_args()

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
    t0 = time.perf_counter()
    for t in texts:
        word_tokenize(t)
    t_wt = time.perf_counter() - t0

    gc.collect()
    t0 = time.perf_counter()
    for t in texts:
        extract(t, nlp=nlp)
    t_e2e = time.perf_counter() - t0

    print(f"texts: {len(texts)} documents, {n_chars:,} characters ({n_chars / 1e6:.2f} M)")
    print(f"import directive_nlp: {t_import:.2f} s; load pipeline: {t_load:.2f} s; first document (model warm-up): {t_warm:.2f} s")
    print(f"underthesea word_tokenize alone: {t_wt:.2f} s  {len(texts) / t_wt:7.1f} docs/s  {n_chars / t_wt:10,.0f} chars/s")
    print(f"directive-nlp end to end:        {t_e2e:.2f} s  {len(texts) / t_e2e:7.1f} docs/s  {n_chars / t_e2e:10,.0f} chars/s")
    print(f"ratio end-to-end / word_tokenize time: {t_e2e / t_wt:.2f}x")


if __name__ == "__main__":
    main()
