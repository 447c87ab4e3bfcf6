"""Build the saved pipeline under models/directive_nlp from code and the data tables.

    python scripts/build_models.py            # (re)write models/directive_nlp
    python scripts/build_models.py --check    # exit 1 if the committed copy has drifted

The saved pipeline (config.cfg, meta.json, tokenizer settings, component settings) is what
``directive_nlp.load()`` reads; tests/test_models.py fails when it drifts from this script.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import sys
import tempfile
from pathlib import Path

from directive_nlp.nlp.pipeline import MODEL_NAME, build
from directive_nlp.resources import MODEL_DATA

# meta.json fields that name the spaCy release that wrote the files, not what we built
VOLATILE_META = ("spacy_version", "spacy_git_version")

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "models" / MODEL_NAME


def write(target: Path) -> None:
    nlp = build()
    nlp.to_disk(target)
    data = target / "data"
    data.mkdir(exist_ok=True)
    src = ROOT / "src" / "directive_nlp" / "data"
    for name in MODEL_DATA:  # lexicons/<name>.tsv keep their folder
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / name, data / name)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    meta["data_files"] = list(MODEL_DATA)
    (target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _meta(path: Path) -> dict:
    meta = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in meta.items() if k not in VOLATILE_META}


def differences(a: Path, b: Path) -> list[str]:
    out: list[str] = []
    cmp = filecmp.dircmp(a, b)
    stack = [(cmp, Path("."))]
    while stack:
        c, rel = stack.pop()
        diff = [n for n in c.diff_files if not (n == "meta.json" and _meta(Path(c.left) / n) == _meta(Path(c.right) / n))]
        out += [str(rel / n) for n in c.left_only + c.right_only + diff + c.funny_files]
        for name, sub in c.subdirs.items():
            stack.append((sub, rel / name))
    return sorted(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the committed copy instead of writing")
    args = ap.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / MODEL_NAME
            write(fresh)
            diff = differences(fresh, TARGET) if TARGET.exists() else ["(missing)"]
        if diff:
            print("models/directive_nlp differs from a fresh build:", ", ".join(diff))
            return 1
        print("models/directive_nlp is up to date")
        return 0
    write(TARGET)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
