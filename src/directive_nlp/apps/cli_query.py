"""``directive-nlp index|tasks|officials|refs|sql|export``: the query database of a batch output.

Light module: argparse only at import; DuckDB, pyarrow and rich are imported inside :func:`run`.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence, TextIO

from directive_nlp.apps.argtypes import int_at_least, positive_number

__all__ = ["register", "run"]

log = logging.getLogger(__name__)

FORMATS = ("table", "csv", "json", "jsonl", "parquet")
#: Rows shown by --format table when --limit is not given.
TABLE_LIMIT = 50
#: Characters of a directive's text shown in a terminal table.
TABLE_TEXT = 300

_SEARCH_NOTE = """\
Searches ignore accents and case ("so y te" finds "Sở Y tế") and match whole words; common
abbreviations are the same as their long form ("UBND" finds "Ủy ban nhân dân" and the reverse;
also HĐND, MTTQ, BCĐ, GD&ĐT, TN&MT… — see data/lexicons/abbreviations.tsv). Dates (--from/--to: YYYY, YYYY-MM,
YYYY-MM-DD or DD/MM/YYYY) filter on the document's date: its date of issue, else its
publication date.

--db PATH is a batch output folder (its directives.duckdb) or the database file; default: the
current folder. --format table (default; at most 50 rows unless --limit), csv, json, jsonl or
parquet (needs -o FILE); -o FILE writes to a file (its extension gives the format)."""

_EXIT = """\
exit status:
  0  success (also when nothing matches)
  1  the database is busy (an index run is writing it) or the output cannot be written
  2  bad usage: no database there, folder not indexed, bad filter or SQL, a write statement"""

INDEX_DESCRIPTION = """\
Load the results of 'directive-nlp batch' (OUT_DIR/docs/*.json, listed by manifest.sqlite) into
an embedded DuckDB database, OUT_DIR/directives.duckdb, with the tables documents, officials,
doc_refs, dates, directives and directive_assignees (doc_id = the input's path relative to
IN_DIR). Incremental: only new and changed documents are loaded, removed ones are deleted, so
a re-run with nothing changed takes a fraction of a second. A folder of result JSON files
without a manifest (from 'directive-nlp extract -o DIR') can be indexed too."""

INDEX_EPILOG = """\
examples:
  directive-nlp batch archive/ --out out/ && directive-nlp index out/
  directive-nlp index out/ --force              # rebuild from scratch
  directive-nlp index out/ --db /data/archive.duckdb
  directive-nlp sql --db out/ "SELECT type, count(*) FROM documents GROUP BY ALL"

exit status:
  0  every result was indexed
  1  some results could not be read (listed on stderr; the others were indexed), or the
     database is in use by another process
  2  bad usage: OUT_DIR missing or holding no results
"""

TASKS_DESCRIPTION = "List directives (tasks) with their document, issuer, assignees and deadline.\n\n" + _SEARCH_NOTE

TASKS_EPILOG = """\
--official NAME keeps the directives given by that person (the directive's issuer) or found in
documents the person signed or chaired. --issuer matches the directive's issuer or the
document's. --text may be repeated (all must match). --kind general lists lead-ins and closings.

examples:
  directive-nlp tasks --db out/ --assignee "so y te" --from 2025-01
  directive-nlp tasks --db out/ --assignee UBND --text "chuyển đổi số" --format csv -o tasks.csv
  directive-nlp tasks --db out/ --official "Trương Việt Dũng" --to 2025-12-31
  directive-nlp tasks --db out/ --doc 308/KH-UBND --format json

""" + _EXIT

OFFICIALS_DESCRIPTION = ("List officials: one row per person (by name) with their titles, number of documents and "
                         "first/last date; --per-doc gives one row per person per document.\n\n" + _SEARCH_NOTE)

OFFICIALS_EPILOG = """\
examples:
  directive-nlp officials --db out/ --title "Chủ tịch UBND"
  directive-nlp officials --db out/ --name "nguyen van" --per-doc --format csv -o people.csv
  directive-nlp officials --db out/ --role signer --from 2025

""" + _EXIT

REFS_DESCRIPTION = ("The most-cited document numbers (a document's own number is not a citation), or with "
                    "--cited NUMBER the documents that cite it.\n\n" + _SEARCH_NOTE)

REFS_EPILOG = """\
indexed_doc_id names the cited document when it is in the database itself.

examples:
  directive-nlp refs --db out/ --top 10
  directive-nlp refs --db out/ --cited 214/NQ-CP
  directive-nlp refs --db out/ --issuer "UBND tỉnh" --from 2025 --format csv -o cited.csv

""" + _EXIT

SQL_DESCRIPTION = """\
Run a read-only SQL query (DuckDB dialect) on the database. Statements that would change it
(INSERT, UPDATE, DELETE, CREATE, DROP, COPY, ATTACH, SET...) are refused, and no file outside
the database can be read or written. Tables: documents, officials, doc_refs, dates, directives,
directive_assignees; 'SELECT table_name, column_name, comment FROM duckdb_columns()' documents
every column."""

SQL_EPILOG = """\
examples:
  directive-nlp sql --db out/ "SELECT type, count(*) AS n FROM documents GROUP BY ALL ORDER BY n DESC"
  directive-nlp sql --db out/ "SELECT a.name, count(*) FROM directive_assignees a GROUP BY ALL ORDER BY 2 DESC LIMIT 20"
  directive-nlp sql --db out/ "DESCRIBE directives"
  echo "SELECT * FROM documents" | directive-nlp sql --db out/ - --format csv -o documents.csv

""" + _EXIT

EXPORT_DESCRIPTION = """\
Write every table of the database to DIR, one file per table (documents.parquet,
officials.parquet, ...): Parquet by default, or CSV (lists joined with '; ') or JSON lines."""

EXPORT_EPILOG = """\
examples:
  directive-nlp export --db out/ -o out/parquet
  directive-nlp export --db out/ --format csv -o tables/ --table documents --table directives
  python -c "import pandas; print(pandas.read_parquet('out/parquet/directives.parquet').shape)"

""" + _EXIT


# --------------------------------------------------------------------------- parsers


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", default=".",
                   help="batch output folder or database file (default: the current folder)")
    p.add_argument("--memory-limit", default="1GB", metavar="SIZE",
                   help="memory the query may use, as DuckDB reads it (default 1GB; e.g. 4GB)")
    p.add_argument("--threads", type=int_at_least(1), default=2, metavar="N",
                   help="threads the query may use (default 2)")
    p.add_argument("--query-timeout", type=positive_number, default=60.0, metavar="SECONDS",
                   help="stop a statement running longer than this (default 60)")


def _add_output(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, help="output format (default: from -o's extension, else table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the terminal")
    p.add_argument("--limit", type=int_at_least(0), metavar="N",
                   help=f"at most N rows (0 = all; default {TABLE_LIMIT} for --format table, else all)")


def _add_dates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", metavar="DATE", help="documents dated on or after DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="documents dated on or before DATE")


def _add_verbose(p: argparse.ArgumentParser) -> None:
    p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _parser(sub: Any, name: str, help_: str, description: str, epilog: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name, help=help_, description=description, epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=run, query_command=name)
    return p


def register(subparsers: Any) -> None:
    """Add the ``index``, ``tasks``, ``officials``, ``refs``, ``sql`` and ``export`` commands."""
    p = _parser(subparsers, "index", "load a batch output folder into a query database (DuckDB)",
                INDEX_DESCRIPTION, INDEX_EPILOG)
    p.add_argument("out_dir", metavar="OUT_DIR", help="output folder of 'directive-nlp batch'")
    p.add_argument("--db", metavar="FILE", help="database file (default OUT_DIR/directives.duckdb)")
    p.add_argument("--force", action="store_true", help="rebuild the database from scratch")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no per-result error lines")
    _add_verbose(p)

    p = _parser(subparsers, "tasks", "search the directives (tasks) of an indexed folder", TASKS_DESCRIPTION, TASKS_EPILOG)
    _add_db(p)
    p.add_argument("--assignee", metavar="TEXT", help="who must act, e.g. 'Sở Y tế', 'UBND các huyện'")
    p.add_argument("--coordinator", metavar="TEXT", help="who must help ('phối hợp')")
    p.add_argument("--issuer", metavar="TEXT", help="who gives the directive (body or person)")
    p.add_argument("--official", metavar="NAME", help="directives given by this person or in documents they signed or chaired")
    _add_dates(p)
    p.add_argument("--text", action="append", metavar="WORDS", help="words in the directive's text (repeatable)")
    p.add_argument("--doc", metavar="NUMBER", help="document number (or part of it, e.g. 'KH-UBND'), or a doc_id")
    p.add_argument("--kind", choices=("task", "general", "any"), default="task",
                   help="task (default), general (lead-ins, closings) or any")
    _add_output(p)
    _add_verbose(p)

    p = _parser(subparsers, "officials", "search the officials of an indexed folder", OFFICIALS_DESCRIPTION, OFFICIALS_EPILOG)
    _add_db(p)
    p.add_argument("--name", metavar="TEXT", help="words of the name")
    p.add_argument("--title", metavar="TEXT", help="words of a title, e.g. 'Chủ tịch UBND tỉnh'")
    p.add_argument("--role", choices=("signer", "chair", "speaker"), help="only this role in the document")
    p.add_argument("--doc", metavar="NUMBER", help="document number (or part of it), or a doc_id")
    _add_dates(p)
    p.add_argument("--per-doc", action="store_true", help="one row per person per document")
    _add_output(p)
    _add_verbose(p)

    p = _parser(subparsers, "refs", "most-cited documents of an indexed folder", REFS_DESCRIPTION, REFS_EPILOG)
    _add_db(p)
    p.add_argument("--top", type=int_at_least(0), default=20, metavar="N", help="the N most cited (default 20; 0 = all)")
    p.add_argument("--cited", metavar="NUMBER", help="list the documents citing this number instead")
    p.add_argument("--issuer", metavar="TEXT", help="only citations made by documents of this issuer")
    _add_dates(p)
    _add_output(p)
    _add_verbose(p)

    p = _parser(subparsers, "sql", "run a read-only SQL query on an indexed folder", SQL_DESCRIPTION, SQL_EPILOG)
    _add_db(p)
    p.add_argument("query", metavar="QUERY", help="the SQL text, or '-' to read it from standard input")
    _add_output(p)
    _add_verbose(p)

    p = _parser(subparsers, "export", "write the tables of an indexed folder as Parquet/CSV files",
                EXPORT_DESCRIPTION, EXPORT_EPILOG)
    _add_db(p)
    p.add_argument("--format", choices=("parquet", "csv", "jsonl"), default="parquet", help="file format (default parquet)")
    p.add_argument("-o", "--output", metavar="DIR", help="folder to write (default: 'export' beside the database)")
    p.add_argument("--table", action="append", metavar="NAME", help="only this table (repeatable)")
    _add_verbose(p)


# --------------------------------------------------------------------------- helpers


def _error(msg: str) -> None:
    print(f"directive-nlp: error: {msg}", file=sys.stderr)


def _warn(msg: str) -> None:
    print(f"directive-nlp: warning: {msg}", file=sys.stderr)


def _cell(value: Any, *, sep: str = "; ") -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return sep.join(_cell(v) for v in value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if hasattr(value, "__float__") and not isinstance(value, (int, float, bool)):
        return float(value)  # Decimal (sum of integers in DuckDB)
    return value


def _one_line(text: str, limit: int) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _format_of(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output:
        ext = Path(args.output).suffix.lower()
        return {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
                ".parquet": "parquet", ".pq": "parquet"}.get(ext, "table")
    return "table"


def _stale_warning(db: Path) -> None:
    """Warn when the batch results changed after the last index."""
    try:
        results = db.parent / "results.jsonl"
        if results.is_file() and results.stat().st_mtime > db.stat().st_mtime + 1:
            _warn(f"{db.parent}: results changed since the last index; run 'directive-nlp index {db.parent}'")
    except OSError:
        pass


# Display of each command in --format table. Each column: header, cell function, width and
# priority. Width: an int (fixed), a (fraction of the terminal, min, max) tuple, or None for the
# column that takes the rest (at least REST_MIN). Columns of priority > 0 are dropped, highest
# first, when the terminal is too narrow for them.


@dataclass(frozen=True)
class _Col:
    header: str
    cell: Callable[[dict[str, Any]], str]
    width: int | tuple[float, int, int] | None
    priority: int = 0
    justify: str = "left"


REST_MIN = 24
_Display = list[_Col]


def _doc_cell(r: dict[str, Any]) -> str:
    return _cell(r.get("doc_number") or r.get("doc_id"))


def _get(name: str) -> Callable[[dict[str, Any]], str]:
    return lambda r: _cell(r.get(name))


_TASKS_DISPLAY: _Display = [
    _Col("Document", _doc_cell, (0.13, 10, 20)),
    _Col("Date", _get("doc_date"), 10, priority=2),
    _Col("Issuer", _get("issuer"), (0.14, 10, 26), priority=3),
    _Col("Assignees", _get("assignees"), (0.16, 10, 30)),
    _Col("Deadline", _get("deadline"), 10, priority=1),
    _Col("Task", lambda r: _one_line(f"{r.get('label') or ''} {r.get('text') or ''}".strip(), TABLE_TEXT), None),
]
_OFFICIALS_DISPLAY: _Display = [
    _Col("Name", _get("name"), (0.2, 12, 26)),
    _Col("Titles", _get("titles"), None),
    _Col("Roles", _get("roles"), (0.1, 7, 16), priority=2),
    _Col("Docs", _get("documents"), 5, justify="right"),
    _Col("Mentions", _get("mentions"), 8, priority=1, justify="right"),
    _Col("First", _get("first_date"), 10, priority=3),
    _Col("Last", _get("last_date"), 10, priority=3),
]
_OFFICIALS_PER_DOC_DISPLAY: _Display = [
    _Col("Name", _get("name"), (0.2, 12, 26)),
    _Col("Titles", _get("titles"), None),
    _Col("Role", _get("role"), 7, priority=2),
    _Col("Mentions", _get("mentions"), 8, priority=1, justify="right"),
    _Col("Document", _doc_cell, (0.16, 10, 24)),
    _Col("Date", _get("doc_date"), 10, priority=3),
]
_REFS_DISPLAY: _Display = [
    _Col("Number", _get("number"), (0.16, 12, 22)),
    _Col("Type", _get("type"), (0.1, 8, 14), priority=2),
    _Col("Issuer", _get("issuer"), None),
    _Col("Issued", _get("issued_on"), 10, priority=3),
    _Col("Citing docs", _get("citing_documents"), 6, justify="right"),
    _Col("Mentions", _get("mentions"), 8, priority=1, justify="right"),
    _Col("Indexed as", _get("indexed_doc_id"), (0.16, 10, 24), priority=4),
]
_CITED_DISPLAY: _Display = [
    _Col("Document", _doc_cell, (0.16, 10, 24)),
    _Col("Date", _get("doc_date"), 10, priority=1),
    _Col("Type", _get("doc_type"), (0.1, 8, 14), priority=3),
    _Col("Issuer", _get("issuer"), (0.16, 10, 28), priority=2),
    _Col("Title", lambda r: _one_line(r.get("title") or "", TABLE_TEXT), None),
    _Col("Mentions", _get("mentions"), 8, priority=4, justify="right"),
]


def _terminal_width() -> int:
    import shutil

    return max(40, shutil.get_terminal_size((120, 24)).columns)


def _layout(display: _Display, width: int) -> list[tuple[_Col, int]]:
    """Columns that fit in ``width`` characters and their widths (the rest column last to shrink)."""
    cols = list(display)
    while True:
        avail = width - (3 * len(cols) - 1)  # padding (1 each side) and a divider between columns, edges

        sized = []
        for c in cols:
            if isinstance(c.width, int):
                sized.append((c, max(c.width, len(c.header) if c.justify == "right" else 0)))
            elif isinstance(c.width, tuple):
                frac, lo, hi = c.width
                sized.append((c, max(lo, min(hi, int(width * frac)))))
            else:
                sized.append((c, 0))
        rest = avail - sum(w for _, w in sized)
        droppable = [c for c in cols if c.priority > 0]
        if rest >= REST_MIN or not droppable:
            return [(c, w if c.width is not None else max(rest, 8)) for c, w in sized]
        cols.remove(max(droppable, key=lambda c: c.priority))


def _render_table(rows: list[dict[str, Any]], names: Sequence[str], display: _Display | None, out: TextIO,
                  *, color: bool) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text  # cells as plain text: "[/i]" in a document is not markup

    width = _terminal_width()
    console = Console(file=out, width=width, highlight=False, soft_wrap=False,
                      color_system="auto" if color else None, force_terminal=color or None)
    wrapped = display is _TASKS_DISPLAY or display is _CITED_DISPLAY
    table = Table(box=box.SIMPLE_HEAD, show_lines=wrapped, header_style="bold", pad_edge=False)
    if display is None:  # sql: every column as it comes
        for name in names:
            table.add_column(Text(name), overflow="fold")
        for r in rows:
            table.add_row(*(Text(_one_line(_cell(r.get(n)), TABLE_TEXT)) for n in names))
    else:
        layout = _layout(display, width)
        for c, w in layout:
            table.add_column(Text(c.header), width=w, overflow="fold", justify=c.justify)  # type: ignore[arg-type]
        for r in rows:
            table.add_row(*(Text(c.cell(r)) for c, _ in layout))
    console.print(table)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun[:-1] if n == 1 and noun.endswith('s') else noun}"


def _write_rows(tbl: Any, fmt: str, args: argparse.Namespace, stdout: TextIO, *, noun: str,
                total: int | None, display: _Display | None, quiet: bool = False) -> int:
    """Write an Arrow table in ``fmt`` to -o FILE or stdout (a note on stderr unless ``quiet``)."""
    if fmt == "parquet":
        if not args.output:
            _error("--format parquet needs -o FILE")
            return 2
        import pyarrow.parquet as pq

        try:
            pq.write_table(tbl, args.output)
        except OSError as err:
            _error(f"{args.output}: cannot write ({err.strerror or err})")
            return 1
        if not quiet:
            print(f"{_plural(tbl.num_rows, noun)} written to {args.output}", file=sys.stderr)
        return 0
    rows: list[dict[str, Any]] = tbl.to_pylist()
    names = tbl.column_names
    fh: TextIO
    try:
        fh = open(args.output, "w", encoding="utf-8", newline="") if args.output else stdout
    except OSError as err:
        _error(f"{args.output}: cannot write ({err.strerror or err})")
        return 1
    try:
        if fmt == "csv":
            import csv

            w = csv.writer(fh)
            w.writerow(names)
            for r in rows:
                w.writerow([_cell(r[n]) for n in names])
        elif fmt == "json":
            fh.write(json.dumps([_jsonable(r) for r in rows], ensure_ascii=False, indent=1) + "\n")
        elif fmt == "jsonl":
            for r in rows:
                fh.write(json.dumps(_jsonable(r), ensure_ascii=False) + "\n")
        else:
            color = not args.output and hasattr(fh, "isatty") and fh.isatty() and "NO_COLOR" not in os.environ
            if not rows:
                fh.write(f"no {noun} found\n")
            else:
                _render_table(rows, names, display, fh, color=color)
                if total is not None and total > len(rows):
                    fh.write(f"{len(rows)} of {_plural(total, noun)} shown (--limit N, --limit 0 for all, or --format csv)\n")
                else:
                    fh.write(_plural(len(rows), noun) + "\n")
    except OSError as err:
        _error(f"{args.output or 'stdout'}: cannot write ({err.strerror or err})")
        return 1
    finally:
        if args.output:
            fh.close()
    if args.output and not quiet:
        print(f"{_plural(len(rows), noun)} written to {args.output}", file=sys.stderr)
    return 0


def _query_out(con: Any, sql: str, params: list[Any], args: argparse.Namespace, stdout: TextIO, *, noun: str,
               display: _Display | None, limit: int | None = None, wrap: bool = True) -> int:
    """Run the query and write its rows. ``wrap``: the query can be a subquery (LIMIT and
    count pushed into SQL); otherwise (any statement of ``sql``) all rows are fetched."""
    from directive_nlp.apps.index import count_rows, fetch

    fmt = _format_of(args)
    if limit is None:
        limit = args.limit if args.limit is not None else (TABLE_LIMIT if fmt == "table" else 0)
    limit = limit or None
    total = None
    if wrap:
        tbl = fetch(con, sql, params, limit=limit)
        if fmt == "table" and limit is not None and tbl.num_rows >= limit:
            total = count_rows(con, sql, params)
    else:
        tbl = fetch(con, sql, params)
        total = tbl.num_rows
        if limit is not None and tbl.num_rows > limit:
            tbl = tbl.slice(0, limit)
    return _write_rows(tbl, fmt, args, stdout, noun=noun, total=total, display=display)


# --------------------------------------------------------------------------- commands


def _run_index(args: argparse.Namespace, stdout: TextIO) -> int:
    from directive_nlp.apps.index import index_out_dir

    summary = index_out_dir(args.out_dir, args.db, force=args.force, progress=not args.quiet)
    if summary.failures and not args.quiet:
        for key, reason in summary.failures[:20]:
            _error(f"{key}: cannot index ({reason})")
        if len(summary.failures) > 20:
            _error(f"... and {len(summary.failures) - 20} more")
    if args.json:
        stdout.write(json.dumps(summary.dump(), ensure_ascii=False) + "\n")
    else:
        stdout.write(summary.format() + "\n")
    return 1 if summary.failed else 0


def _run_tasks(args: argparse.Namespace, stdout: TextIO, con: Any) -> int:
    from directive_nlp.apps.index import tasks_query

    sql, params = tasks_query(
        con,
        assignee=args.assignee, coordinator=args.coordinator, issuer=args.issuer, official=args.official,
        date_from=args.date_from, date_to=args.date_to, text=args.text, doc=args.doc, kind=args.kind,
    )
    return _query_out(con, sql, params, args, stdout, noun="tasks" if args.kind == "task" else "directives",
                      display=_TASKS_DISPLAY)


def _run_officials(args: argparse.Namespace, stdout: TextIO, con: Any) -> int:
    from directive_nlp.apps.index import officials_query

    sql, params = officials_query(con, name=args.name, title=args.title, role=args.role, doc=args.doc,
                                  date_from=args.date_from, date_to=args.date_to, per_doc=args.per_doc)
    display = _OFFICIALS_PER_DOC_DISPLAY if args.per_doc else _OFFICIALS_DISPLAY
    return _query_out(con, sql, params, args, stdout, noun="officials", display=display)


def _run_refs(args: argparse.Namespace, stdout: TextIO, con: Any) -> int:
    from directive_nlp.apps.index import refs_query

    sql, params = refs_query(con, cited=args.cited, issuer=args.issuer, date_from=args.date_from, date_to=args.date_to)
    if args.cited:
        return _query_out(con, sql, params, args, stdout, noun="citing documents", display=_CITED_DISPLAY)
    limit = args.limit if args.limit is not None else args.top
    return _query_out(con, sql, params, args, stdout, noun="cited documents", display=_REFS_DISPLAY,
                      limit=limit)


def _run_sql(args: argparse.Namespace, stdout: TextIO, con: Any) -> int:
    from directive_nlp.apps.index import check_read_only

    query = sys.stdin.read() if args.query == "-" else args.query
    check_read_only(con, query)
    return _query_out(con, query, [], args, stdout, noun="rows", display=None, wrap=False)


def _run_export(args: argparse.Namespace, stdout: TextIO, con: Any, db: Path) -> int:
    from directive_nlp.apps.index import TABLES, fetch

    names = args.table or list(TABLES)
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        _error(f"no table {unknown[0]!r} (tables: {', '.join(TABLES)})")
        return 2
    out = Path(args.output) if args.output else db.parent / "export"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        _error(f"{out}: cannot create folder ({err.strerror or err})")
        return 1
    ext = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl"}[args.format]
    for name in names:
        tbl = fetch(con, f"SELECT * FROM {name}")
        target = out / f"{name}.{ext}"
        sub = argparse.Namespace(output=str(target), format=args.format)
        if args.format == "parquet":
            import pyarrow.parquet as pq

            try:
                pq.write_table(tbl, target)
            except OSError as err:
                _error(f"{target}: cannot write ({err.strerror or err})")
                return 1
            stdout.write(f"{target}: {tbl.num_rows} rows\n")
        else:
            code = _write_rows(tbl, args.format, sub, stdout, noun="rows", total=None, display=None, quiet=True)
            if code:
                return code
            stdout.write(f"{target}: {tbl.num_rows} rows\n")
    return 0


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Run one of the query commands; 0 success, 1 busy/unwritable, 2 bad usage (see the epilogs)."""
    from directive_nlp.extras import require

    require("query", f"directive-nlp {getattr(args, 'query_command', None) or 'index'}")
    from directive_nlp.apps.index import (
        BadQueryError,
        DatabaseBusyError,
        IndexSourceError,
        Limits,
        QueryError,
        close,
        connect,
        memory_bound,
        resolve_db,
    )

    command = getattr(args, "query_command", None)
    try:
        if command == "index":
            return _run_index(args, stdout)
        db = resolve_db(args.db)
        _stale_warning(db)
        limits = Limits(args.memory_limit, args.threads, args.query_timeout)
        con = connect(db, limits=limits)
        try:
            with memory_bound(limits):
                return _run_query(command, args, stdout, con, db)
        finally:
            close(con)
    except DatabaseBusyError as err:
        _error(str(err))
        return 1
    except (BadQueryError, IndexSourceError) as err:
        _error(str(err))
        return 2
    except QueryError as err:
        _error(str(err))
        return 2
    except MemoryError:  # past the memory bound outside DuckDB (converting a huge result)
        _error(f"query stopped: over the {args.memory_limit} memory limit (--memory-limit)")
        return 2


def _run_query(command: str | None, args: argparse.Namespace, stdout: TextIO, con: Any, db: Path) -> int:
    """The query command ``command`` on an open connection."""
    if command == "tasks":
        return _run_tasks(args, stdout, con)
    if command == "officials":
        return _run_officials(args, stdout, con)
    if command == "refs":
        return _run_refs(args, stdout, con)
    if command == "sql":
        return _run_sql(args, stdout, con)
    if command == "export":
        return _run_export(args, stdout, con, db)
    _error(f"unknown command {command!r}")
    return 2
