"""The ``directive-nlp`` command: extract, schema, eval.

Exit status: 0 all inputs processed; 1 some inputs failed (each named on stderr, the others still
processed); 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Sequence, TextIO

from directive_nlp import SCHEMA_VERSION, __version__
from directive_nlp.apps.argtypes import positive_number
from directive_nlp.apps.cli_extract import DEFAULT_TIMEOUT, cmd_extract, non_negative_seconds
from directive_nlp.errors import DirectiveNLPError, MissingExtraError

__all__ = ["main", "build_parser"]

log = logging.getLogger("directive_nlp")

EXTRACT_EPILOG = """\
examples:
  directive-nlp extract corpus/docs/004_86ceddd2e63fe96c.txt            # JSON on stdout
  directive-nlp extract corpus/docs/*.txt -o out/                        # out/<name>.json each
  directive-nlp extract corpus/docs/*.txt --jsonl > all.jsonl            # one line per document
  curl -s URL | directive-nlp extract - --published-at 2021-05-28        # stdin, known date
  directive-nlp extract doc.txt | jq '.doc_refs[].number'

Input: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1258, TCVN3 (ABC) or VNI text; the
decoding is reported in source.encoding. A file that cannot be read (missing, directory, empty,
binary, undecodable, too large) is named on stderr with the reason; the other files are still
processed and the exit status is 1.
"""

EVAL_EPILOG = """\
examples:
  directive-nlp eval corpus/gold                     # texts from corpus/docs (sibling of gold/)
  directive-nlp eval corpus/gold --docs corpus/docs --json | jq '.fields'
  directive-nlp eval corpus/gold --baseline underthesea   # underthesea ner beside us
  directive-nlp eval corpus/gold --robustness        # + agreement under re-wrapping, CRLF, …
  directive-nlp eval corpus/headers --show 20        # a header set: pages/ + meta.jsonl

Prints precision / recall / F1 per field (officials, doc_refs, dates, directives) and accuracy of
the header fields, with the matching rules of corpus/SCORING.md. A folder holding meta.jsonl and
pages/ is a header set: each page's number, type, issue date, signer and issuer are scored
against meta.jsonl (where the page's text holds the value; rules in eval/headers.py).
"""

SCHEMA_EPILOG = """\
example:
  directive-nlp schema > directive-nlp.schema.json
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def _iso_published(value: str) -> str:
    """--published-at: an ISO date or local date-time (the shape the output schema allows)."""
    import datetime as dt
    import re

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?", value):
        try:
            dt.datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"not an ISO date or date-time (YYYY-MM-DD[THH:MM[:SS]]): {value!r}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="directive-nlp",
        description=(
            "Read Vietnamese government bulletins (news articles and administrative documents) and "
            "write structured JSON: header, document numbers, dates, officials, directives."
        ),
        epilog="Run 'directive-nlp COMMAND --help' for each command's options and examples.\n\n"
        + EXTRACT_EPILOG.split("\n\n")[0],
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__} (schema {SCHEMA_VERSION})")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr (-vv: debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "extract",
        help="extract JSON from text files",
        description="Extract the structured JSON of each input file.",
        epilog=EXTRACT_EPILOG,
        formatter_class=_Formatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="text files; '-' reads standard input")
    out = p.add_mutually_exclusive_group()
    out.add_argument("-o", "--output-dir", metavar="DIR", help="write DIR/<base name>.json per input")
    out.add_argument("--jsonl", action="store_true", help="JSON Lines on stdout, one document per line")
    p.add_argument(
        "--published-at",
        metavar="DATE",
        type=_iso_published,
        help="publication date/time when known: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]",
    )
    p.add_argument("--tokens", action="store_true", help="include sentences with their tokens and POS tags")
    p.add_argument("--max-mb", type=positive_number, default=20.0, metavar="MB", help="refuse inputs larger than this (default 20)")
    p.add_argument("--compact", action="store_true", help="no indentation in single-document output")
    p.add_argument("--timeout", type=non_negative_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="time limit per document (default 60; 0: none): a document over it fails with "
                        "E303 and the next one goes on")
    p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the output",
        description="Print the JSON Schema (draft 2020-12) that every output validates against.",
        epilog=SCHEMA_EPILOG,
        formatter_class=_Formatter,
    )
    p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p = sub.add_parser(
        "eval",
        help="score the extraction against gold annotations",
        description="Extract each gold document's text and score it against the gold.",
        epilog=EVAL_EPILOG,
        formatter_class=_Formatter,
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold *.json files, or a header set (meta.jsonl + pages/)")
    p.add_argument("--docs", metavar="DIR", help="folder of the texts (default: GOLD_DIR/../docs)")
    p.add_argument("--json", action="store_true", help="machine-readable report on stdout")
    p.add_argument(
        "--baseline",
        choices=["underthesea"],
        action="append",
        default=[],
        help="also score a baseline in the same table: 'underthesea' = its bundled ner's PER names as officials",
    )
    p.add_argument(
        "--robustness",
        action="store_true",
        help="also extract every text re-wrapped (45 and 80 columns), with its header joined into one "
        "line, as markdown, with CRLF and CR line ends and with zero-width characters, and report how "
        "often the answers agree with the original's (1.000 = always the same)",
    )
    p.add_argument("--show", type=int, default=0, metavar="N", help="header set: list the first N misses")
    p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    for module in _command_modules():
        module.register(sub)
    return parser


# Commands that live in their own light modules (argparse only at import; heavy imports inside
# ``run``). Each module has ``register(subparsers)``, which adds its parser and sets
# ``func=run`` on it, and ``run(args, stdout) -> int``.
COMMAND_MODULES = (
    "directive_nlp.apps.cli_batch",
    "directive_nlp.apps.cli_query",
    "directive_nlp.apps.cli_serve",
    "directive_nlp.apps.cli_show",
)


def _command_modules() -> list[Any]:
    import importlib
    import importlib.util

    out = []
    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is not None:
            out.append(importlib.import_module(name))
    return out


def _setup_logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("directive_nlp")
    root.handlers = [h for h in root.handlers if isinstance(h, logging.NullHandler)]
    root.addHandler(handler)
    root.setLevel(level)
    # underthesea configures the root logger when it loads: do not print our lines twice
    root.propagate = False


def _error(msg: str) -> None:
    print(f"directive-nlp: error: {msg}", file=sys.stderr)


def _dumps(data: Any, *, indent: int | None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def cmd_schema(args: argparse.Namespace, stdout: TextIO) -> int:
    from directive_nlp.schema import load_schema

    stdout.write(_dumps(load_schema(), indent=2) + "\n")
    return 0


def cmd_eval(args: argparse.Namespace, stdout: TextIO) -> int:
    from directive_nlp.eval import dump_reports, format_table, run_systems
    from directive_nlp.nlp.pipeline import extract, load
    from directive_nlp.io.reading import read_source

    from directive_nlp.eval.headers import is_header_set

    gold_dir = Path(args.gold_dir)
    if not gold_dir.is_dir():
        _error(f"{gold_dir}: not a folder of gold files")
        return 2
    if is_header_set(gold_dir):
        return _eval_header_set(args, gold_dir, stdout)
    docs_dir = Path(args.docs) if args.docs else gold_dir.parent / "docs"
    if not docs_dir.is_dir():
        _error(f"{docs_dir}: no such folder of texts (use --docs DIR)")
        return 2
    nlp = load()

    def run_one(text_path: Path, gold: dict[str, Any]) -> dict[str, Any]:
        return extract(read_source(text_path), nlp=nlp)

    systems: dict[str, Any] = {"directive-nlp": run_one}
    if "underthesea" in args.baseline:
        from directive_nlp.eval.baselines import underthesea_prediction

        systems["underthesea-ner"] = lambda text_path, gold: underthesea_prediction(text_path)
    try:
        reports = run_systems(gold_dir, docs_dir, systems)
    except DirectiveNLPError as exc:
        _error(str(exc))
        return 1
    robust = _robustness(gold_dir, docs_dir, nlp) if args.robustness else None
    if args.json:
        data = reports[0].dump() if len(reports) == 1 else dump_reports(reports)
        if robust is not None:
            data["robustness"] = {k: v for k, v in robust.items() if k != "misses"}
        stdout.write(_dumps(data, indent=2) + "\n")
    else:
        stdout.write(format_table(reports if len(reports) > 1 else reports[0]) + "\n")
        if robust is not None:
            from directive_nlp.eval.robustness import format_robustness

            stdout.write("\n" + format_robustness(robust) + "\n")
    return 0


def _eval_header_set(args: argparse.Namespace, folder: Path, stdout: TextIO) -> int:
    """``eval`` of a header set: header fields against meta.jsonl, and the robustness on request."""
    from directive_nlp.eval.headers import format_header_set, score_header_set
    from directive_nlp.io.reading import read_source
    from directive_nlp.nlp.pipeline import extract, load

    nlp = load()
    try:
        report = score_header_set(folder, lambda page: extract(read_source(page), nlp=nlp))
    except DirectiveNLPError as exc:
        _error(str(exc))
        return 1
    robust = None
    if args.robustness:
        from directive_nlp.eval.robustness import robustness

        pages = sorted((folder / "pages").glob("*.txt"))
        texts = [(p.stem, p.read_text(encoding="utf-8")) for p in pages]
        robust = robustness(texts, lambda text: extract(text, nlp=nlp))
    if args.json:
        data = report.dump()
        if robust is not None:
            data["robustness"] = {k: v for k, v in robust.items() if k != "misses"}
        stdout.write(_dumps(data, indent=2) + "\n")
        return 0
    stdout.write(format_header_set(report, show=args.show) + "\n")
    if robust is not None:
        from directive_nlp.eval.robustness import format_robustness

        stdout.write("\n" + format_robustness(robust) + "\n")
    return 0


def _robustness(gold_dir: Path, docs_dir: Path, nlp: Any) -> dict[str, Any]:
    """Agreement under layout transforms over the texts of the gold documents."""
    from directive_nlp.eval import find_text, load_gold
    from directive_nlp.eval.robustness import robustness
    from directive_nlp.nlp.pipeline import extract

    texts = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        text_path = find_text(gold_path, load_gold(gold_path), docs_dir)
        texts.append((text_path.stem, text_path.read_text(encoding="utf-8")))
    return robustness(texts, lambda text: extract(text, nlp=nlp))


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    stdout = stdout or sys.stdout
    _setup_logging(args.verbose)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    handlers = {"extract": cmd_extract, "schema": cmd_schema, "eval": cmd_eval}
    handler = handlers.get(args.command) or getattr(args, "func")
    try:
        return int(handler(args, stdout))
    except MissingExtraError as exc:
        _error(str(exc))
        return 2
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
