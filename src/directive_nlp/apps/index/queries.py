"""Queries: tasks, officials, cited numbers, and read-only SQL."""
from __future__ import annotations

import datetime as _dt
import logging
import re
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from directive_nlp.errors import (
    BadQueryError,
    ReadOnlyError,
)

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pandas
    import pyarrow

from directive_nlp.apps.index.columns import Column, TABLES
from directive_nlp.apps.index.opening import _Conn, _query_error, time_limit
from directive_nlp.apps.index.keys import _END, _START, _TOKEN, _abbreviation_index, _canonical, _fold_sql, _phrase
from directive_nlp.apps.index.indexing import _first_line, _one

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- queries

_D_YMD = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_D_DMY = re.compile(r"(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})")


def parse_date_bound(value: str, *, end: bool = False, option: str = "date") -> _dt.date:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``DD/MM/YYYY``, ``MM/YYYY``: the first day
    (or with ``end`` the last day) of what it names."""
    s = (value or "").strip()
    m = _D_YMD.fullmatch(s)
    if m:
        y, mo, d = int(m[1]), m[2], m[3]
    else:
        m = _D_DMY.fullmatch(s)
        if not m:
            raise BadQueryError(None, f"{option}: not a date: {value!r} (use YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY)")
        y, mo, d = int(m[3]), m[2], m[1]
    try:
        if mo is None:
            return _dt.date(y, 12, 31) if end else _dt.date(y, 1, 1)
        month = int(mo)
        if d is None:
            if not end:
                return _dt.date(y, month, 1)
            nxt = _dt.date(y + (month == 12), month % 12 + 1, 1)
            return nxt - _dt.timedelta(days=1)
        return _dt.date(y, month, int(d))
    except ValueError:
        raise BadQueryError(None, f"{option}: not a date: {value!r}") from None


def _date_range(where: list[str], params: list[Any], col: str, date_from: Any, date_to: Any) -> None:
    if date_from:
        lo = date_from if isinstance(date_from, _dt.date) else parse_date_bound(str(date_from), option="--from")
        where.append(f"{col} >= ?")
        params.append(lo)
    if date_to:
        hi = date_to if isinstance(date_to, _dt.date) else parse_date_bound(str(date_to), end=True, option="--to")
        where.append(f"{col} <= ?")
        params.append(hi)


def match_condition(con: duckdb.DuckDBPyConnection, column: str, value: str, *, option: str = "search") -> tuple[str, list[Any]]:
    """SQL condition (and its parameters) true when the search key ``column`` holds the words
    of ``value`` as a phrase: accents and case ignored, punctuation between words allowed, an
    abbreviation or its long form matching any form of it (data/lexicons/abbreviations.tsv)."""
    folded = _fold_sql(con, [value])[0]
    tokens = _TOKEN.findall(folded)
    if not tokens:
        raise BadQueryError(None, f"{option}: nothing to search for in {value!r}")
    groups, index = _abbreviation_index(con)
    body, plain = _phrase(_canonical(tokens, groups, index), groups, index, frozenset(), 0)
    pattern = _START + body + _END
    if plain:
        return f"(contains({column}, ?) AND regexp_matches({column}, ?))", [max(plain, key=len), pattern]
    return f"regexp_matches({column}, ?)", [pattern]


def _add_match(con: duckdb.DuckDBPyConnection, where: list[str], params: list[Any], column: str, value: str,
               option: str) -> None:
    cond, p = match_condition(con, column, value, option=option)
    where.append(cond)
    params.extend(p)


def _add_number(con: duckdb.DuckDBPyConnection, where: list[str], params: list[Any], value: str, doc_id_col: str,
                option: str) -> None:
    """The document number holds ``value`` between separators ("KH-UBND", "45/KH-UBND" but
    not "245/KH-UBND"), or the doc_id is ``value``."""
    row = _one(con, "SELECT dnlp_number(?)", [value])
    key = row[0] if row else ""
    if not key:
        raise BadQueryError(None, f"{option}: empty document number")
    pattern = "(?:^|[^a-z0-9])" + re.escape(key) + "(?:$|[^a-z0-9])"
    where.append(f"((contains(doc.number_key, ?) AND regexp_matches(doc.number_key, ?)) OR {doc_id_col} = ?)")
    params += [key, pattern, value]


def _texts(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def _where(where: list[str]) -> str:
    return ("WHERE " + " AND ".join(where)) if where else ""


def tasks_query(
    con: duckdb.DuckDBPyConnection,
    *,
    assignee: str | None = None,
    coordinator: str | None = None,
    issuer: str | None = None,
    official: str | None = None,
    date_from: str | _dt.date | None = None,
    date_to: str | _dt.date | None = None,
    text: str | Sequence[str] | None = None,
    doc: str | None = None,
    kind: str | None = "task",
) -> tuple[str, list[Any]]:
    """SQL and parameters listing directives, newest documents first.

    ``assignee``/``coordinator``: words of one of them; ``issuer``: the directive's issuer or the
    document's; ``official``: the directive's issuer, or the signer/chair of its document;
    dates: the document's date (issued, else published); ``text``: words of the text (all of
    them when several); ``doc``: part of the document number, or a doc_id; ``kind``: "task"
    (default), "general" or "any".
    """
    where: list[str] = []
    params: list[Any] = []
    if kind and kind not in ("any", "all"):
        where.append("coalesce(d.kind, 'task') = ?")
        params.append(kind)
    if assignee:
        _add_match(con, where, params, "d.assignees_key", assignee, "--assignee")
    if coordinator:
        _add_match(con, where, params, "d.coordinators_key", coordinator, "--coordinator")
    if issuer:
        c1, p1 = match_condition(con, "d.issuer_key", issuer, option="--issuer")
        c2, p2 = match_condition(con, "doc.issuer_key", issuer, option="--issuer")
        where.append(f"({c1} OR {c2})")
        params += p1 + p2
    if official:
        c1, p1 = match_condition(con, "d.issuer_key", official, option="--official")
        c2, p2 = match_condition(con, "o.name_key", official, option="--official")
        where.append(f"({c1} OR d.doc_id IN (SELECT o.doc_id FROM officials o WHERE o.role IN ('signer', 'chair') AND {c2}))")
        params += p1 + p2
    _date_range(where, params, "doc.doc_date", date_from, date_to)
    for t in _texts(text):
        _add_match(con, where, params, "d.text_key", t, "--text")
    if doc:
        _add_number(con, where, params, doc, "d.doc_id", "--doc")
    sql = f"""
        SELECT d.doc_id, doc.number AS doc_number, doc.type AS doc_type, doc.doc_date,
               coalesce(d.issuer, doc.issuer) AS issuer, d.id AS directive_id,
               nullif(trim(concat_ws(' ', d.parent_label, d.label)), '') AS label, d.kind, d.verb,
               d.assignees, d.coordinators, d.deadline, d.deadline_text, d.refs, d.text
        FROM directives d JOIN documents doc ON doc.doc_id = d.doc_id
        {_where(where)}
        ORDER BY doc.doc_date DESC NULLS LAST, d.doc_id, d.directive_no"""
    return sql, params


def officials_query(
    con: duckdb.DuckDBPyConnection,
    *,
    name: str | None = None,
    title: str | None = None,
    role: str | None = None,
    doc: str | None = None,
    date_from: str | _dt.date | None = None,
    date_to: str | _dt.date | None = None,
    per_doc: bool = False,
) -> tuple[str, list[Any]]:
    """SQL listing officials: one row per person (same folded name), or per person per document."""
    where: list[str] = []
    params: list[Any] = []
    if name:
        _add_match(con, where, params, "o.name_key", name, "--name")
    if title:
        _add_match(con, where, params, "o.titles_key", title, "--title")
    if role:
        where.append("o.role = ?")
        params.append(role)
    if doc:
        _add_number(con, where, params, doc, "o.doc_id", "--doc")
    _date_range(where, params, "doc.doc_date", date_from, date_to)
    base = f"FROM officials o JOIN documents doc ON doc.doc_id = o.doc_id {_where(where)}"
    if per_doc:
        sql = f"""
            SELECT o.name, o.titles, o.role, o.mentions, o.doc_id, doc.number AS doc_number,
                   doc.type AS doc_type, doc.doc_date
            {base}
            ORDER BY doc.doc_date DESC NULLS LAST, o.doc_id, o.official_no"""
    else:
        sql = f"""
            SELECT mode(o.name) AS name,
                   list_sort(list_distinct(flatten(list(o.titles)))) AS titles,
                   list_sort(list_distinct(list(o.role))) AS roles,
                   count(DISTINCT o.doc_id) AS documents, CAST(sum(o.mentions) AS BIGINT) AS mentions,
                   min(doc.doc_date) AS first_date, max(doc.doc_date) AS last_date
            {base}
            GROUP BY o.name_key
            ORDER BY documents DESC, mentions DESC, name"""
    return sql, params


def refs_query(
    con: duckdb.DuckDBPyConnection,
    *,
    cited: str | None = None,
    issuer: str | None = None,
    date_from: str | _dt.date | None = None,
    date_to: str | _dt.date | None = None,
) -> tuple[str, list[Any]]:
    """SQL of the most-cited document numbers, or with ``cited`` the documents citing that number.

    A document's own number is not a citation. ``issuer`` and the dates filter the citing
    documents. ``indexed_doc_id`` is the cited document itself when it is in the database.
    """
    where = ["NOT coalesce(r.is_document_number, false)"]
    params: list[Any] = []
    if issuer:
        _add_match(con, where, params, "doc.issuer_key", issuer, "--issuer")
    _date_range(where, params, "doc.doc_date", date_from, date_to)
    if cited is not None:
        if not cited.strip():
            raise BadQueryError(None, "--cited: empty document number")
        where.append("r.number_key = dnlp_number(?)")
        params.append(cited)
        sql = f"""
            SELECT doc.doc_id, doc.number AS doc_number, doc.type AS doc_type, doc.doc_date,
                   doc.issuer, doc.title, mode(r.number) AS cited_as, count(*) AS mentions
            FROM doc_refs r JOIN documents doc ON doc.doc_id = r.doc_id
            {_where(where)}
            GROUP BY ALL
            ORDER BY doc.doc_date DESC NULLS LAST, doc.doc_id"""
        return sql, params
    sql = f"""
        WITH indexed AS (
            SELECT number_key, min(doc_id) AS doc_id FROM documents WHERE number_key <> '' GROUP BY number_key)
        SELECT mode(r.number) AS number, mode(r.type) AS type, mode(r.issuer) AS issuer,
               min(r.issued_on) AS issued_on, count(DISTINCT r.doc_id) AS citing_documents,
               count(*) AS mentions, min(doc.doc_date) AS first_cited, max(doc.doc_date) AS last_cited,
               any_value(i.doc_id) AS indexed_doc_id
        FROM doc_refs r JOIN documents doc ON doc.doc_id = r.doc_id
             LEFT JOIN indexed i ON i.number_key = r.number_key
        {_where(where + ["r.number_key <> ''"])}
        GROUP BY r.number_key
        ORDER BY citing_documents DESC, mentions DESC, number"""
    return sql, params


_READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN", "PRAGMA", "CALL"})


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise ReadOnlyError unless every statement of ``sql`` only reads; BadQueryError if it does not parse."""
    import duckdb

    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as err:
        raise BadQueryError(None, _first_line(err)) from None
    if not statements:
        raise BadQueryError(None, "empty query")
    for st in statements:
        try:
            kind = getattr(st.type, "name", str(st.type))
        except ValueError:  # a statement type this DuckDB binding cannot even name (UPDATE EXTENSIONS)
            kind = "this statement"
        if kind not in _READ_STATEMENTS:
            raise ReadOnlyError(
                None,
                f"{kind} refused: the database is read-only here (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN only); "
                "it is rebuilt by 'directive-nlp index'",
            )


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = (), *, limit: int | None = None) -> pyarrow.Table:
    """Run a query and return its rows as an Arrow table (``limit`` rows at most)."""
    import duckdb

    if limit is not None:
        sql = f"SELECT * FROM ({sql}) LIMIT {int(limit)}"
    try:
        with time_limit(con):
            return con.sql(sql, params=list(params) or None).to_arrow_table()
    except duckdb.Error as err:
        raise _query_error(con, err) from None


def count_rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> int:
    """Number of rows the query returns."""
    import duckdb

    try:
        with time_limit(con):
            row = _one(con, f"SELECT count(*) FROM ({sql})", params)
    except duckdb.Error as err:
        raise _query_error(con, err) from None
    return int(row[0]) if row else 0


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = (), *, limit: int | None = None) -> pandas.DataFrame:
    import duckdb

    if limit is not None:
        sql = f"SELECT * FROM ({sql}) LIMIT {int(limit)}"
    try:
        with time_limit(con):
            return con.sql(sql, params=list(params) or None).df()
    except duckdb.Error as err:
        raise _query_error(con, err) from None


def find_tasks(db: Any = ".", *, limit: int | None = None, **filters: Any) -> pandas.DataFrame:
    """Directives matching the filters of :func:`tasks_query`, newest documents first."""
    with _Conn(db) as con:
        sql, params = tasks_query(con, **filters)
        return _frame(con, sql, params, limit=limit)


def find_officials(db: Any = ".", *, limit: int | None = None, **filters: Any) -> pandas.DataFrame:
    """Officials matching the filters of :func:`officials_query`."""
    with _Conn(db) as con:
        sql, params = officials_query(con, **filters)
        return _frame(con, sql, params, limit=limit)


def top_refs(db: Any = ".", *, top: int | None = 20, **filters: Any) -> pandas.DataFrame:
    """The most-cited document numbers (see :func:`refs_query`)."""
    with _Conn(db) as con:
        sql, params = refs_query(con, **filters)
        return _frame(con, sql, params, limit=top or None)


def run_sql(db: Any, sql: str) -> pandas.DataFrame:
    """Run a read-only SQL query; ReadOnlyError for a statement that writes."""
    with _Conn(db) as con:
        check_read_only(con, sql)
        return _frame(con, sql)


def iter_tables() -> Iterator[tuple[str, tuple[Column, ...]]]:
    """(table name, columns) in order."""
    yield from TABLES.items()
