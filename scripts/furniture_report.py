"""Directives found outside the document proper on legal-portal pages (a measurement).

A portal page holds one document — header block, body, signer block, "Nơi nhận" — wrapped in
the portal's chrome: copyright banner, login pop-ups, tabs, metadata table, related-document
lists, footer. A directive outside the document is furniture read as a task. This lists, for
every page of a header set, the directives that start

* before the header block (``before``),
* after the document's closing: its signer block or its "Nơi nhận" label, read on its own
  (``after``; an appendix "PHỤ LỤC …" after them belongs to the document),
* outside the layout's main text (``chrome``),

and prints their count. Pages can be left out by id (the fresh dev pages, a held-out pool)::

    python scripts/furniture_report.py corpus/headers --exclude-fresh --below t251
    python scripts/furniture_report.py corpus/headers --exclude-fresh --below t251 --count
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import regex

from directive_nlp.io.reading import source_from_text
from directive_nlp.nlp.pipeline import _with_hints, doc_to_json, load


def fresh_ids(root: Path) -> set[str]:
    """Ids of the header pages that are fresh dev documents (corpus/fresh/docs/tNNN.*)."""
    fresh = root.parent / "fresh" / "docs"
    return {p.stem for p in fresh.glob("t*")} if fresh.is_dir() else set()


# the "Nơi nhận" label read on its own, whatever the layout found (emphasis, a wrap inside it)
_NOI_NHAN = regex.compile(r"(?m)^[ \t*_|]*Nơi[ \t*_]*\n?[ \t*_]*nhận", regex.I)
_APPENDIX = regex.compile(r"(?m)^[ \t*_|#]*PHỤ[ \t]+LỤC")


def _label_end(text: str, start: int) -> int | None:
    """Where the distribution list starts (the first "Nơi nhận" after ``start``): what follows it,
    up to an appendix, is no body text."""
    m = _NOI_NHAN.search(text, start)
    return m.start() if m else None


def out_of_document(text: str, nlp: Any) -> list[dict[str, Any]]:
    """The directives of one page that lie outside its document, with where they lie."""
    doc = _with_hints(nlp, text, {})
    result = doc_to_json(doc, source_from_text(text))
    lay = doc._.layout or {}
    main = [tuple(s) for s in lay.get("main") or []]
    header_start = lay.get("header_start")
    ends = [b["end"] for b in (lay.get("signature"), lay.get("recipients")) if isinstance(b, dict)]
    label = _label_end(text, header_start or 0)
    if label is not None:
        ends.append(label)
    doc_end = min(ends) if ends else None
    appendix = _APPENDIX.search(text, doc_end) if doc_end is not None else None
    out = []
    for d in result.get("directives") or []:
        s = d["start"]
        where = None
        if result.get("kind") == "notice" and header_start is not None and s < header_start:
            where = "before"
        elif doc_end is not None and s >= doc_end and (appendix is None or s < appendix.start()):
            where = "after"
        elif not any(a <= s < b for a, b in main):
            where = "chrome"  # outside the main text (all of the page when it has none)
        if where:
            out.append({"where": where, "start": s, "text": " ".join(d["text"].split())[:160]})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="a header set (pages/*.txt)")
    ap.add_argument("--exclude-fresh", action="store_true", help="leave out the fresh dev pages")
    ap.add_argument("--below", default=None, help="only pages whose id sorts below this one (t251)")
    ap.add_argument("--count", action="store_true", help="print the counts only")
    args = ap.parse_args(argv)
    skip = fresh_ids(args.folder.resolve()) if args.exclude_fresh else set()
    pages = [p for p in sorted((args.folder / "pages").glob("*.txt"))
             if p.stem not in skip and (args.below is None or p.stem < args.below)]
    nlp = load()
    total = 0
    per_page: dict[str, int] = {}
    for p in pages:
        found = out_of_document(p.read_text(encoding="utf-8"), nlp)
        if found:
            per_page[p.stem] = len(found)
            total += len(found)
            if not args.count:
                for f in found:
                    print(f"{p.stem} {f['where']:<6} {f['start']:>6} {f['text']}")
    print(json.dumps({"pages": len(pages), "pages_with_out_of_document": len(per_page),
                      "out_of_document_directives": total, "per_page": per_page}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
