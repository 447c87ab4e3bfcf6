"""``directive-nlp show``: a page per document with everything that was extracted marked.

Light module: argparse only at import; the pipeline is imported inside :func:`run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from directive_nlp.apps.argtypes import positive_number

__all__ = ["register", "run"]

DESCRIPTION = """\
Write one self-contained HTML page per document: its text with every official, document number,
date and task (directive) marked by kind, a header summary, and the task table (label, issuer,
assignees, deadline) whose rows lead to their place in the text. Open it in any browser; nothing
is fetched from the network."""

EPILOG = """\
examples:
  directive-nlp show corpus/docs/dev_07.txt                    # writes dev_07.html here
  directive-nlp show corpus/docs/dev_07.txt -o /tmp/dev_07.html
  directive-nlp show corpus/docs/*.txt -o pages/                # one page per file in pages/
  xdg-open dev_07.html

exit status: 0 every page written; 1 some input could not be read (named on stderr); 2 bad usage.
"""


def register(subparsers: Any) -> None:
    """Add the ``show`` command."""
    p = subparsers.add_parser(
        "show",
        help="an HTML page per document with the extracted items marked",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="text files (UTF-8, UTF-16, Windows-1258, TCVN3, VNI)")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="the page (one FILE) or a folder for the pages (default: FILE's name with .html, here)")
    p.add_argument("--published-at", metavar="ISO", help="the publication date when the text does not give it")
    p.add_argument("--max-mb", type=positive_number, default=20.0, help="largest input read (default 20)")
    p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def _error(msg: str) -> None:
    print(f"directive-nlp: error: {msg}", file=sys.stderr)


def _target(path: str, output: str | None, many: bool) -> Path:
    name = Path(path).with_suffix(".html").name if path != "-" else "stdin.html"
    if output is None:
        return Path(name)
    out = Path(output)
    if many or out.is_dir() or output.endswith(("/", "\\")):
        return out / name
    return out


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Write the pages; 0 all written, 1 some input failed."""
    from directive_nlp.apps.show import render_page
    from directive_nlp.errors import DirectiveNLPError
    from directive_nlp.io.reading import read_source
    from directive_nlp.nlp.pipeline import extract, load

    many = len(args.files) > 1
    failed = 0
    nlp = None
    for path in args.files:
        try:
            source = read_source(path, max_bytes=int(args.max_mb * 1_000_000))
        except DirectiveNLPError as exc:
            _error(str(exc))
            failed += 1
            continue
        nlp = nlp or load()
        result = extract(source, nlp=nlp, published_at=args.published_at)
        target = _target(path, args.output, many)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_page(result, source.text, name=Path(path).name), encoding="utf-8")
        except OSError as exc:
            _error(f"{target}: cannot write the page ({exc.strerror or exc})")
            failed += 1
            continue
        stdout.write(f"{target}\n")
    return 1 if failed else 0
