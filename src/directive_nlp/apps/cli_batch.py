"""``directive-nlp batch``: extract whole folders into an output folder, incrementally.

Light module: argparse only at import; the batch machinery is imported inside :func:`run`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from directive_nlp.apps.argtypes import int_at_least, positive_number

__all__ = ["register", "run"]

DESCRIPTION = """\
Extract every document under the IN_DIR folders (recursively) into OUT_DIR.

Formats: .txt (UTF-8, UTF-16, Windows-1258, TCVN3, VNI), .html/.htm (the page's main text; its
publication date from the page metadata), .docx (paragraphs and tables in reading order) and
.pdf with a text layer (a scanned PDF is an error "no text layer"). Other files are listed as
skipped. Every input ends as exactly one result or one error."""

EPILOG = """\
output (OUT_DIR):
  docs/<relative path>.json   one result per input (e.g. docs/2021/tb-274.pdf.json)
  results.jsonl               all results, one compact JSON document per line
  errors.jsonl                one line per failed input: path, key, sha256, stage, code, reason
  skipped.jsonl               files that are not inputs (unknown extension, hidden, not a file)
  manifest.sqlite             what was done (path, size, mtime, sha256, pipeline version)

A re-run only processes new or changed files (and all of them when the pipeline version
changes); inputs that disappeared are removed from OUT_DIR. A run that was killed can simply
be started again: nothing is lost or repeated.

examples:
  directive-nlp batch archive/ --out out/                     # one worker process
  directive-nlp batch archive/2021 archive/2022 --out out/ -j 4
  directive-nlp batch archive/ --out out/ --force             # redo everything
  directive-nlp batch archive/ --out out/ --engine dask --scheduler tcp://10.0.0.5:8786
  jq -r '.document.number // empty' out/results.jsonl
  jq -r '[.path, .reason] | @tsv' out/errors.jsonl

exit status:
  0  every input succeeded (errors.jsonl is empty)
  1  some inputs failed (listed in errors.jsonl; all the others were processed), or OUT_DIR
     could not be written (disk full: run again when there is space, nothing is lost)
  2  bad usage: missing IN_DIR, OUT_DIR unusable or in use, Dask scheduler unreachable
"""

#: At most this many failures are printed on stderr; all of them are in errors.jsonl.
MAX_PRINTED = 20


def register(subparsers: Any) -> None:
    """Add the ``batch`` command."""
    p = subparsers.add_parser(
        "batch",
        help="extract whole folders into an output folder (incremental, parallel)",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="IN_DIR", help="folders to walk (files are accepted too)")
    p.add_argument("-o", "--out", required=True, metavar="OUT_DIR", help="output folder (created if needed)")
    p.add_argument("-j", "--jobs", type=int_at_least(1), default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--force", action="store_true", help="process every input again, changed or not")
    p.add_argument(
        "--no-index",
        action="store_true",
        help="do not update the research database (OUT_DIR/directives.duckdb) at the end",
    )
    p.add_argument("--max-mb", type=positive_number, default=20.0, metavar="MB",
                   help="refuse inputs larger than this, as a 'too large' error (default 20)")
    p.add_argument("--timeout", type=positive_number, default=60.0, metavar="SECONDS",
                   help="time limit per input (default 60): an input over it is an error record (E303) "
                        "and its worker process is replaced")
    p.add_argument("--follow-links", action="store_true",
                   help="read file links that point outside the input folders (skipped and listed by default)")
    p.add_argument("--engine", choices=("process", "dask"), default="process",
                   help="local worker processes (default) or a Dask distributed cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://HOST:8786")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no per-input error lines (the summary is still printed)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def _error(msg: str) -> None:
    print(f"directive-nlp: error: {msg}", file=sys.stderr)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Run the batch; 0 all inputs succeeded, 1 some failed, 2 bad usage."""
    if args.engine == "dask" and not args.scheduler:
        _error("--engine dask needs --scheduler tcp://HOST:PORT")
        return 2
    if args.scheduler and args.engine != "dask":
        _error("--scheduler is only used with --engine dask")
        return 2
    from directive_nlp.extras import require

    if args.engine == "dask":
        require("dask", "directive-nlp batch --engine dask")
    if not args.no_index:
        require("query", "directive-nlp batch (it updates the research tables; --no-index skips them)")
    from directive_nlp.apps.batch import BatchUsageError, OutputWriteError, run_batch

    printed = [0]

    def on_error(record: dict[str, Any]) -> None:
        if args.quiet:
            return
        printed[0] += 1
        if printed[0] <= MAX_PRINTED:
            _error(f"{record.get('path')}: {record.get('reason')} [{record.get('code')}]")
        elif printed[0] == MAX_PRINTED + 1:
            _error(f"more failures: see {args.out}/errors.jsonl")

    try:
        summary = run_batch(
            args.inputs,
            args.out,
            jobs=args.jobs,
            force=args.force,
            max_bytes=int(args.max_mb * 1_000_000),
            engine=args.engine,
            scheduler=args.scheduler,
            progress=not args.quiet and sys.stderr.isatty(),
            on_error=on_error,
            timeout=args.timeout,
            follow_links=args.follow_links,
        )
    except BatchUsageError as exc:
        _error(f"{exc.path}: {exc.reason}" if exc.path else exc.reason)
        return 2
    except OutputWriteError as exc:  # disk full, read-only folder: one line, the run can be redone
        _error(str(exc))
        return 1
    # the research tables follow every run (incremental: unchanged documents are not reloaded)
    indexed: Any = None
    index_failed = False
    if not args.no_index:
        from directive_nlp.apps.index import QueryError, index_out_dir

        try:
            indexed = index_out_dir(args.out)
        except QueryError as exc:
            _error(str(exc))
            index_failed = True
    if args.json:
        data = summary.dump()
        if indexed is not None:
            data["index"] = indexed.dump()
        stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        stdout.write(summary.format() + "\n")
        if indexed is not None:
            stdout.write(indexed.format() + "\n")
    stdout.flush()
    if index_failed:
        return 1
    if summary.errors:
        print(
            f"directive-nlp: {summary.errors} of {summary.inputs} input(s) failed (see {args.out}/errors.jsonl)",
            file=sys.stderr,
        )
        return 1
    return 0
