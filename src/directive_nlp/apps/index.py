"""The query database of a batch output folder: DuckDB tables, incremental indexing, searches.

``index_out_dir(OUT_DIR)`` loads the results of ``directive-nlp batch`` (``OUT_DIR/docs/*.json``,
listed by ``OUT_DIR/manifest.sqlite``) into ``OUT_DIR/directives.duckdb``, one table per kind of
item (see :data:`TABLES` for every column)::

    documents            one row per document             key: doc_id
    officials            one row per person per document  key: doc_id, official_no
    doc_refs             one row per cited number         key: doc_id, ref_no
    dates                one row per date expression      key: doc_id, date_no
    directives           one row per directive            key: doc_id, directive_no
    directive_assignees  one row per assignee/coordinator key: doc_id, directive_no, role, position

``doc_id`` is the input's path relative to the batch's IN_DIR (the batch "key", e.g.
``2021/tb-274.pdf``): unique even when two inputs have the same bytes, stable across runs. The
``*_no`` columns count from 0 in document order. Columns ending in ``_key`` are search keys
computed by SQL macros stored in the database: ``dnlp_fold(s)`` (lower case, accents removed,
đ → d: ``normalize.fold_key`` without the whitespace collapsing), ``dnlp_folds(list)`` (the
same, items joined with " | ") and ``dnlp_number(s)`` (also without spaces, dashes unified).
A search folds the query with the same macro and matches its words as a phrase (whole words,
any punctuation between them, not across " | "); an abbreviation of ``data/lexicons/abbreviations.tsv`` (UBND,
HĐND, MTTQ, BCĐ, GD&ĐT…) or its long form matches any form of it. So "so y te" finds "Sở Y tế"
and "UBND tỉnh" finds "Ủy ban nhân dân tỉnh" and the reverse; editing the abbreviation list
needs no re-index.

Incremental: a document is reloaded when its input's sha256 or the pipeline version changed
(``documents.sha256`` / ``documents.fingerprint``, compared with the manifest without reading
any JSON), loaded when new, and deleted when it left the folder. A change of :data:`LAYOUT`
rebuilds everything. A folder without a manifest (JSON files written by
``directive-nlp extract -o DIR``) is indexed too: its fingerprint is the JSON file's size and
modification time.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from directive_nlp.errors import (
    BadQueryError,
    DatabaseBusyError,
    IndexSourceError,
    NoDatabaseError,
    QueryError,
    ReadOnlyError,
)

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pandas
    import pyarrow

__all__ = [
    "DB_FILE",
    "LAYOUT",
    "TABLES",
    "TABLE_DOCS",
    "Column",
    "IndexSummary",
    "QueryError",
    "NoDatabaseError",
    "DatabaseBusyError",
    "ReadOnlyError",
    "BadQueryError",
    "IndexSourceError",
    "index_out_dir",
    "resolve_db",
    "connect",
    "tables",
    "match_condition",
    "parse_date_bound",
    "tasks_query",
    "officials_query",
    "refs_query",
    "check_read_only",
    "fetch",
    "count_rows",
    "find_tasks",
    "find_officials",
    "top_refs",
    "run_sql",
]

log = logging.getLogger(__name__)

DB_FILE = "directives.duckdb"
#: Table layout of the database; a database with another layout is rebuilt by the next index.
LAYOUT = "1"
_MANIFEST = "manifest.sqlite"
_DOCS = "docs"
_BATCH_DOCS = 4096  # documents per bulk load


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class Column:
    """One column: name, DuckDB type, meaning."""

    name: str
    type: str
    doc: str


def _cols(*rows: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*r) for r in rows)


_DOC_ID = ("doc_id", "VARCHAR", "the document: its input's path relative to IN_DIR (documents.doc_id)")

#: Every table and its columns, in order.
TABLES: dict[str, tuple[Column, ...]] = {
    "documents": _cols(
        ("doc_id", "VARCHAR", "key: the input's path relative to the batch IN_DIR, e.g. '2021/tb-274.pdf'"),
        ("sha256", "VARCHAR", "SHA-256 of the input file (source.sha256)"),
        ("fingerprint", "VARCHAR", "pipeline version of the result (batch manifest), or 'size:mtime_ns' of the JSON file"),
        ("path", "VARCHAR", "source.path: the input path as given to batch/extract"),
        ("bytes", "BIGINT", "size of the input in bytes"),
        ("encoding", "VARCHAR", "how the input was decoded (utf-8, docx, pdf, html:utf-8, tcvn3...)"),
        ("schema_version", "VARCHAR", "schema version of the result JSON"),
        ("kind", "VARCHAR", "'notice' (administrative document) or 'article' (news report)"),
        ("title", "VARCHAR", "document.title"),
        ("number", "VARCHAR", "document number as written, e.g. '308/KH-UBND'"),
        ("type", "VARCHAR", "document type, e.g. 'Kế hoạch'"),
        ("issuer", "VARCHAR", "issuing body as written in the header"),
        ("issued_on", "DATE", "date of issue (header place-date line)"),
        ("published_at", "VARCHAR", "publication date/time as in the result (ISO 8601)"),
        ("published_on", "DATE", "the day of published_at when it is a full date"),
        ("doc_date", "DATE", "issued_on, else published_on: the date --from/--to filter on"),
        ("year", "INTEGER", "year of doc_date"),
        ("place", "VARCHAR", "place of issue"),
        ("signer_name", "VARCHAR", "signer's name"),
        ("signer_title", "VARCHAR", "signer's title, e.g. 'PHÓ CHỦ TỊCH'"),
        ("signer_authority", "VARCHAR", "signing authority, e.g. 'TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH'"),
        ("authors", "VARCHAR[]", "bylines (articles)"),
        ("recipients", "VARCHAR[]", "'Nơi nhận' entries"),
        ("warnings", "VARCHAR[]", "codes of the result's warnings"),
        ("n_officials", "INTEGER", "rows in officials"),
        ("n_doc_refs", "INTEGER", "rows in doc_refs"),
        ("n_dates", "INTEGER", "rows in dates"),
        ("n_directives", "INTEGER", "rows in directives"),
        ("number_key", "VARCHAR", "search key of number: dnlp_number(number)"),
        ("title_key", "VARCHAR", "search key of title: dnlp_fold(title)"),
        ("issuer_key", "VARCHAR", "search key of issuer: dnlp_fold(issuer)"),
    ),
    "officials": _cols(
        _DOC_ID,
        ("official_no", "INTEGER", "key (with doc_id): position in the document's officials, from 0"),
        ("name", "VARCHAR", "the person's name"),
        ("titles", "VARCHAR[]", "every title given to the person in the document"),
        ("title", "VARCHAR", "the first of titles"),
        ("role", "VARCHAR", "'signer', 'chair', 'speaker' or NULL"),
        ("mentions", "INTEGER", "number of mentions in the document"),
        ("start", "BIGINT", "character offset of the first mention"),
        ("end", "BIGINT", "end offset of the first mention"),
        ("name_key", "VARCHAR", "search key of name: dnlp_fold(name)"),
        ("titles_key", "VARCHAR", "search keys of titles joined with ' | ': dnlp_folds(titles)"),
    ),
    "doc_refs": _cols(
        _DOC_ID,
        ("ref_no", "INTEGER", "key (with doc_id): position in the document's references, from 0"),
        ("number", "VARCHAR", "the number as written (whitespace collapsed)"),
        ("key", "VARCHAR", "comparison form from the pipeline (upper case, no spaces)"),
        ("seq", "VARCHAR", "sequence part, e.g. '214'"),
        ("year", "BIGINT", "year written in the number, if any"),
        ("type_code", "VARCHAR", "type code, e.g. 'NQ'"),
        ("issuer_code", "VARCHAR", "issuer code, e.g. 'CP'"),
        ("system", "VARCHAR", "'party', 'state', 'normative', 'front' or NULL"),
        ("type", "VARCHAR", "document type name"),
        ("type_word", "VARCHAR", "type word written before the number"),
        ("issued_on", "DATE", "date written with the reference ('ngày 23/7/2025')"),
        ("issuer", "VARCHAR", "issuer written with the reference"),
        ("is_document_number", "BOOLEAN", "true for the document's own number (not a citation)"),
        ("text", "VARCHAR", "the span as written"),
        ("start", "BIGINT", "character offset"),
        ("end", "BIGINT", "end offset"),
        ("number_key", "VARCHAR", "search key (as documents.number_key): dnlp_number(coalesce(key, number))"),
    ),
    "dates": _cols(
        _DOC_ID,
        ("date_no", "INTEGER", "key (with doc_id): position in the document's dates, from 0"),
        ("text", "VARCHAR", "the expression as written"),
        ("value", "VARCHAR", "ISO 8601 value (XXXX when the year is unknown; a/b for ranges)"),
        ("date", "DATE", "the (first) day of value when it is a full date with a year"),
        ("precision", "VARCHAR", "'day', 'minute', 'second', 'month' or 'year'"),
        ("is_range", "BOOLEAN", "a range ('từ ... đến ...')"),
        ("year_inferred", "BOOLEAN", "the year was taken from the document"),
        ("part_of_day", "VARCHAR", "'sáng', 'chiều'... or NULL"),
        ("start", "BIGINT", "character offset"),
        ("end", "BIGINT", "end offset"),
    ),
    "directives": _cols(
        _DOC_ID,
        ("directive_no", "INTEGER", "key (with doc_id): position in the document's directives, from 0"),
        ("id", "VARCHAR", "the pipeline's id, unique in the document ('2.1')"),
        ("label", "VARCHAR", "label as written ('1.', 'a)', '-') or NULL"),
        ("parent", "VARCHAR", "id of the parent item"),
        ("parent_label", "VARCHAR", "label path of the parent ('II. 1.')"),
        ("kind", "VARCHAR", "'task', or 'general' (lead-ins, closings, headings)"),
        ("issuer", "VARCHAR", "who gives the directive (a body or a person)"),
        ("verb", "VARCHAR", "the directive verb ('yêu cầu', 'giao'...)"),
        ("assignees", "VARCHAR[]", "who must act, as written"),
        ("assignees_norm", "VARCHAR[]", "assignees lower-cased, 'UBND' written 'ủy ban nhân dân'"),
        ("coordinators", "VARCHAR[]", "who must help ('phối hợp')"),
        ("deadline", "VARCHAR", "ISO 8601 deadline or NULL"),
        ("deadline_date", "DATE", "the (first) day of deadline when it is a full date"),
        ("deadline_text", "VARCHAR", "the deadline as written"),
        ("refs", "VARCHAR[]", "document numbers cited in the directive"),
        ("text", "VARCHAR", "the directive's text"),
        ("start", "BIGINT", "character offset"),
        ("end", "BIGINT", "end offset"),
        ("issuer_key", "VARCHAR", "search key of issuer: dnlp_fold(issuer)"),
        ("assignees_key", "VARCHAR", "dnlp_folds(assignees)"),
        ("coordinators_key", "VARCHAR", "dnlp_folds(coordinators)"),
        ("text_key", "VARCHAR", "search key of text: dnlp_fold(text)"),
    ),
    "directive_assignees": _cols(
        _DOC_ID,
        ("directive_no", "INTEGER", "key: the directive (directives.directive_no)"),
        ("directive_id", "VARCHAR", "directives.id"),
        ("role", "VARCHAR", "key: 'assignee' or 'coordinator'"),
        ("position", "INTEGER", "key: position in the directive's list, from 0"),
        ("name", "VARCHAR", "the body or person as written"),
        ("name_norm", "VARCHAR", "assignees_norm entry (assignees only)"),
        ("name_key", "VARCHAR", "search key of name: dnlp_fold(name)"),
    ),
}

#: What one row of each table is, and its key.
TABLE_DOCS: dict[str, str] = {
    "documents": "one row per document; key doc_id",
    "officials": "one row per person per document; key (doc_id, official_no)",
    "doc_refs": "one row per document number found in a document; key (doc_id, ref_no)",
    "dates": "one row per date expression; key (doc_id, date_no)",
    "directives": "one row per directive; key (doc_id, directive_no)",
    "directive_assignees": "one row per assignee or coordinator of a directive; key (doc_id, directive_no, role, position)",
}


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _create_sql() -> list[str]:
    out = [*_MACROS, "CREATE TABLE IF NOT EXISTS index_meta (key VARCHAR, value VARCHAR)"]
    for name, cols in TABLES.items():
        body = ", ".join(f'"{c.name}" {c.type}' for c in cols)
        out.append(f"CREATE TABLE {name} ({body})")
        out.append(f"COMMENT ON TABLE {name} IS {_sql_str(TABLE_DOCS[name])}")
        for c in cols:
            out.append(f'COMMENT ON COLUMN {name}."{c.name}" IS {_sql_str(c.doc)}')
    return out


# --------------------------------------------------------------------------- search keys

#: SQL macros stored in the database (usable in ``directive-nlp sql``). dnlp_fold: lower case,
#: accents removed, đ → d (the same as normalize.fold_key on normalized text, whitespace kept).
_MACROS = (
    "CREATE OR REPLACE MACRO dnlp_fold(s) AS replace(replace(strip_accents(lower(s)), 'đ', 'd'), 'ð', 'd')",
    "CREATE OR REPLACE MACRO dnlp_folds(l) AS array_to_string([dnlp_fold(x) FOR x IN l], ' | ')",
    "CREATE OR REPLACE MACRO dnlp_number(s) AS "
    "translate(regexp_replace(dnlp_fold(s), '\\s+', '', 'g'), '\u2010\u2011\u2012\u2013\u2014\u2212', '------')",
)
_TOKEN = re.compile(r"[a-z0-9]+")
#: Between two words of a phrase: anything but a letter, a digit or the list separator "|".
_SEP = "[^a-z0-9|]+"
_START = "(?:^|[^a-z0-9])"
_END = "(?:$|[^a-z0-9])"
_MAX_ALTERNATION_DEPTH = 2


def _fold_sql(con: duckdb.DuckDBPyConnection, values: Sequence[str]) -> list[str]:
    rows = con.execute("SELECT dnlp_fold(unnest(?::VARCHAR[]))", [list(values)]).fetchall()
    return [r[0] or "" for r in rows]


_Groups = list[list[list[str]]]  # group → its forms → tokens (the long form first)
_Index = dict[str, list[tuple[list[str], int]]]  # first token → (form, group), longest first
_ABBREVIATIONS: tuple[_Groups, _Index] | None = None


def _abbreviation_index(con: duckdb.DuckDBPyConnection) -> tuple[_Groups, _Index]:
    """The abbreviation groups (lexicon ``abbreviations``, rows with search = yes), folded like
    the search keys (cached)."""
    global _ABBREVIATIONS
    if _ABBREVIATIONS is not None:
        return _ABBREVIATIONS
    from directive_nlp.resources import lexicon

    by_long: dict[str, list[str]] = {}
    for row in lexicon("abbreviations").table.rows:
        if row.search == "yes":
            by_long.setdefault(row.expansion, []).append(row.phrase)
    items = [{"long": long, "short": shorts} for long, shorts in by_long.items()]
    flat = [f for item in items for f in [item["long"], *item.get("short", [])]]
    folded = dict(zip(flat, _fold_sql(con, flat)))
    groups: _Groups = []
    index: _Index = {}
    for item in items:
        forms: list[list[str]] = []
        for i, f in enumerate([item["long"], *item.get("short", [])]):
            toks = _TOKEN.findall(folded[f])
            variants = [toks] if i == 0 or len(toks) < 2 else [toks, ["".join(toks)]]
            for v in variants:
                if v and v not in forms:
                    forms.append(v)
        g = len(groups)
        groups.append(forms)
        for form in forms:
            index.setdefault(form[0], []).append((form, g))
    for v in index.values():
        v.sort(key=lambda item: -len(item[0]))
    _ABBREVIATIONS = (groups, index)
    return _ABBREVIATIONS


def _find_form(tokens: list[str], i: int, index: _Index, exclude: frozenset[int] = frozenset()) -> tuple[list[str], int] | None:
    """The longest form of a group (not in ``exclude``) starting at ``tokens[i]``."""
    for form, g in index.get(tokens[i], ()):
        if g not in exclude and tokens[i : i + len(form)] == form:
            return form, g
    return None


def _canonical(tokens: list[str], groups: _Groups, index: _Index) -> list[str]:
    """``tokens`` with every abbreviation replaced by its long form ("van phong ubnd" →
    "van phong uy ban nhan dan"), so that groups written with other groups inside are found."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        hit = _find_form(tokens, i, index)
        if hit is None:
            out.append(tokens[i])
            i += 1
        else:
            out.extend(groups[hit[1]][0])
            i += len(hit[0])
    return out


def _phrase(tokens: list[str], groups: _Groups, index: _Index, exclude: frozenset[int], depth: int) -> tuple[str, list[str]]:
    """RE2 body matching ``tokens`` as a phrase, each abbreviation or long form as any form of
    its group; and the tokens outside alternations (for a fast pre-filter)."""
    parts: list[str] = []
    plain: list[str] = []
    i = 0
    while i < len(tokens):
        hit = _find_form(tokens, i, index, exclude) if depth < _MAX_ALTERNATION_DEPTH else None
        if hit is None:
            parts.append(tokens[i])
            plain.append(tokens[i])
            i += 1
            continue
        form, g = hit
        alts = list(dict.fromkeys(_phrase(f, groups, index, exclude | {g}, depth + 1)[0] for f in groups[g]))
        parts.append("(?:" + "|".join(alts) + ")")
        i += len(form)
    return _SEP.join(parts), plain


# --------------------------------------------------------------------------- loading

#: The shape read from each result JSON (json_transform: a missing key or a value of another
#: type gives NULL, a scalar where a string is expected gives its JSON text).
_RESULT_SHAPE = json.dumps({
    "schema_version": "VARCHAR", "kind": "VARCHAR",
    "source": {"path": "VARCHAR", "sha256": "VARCHAR", "bytes": "BIGINT", "encoding": "VARCHAR"},
    "document": {
        "title": "VARCHAR", "number": "VARCHAR", "type": "VARCHAR", "issuer": "VARCHAR", "issued_on": "VARCHAR",
        "published_at": "VARCHAR", "place": "VARCHAR", "kind": "VARCHAR",
        "signer": {"name": "VARCHAR", "title": "VARCHAR", "authority": "VARCHAR"},
        "authors": ["VARCHAR"], "recipients": ["VARCHAR"],
    },
    "officials": [{"name": "VARCHAR", "titles": ["VARCHAR"], "role": "VARCHAR", "start": "BIGINT", "end": "BIGINT",
                   "mentions": ["JSON"]}],
    "doc_refs": [{"number": "VARCHAR", "key": "VARCHAR", "seq": "VARCHAR", "year": "BIGINT", "type_code": "VARCHAR",
                  "issuer_code": "VARCHAR", "system": "VARCHAR", "type": "VARCHAR", "type_word": "VARCHAR",
                  "issued_on": "VARCHAR", "issuer": "VARCHAR", "is_document_number": "BOOLEAN", "text": "VARCHAR",
                  "start": "BIGINT", "end": "BIGINT"}],
    "dates": [{"text": "VARCHAR", "value": "VARCHAR", "precision": "VARCHAR", "is_range": "BOOLEAN",
               "year_inferred": "BOOLEAN", "part_of_day": "VARCHAR", "start": "BIGINT", "end": "BIGINT"}],
    "directives": [{"id": "VARCHAR", "label": "VARCHAR", "parent": "VARCHAR", "parent_label": "VARCHAR",
                    "kind": "VARCHAR", "issuer": "VARCHAR", "verb": "VARCHAR", "assignees": ["VARCHAR"],
                    "assignees_norm": ["VARCHAR"], "coordinators": ["VARCHAR"], "deadline": "VARCHAR",
                    "deadline_text": "VARCHAR", "refs": ["VARCHAR"], "text": "VARCHAR", "start": "BIGINT",
                    "end": "BIGINT"}],
    "warnings": [{"code": "VARCHAR"}],
}, ensure_ascii=True)


def _day_sql(expr: str) -> str:
    """The (first) day of an ISO value, NULL when it is not a full date with a year."""
    return f"TRY_CAST(left({expr}, 10) AS DATE)"


#: One INSERT ... BY NAME per table, reading the parsed results in _parsed(doc_id, fingerprint, sha_hint, d).
_LOAD_SQL: dict[str, str] = {
    "documents": f"""
        INSERT INTO documents BY NAME
        SELECT *, coalesce(issued_on, published_on) AS doc_date, year(coalesce(issued_on, published_on)) AS year,
               dnlp_number(number) AS number_key, dnlp_fold(title) AS title_key, dnlp_fold(issuer) AS issuer_key
        FROM (
            SELECT doc_id, coalesce(d.source.sha256, sha_hint) AS sha256, fingerprint, d.source.path AS path,
                   d.source.bytes AS bytes, d.source.encoding AS encoding, d.schema_version AS schema_version,
                   coalesce(d.kind, d.document.kind) AS kind, d.document.title AS title,
                   d.document.number AS number, d.document.type AS type, d.document.issuer AS issuer,
                   {_day_sql("d.document.issued_on")} AS issued_on, d.document.published_at AS published_at,
                   {_day_sql("d.document.published_at")} AS published_on, d.document.place AS place,
                   d.document.signer.name AS signer_name, d.document.signer.title AS signer_title,
                   d.document.signer.authority AS signer_authority,
                   coalesce(d.document.authors, []) AS authors, coalesce(d.document.recipients, []) AS recipients,
                   [w.code FOR w IN coalesce(d.warnings, [])] AS warnings,
                   len(coalesce(d.officials, [])) AS n_officials, len(coalesce(d.doc_refs, [])) AS n_doc_refs,
                   len(coalesce(d.dates, [])) AS n_dates, len(coalesce(d.directives, [])) AS n_directives
            FROM _parsed)""",
    "officials": """
        INSERT INTO officials BY NAME
        SELECT doc_id, n AS official_no, o.name AS name, coalesce(o.titles, []) AS titles, o.titles[1] AS title,
               o.role AS role, len(o.mentions) AS mentions, o.start AS start, o."end" AS "end",
               dnlp_fold(o.name) AS name_key, dnlp_folds(coalesce(o.titles, [])) AS titles_key
        FROM (SELECT doc_id, unnest(d.officials) AS o, generate_subscripts(d.officials, 1) - 1 AS n FROM _parsed)
        WHERE o IS NOT NULL""",
    "doc_refs": f"""
        INSERT INTO doc_refs BY NAME
        SELECT doc_id, n AS ref_no, coalesce(r.number, r.text) AS number, r.key AS key, r.seq AS seq,
               r.year AS year, r.type_code AS type_code, r.issuer_code AS issuer_code, r.system AS system,
               r.type AS type, r.type_word AS type_word, {_day_sql("r.issued_on")} AS issued_on, r.issuer AS issuer,
               coalesce(r.is_document_number, false) AS is_document_number, r.text AS text, r.start AS start,
               r."end" AS "end", dnlp_number(coalesce(r.key, r.number, r.text)) AS number_key
        FROM (SELECT doc_id, unnest(d.doc_refs) AS r, generate_subscripts(d.doc_refs, 1) - 1 AS n FROM _parsed)
        WHERE r IS NOT NULL""",
    "dates": f"""
        INSERT INTO dates BY NAME
        SELECT doc_id, n AS date_no, x.text AS text, x.value AS value, {_day_sql("x.value")} AS date,
               x.precision AS precision, x.is_range AS is_range, x.year_inferred AS year_inferred,
               x.part_of_day AS part_of_day, x.start AS start, x."end" AS "end"
        FROM (SELECT doc_id, unnest(d.dates) AS x, generate_subscripts(d.dates, 1) - 1 AS n FROM _parsed)
        WHERE x IS NOT NULL""",
    "directives": f"""
        INSERT INTO directives BY NAME
        SELECT doc_id, n AS directive_no, coalesce(x.id, CAST(n AS VARCHAR)) AS id, x.label AS label,
               x.parent AS parent, x.parent_label AS parent_label, x.kind AS kind, x.issuer AS issuer,
               x.verb AS verb, coalesce(x.assignees, []) AS assignees, coalesce(x.assignees_norm, []) AS assignees_norm,
               coalesce(x.coordinators, []) AS coordinators, x.deadline AS deadline,
               {_day_sql("x.deadline")} AS deadline_date, x.deadline_text AS deadline_text,
               coalesce(x.refs, []) AS refs, x.text AS text, x.start AS start, x."end" AS "end",
               dnlp_fold(x.issuer) AS issuer_key, dnlp_folds(coalesce(x.assignees, [])) AS assignees_key,
               dnlp_folds(coalesce(x.coordinators, [])) AS coordinators_key, dnlp_fold(x.text) AS text_key
        FROM (SELECT doc_id, unnest(d.directives) AS x, generate_subscripts(d.directives, 1) - 1 AS n FROM _parsed)
        WHERE x IS NOT NULL""",
    "directive_assignees": """
        INSERT INTO directive_assignees BY NAME
        WITH x AS (
            SELECT doc_id, n, coalesce(x.id, CAST(n AS VARCHAR)) AS directive_id, x.assignees AS a,
                   x.assignees_norm AS an, x.coordinators AS c
            FROM (SELECT doc_id, unnest(d.directives) AS x, generate_subscripts(d.directives, 1) - 1 AS n
                  FROM _parsed)
            WHERE x IS NOT NULL)
        SELECT doc_id, n AS directive_no, directive_id, 'assignee' AS role, p - 1 AS position, a[p] AS name,
               an[p] AS name_norm, dnlp_fold(a[p]) AS name_key
        FROM (SELECT *, generate_subscripts(a, 1) AS p FROM x)
        WHERE a[p] IS NOT NULL
        UNION ALL
        SELECT doc_id, n AS directive_no, directive_id, 'coordinator' AS role, p - 1 AS position, c[p] AS name,
               NULL AS name_norm, dnlp_fold(c[p]) AS name_key
        FROM (SELECT *, generate_subscripts(c, 1) AS p FROM x)
        WHERE c[p] IS NOT NULL""",
}

_PARSE_SQL = f"""
    CREATE OR REPLACE TEMP TABLE _parsed AS
    SELECT doc_id, fingerprint, sha_hint,
           CASE WHEN json_valid(raw) THEN json_transform(raw, '{_RESULT_SHAPE}') END AS d
    FROM _load"""

_RECORD_BATCH = 256  # documents per Arrow record batch (DuckDB scans batches in parallel)


def _raw_table(keys: list[str], entries: dict[str, _Entry], failures: list[tuple[str, str]]) -> pyarrow.Table:
    """(doc_id, fingerprint, sha_hint, raw) of the readable, UTF-8 results among ``keys``."""
    import pyarrow as pa

    ids: list[str] = []
    blobs: list[bytes] = []
    for key in keys:
        entry = entries[key]
        try:
            data = entry.json_path.read_bytes()
            data.decode("utf-8")
        except OSError as err:
            failures.append((key, f"cannot read {entry.json_path} ({err.strerror or err})"))
            continue
        except UnicodeDecodeError:
            failures.append((key, f"{entry.json_path}: not UTF-8"))
            continue
        ids.append(key)
        blobs.append(data)
    batches = []
    for i in range(0, len(ids), _RECORD_BATCH):
        part = blobs[i : i + _RECORD_BATCH]
        offsets = [0]
        for b in part:
            offsets.append(offsets[-1] + len(b))
        raw = pa.Array.from_buffers(
            pa.large_string(), len(part),
            [None, pa.array(offsets, pa.int64()).buffers()[1], pa.py_buffer(b"".join(part))],
        )
        sub = ids[i : i + _RECORD_BATCH]
        batches.append(pa.record_batch([
            pa.array(sub, pa.string()),
            pa.array([entries[k].fingerprint for k in sub], pa.string()),
            pa.array([entries[k].sha256 for k in sub], pa.string()),
            raw,
        ], names=["doc_id", "fingerprint", "sha_hint", "raw"]))
    schema = pa.schema([("doc_id", pa.string()), ("fingerprint", pa.string()), ("sha_hint", pa.string()),
                        ("raw", pa.large_string())])
    return pa.Table.from_batches(batches, schema=schema)


def _parse(con: duckdb.DuckDBPyConnection, failures: list[tuple[str, str]]) -> None:
    """Parse _load into _parsed; what is not a JSON object of a result goes to ``failures``."""
    con.execute(_PARSE_SQL)
    bad = "p.d IS NULL OR (p.d.document IS NULL AND p.d.source IS NULL)"
    rows = con.execute(
        f"SELECT p.doc_id, json_valid(l.raw) FROM _parsed p JOIN _load l ON l.doc_id = p.doc_id WHERE {bad} ORDER BY 1"
    ).fetchall()
    if rows:
        for key, valid in rows:
            failures.append((str(key), "not a directive-nlp result (no document, no source)" if valid else "not valid JSON"))
        con.execute(f"DELETE FROM _parsed p WHERE {bad}")


def _load_batch(con: duckdb.DuckDBPyConnection, keys: list[str], entries: dict[str, _Entry],
                failures: list[tuple[str, str]]) -> None:
    """Read, parse and insert the results of ``keys`` (inside the caller's transaction)."""
    tbl = _raw_table(keys, entries, failures)
    if tbl.num_rows == 0:
        return
    con.register("_load", tbl)
    try:
        _parse(con, failures)
        for sql in _LOAD_SQL.values():
            con.execute(sql)
        con.execute("DROP TABLE _parsed")
    finally:
        con.unregister("_load")

# --------------------------------------------------------------------------- listing


@dataclass(frozen=True, slots=True)
class _Entry:
    json_path: Path
    sha256: str | None
    fingerprint: str


def _list_manifest(out: Path) -> dict[str, _Entry]:
    uri = out.joinpath(_MANIFEST).resolve().as_uri() + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=30.0)
        try:
            rows = db.execute("SELECT key, sha256, version FROM files WHERE status = 'ok'").fetchall()
        finally:
            db.close()
    except sqlite3.Error as err:
        raise IndexSourceError(str(out / _MANIFEST), f"cannot read the batch manifest ({err})") from None
    docs = out / _DOCS
    return {str(k): _Entry(docs / f"{k}.json", sha, str(v)) for k, sha, v in rows}


def _list_files(base: Path) -> dict[str, _Entry]:
    found: dict[str, _Entry] = {}
    stack = [(base, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as err:
            log.warning("%s: cannot list (%s)", folder, err.strerror or err)
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            rel = f"{prefix}{e.name}"
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append((Path(e.path), rel + "/"))
                elif e.name.endswith(".json") and e.is_file():
                    st = e.stat()
                    found[rel[: -len(".json")]] = _Entry(Path(e.path), None, f"{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                continue
    return found


def _listing(out: Path) -> tuple[dict[str, _Entry], str]:
    if not out.exists():
        raise IndexSourceError(str(out), "no such folder")
    if not out.is_dir():
        raise IndexSourceError(str(out), "not a folder (give the batch output folder)")
    if (out / _MANIFEST).is_file():
        return _list_manifest(out), "manifest"
    base = out / _DOCS if (out / _DOCS).is_dir() else out
    entries = _list_files(base)
    if not entries:
        raise IndexSourceError(str(out), "no results here (not a 'directive-nlp batch' output folder)")
    return entries, "files"


# --------------------------------------------------------------------------- indexing


@dataclass(frozen=True, slots=True)
class IndexSummary:
    """What an index run did. ``failed`` results could not be read (listed in ``failures``)."""

    db_path: str
    out_dir: str
    source: str
    documents: int
    added: int
    updated: int
    removed: int
    unchanged: int
    failed: int
    rebuilt: bool
    rows: dict[str, int]
    seconds: float
    failures: tuple[tuple[str, str], ...] = ()

    @property
    def loaded(self) -> int:
        return self.added + self.updated

    @property
    def docs_per_second(self) -> float:
        return self.loaded / self.seconds if self.seconds > 0 else 0.0

    def dump(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        data["failures"] = [{"doc_id": k, "reason": r} for k, r in self.failures]
        data["seconds"] = round(self.seconds, 3)
        data["docs_per_second"] = round(self.docs_per_second, 1)
        return data

    def format(self) -> str:
        rate = f", {self.docs_per_second:,.0f} docs/s" if self.loaded else ""
        rows = ", ".join(f"{n} {k}" for k, n in self.rows.items() if k != "documents")
        return (
            f"{self.documents} documents indexed in {self.db_path}: {self.added} added, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged, {self.failed} failed"
            f"{' (rebuilt)' if self.rebuilt else ''}; {rows}; {self.seconds:.2f} s{rate}"
        )


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
    """The first row of a query (all rows fetched: DuckDB wants a result read to its end)."""
    rows = con.execute(sql, list(params)).fetchall()
    return tuple(rows[0]) if rows else None


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def _open_write(db: Path) -> duckdb.DuckDBPyConnection:
    import duckdb

    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(db))
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            raise DatabaseBusyError(str(db), "the database is in use by another process; try again when it ends") from None
        raise IndexSourceError(str(db), f"cannot open the database ({_first_line(err)})") from None
    except (duckdb.Error, OSError) as err:
        raise IndexSourceError(str(db), f"cannot open the database ({_first_line(err)})") from None


def _meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    try:
        return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM index_meta").fetchall()}
    except Exception:
        return {}


def _set_meta(con: duckdb.DuckDBPyConnection, values: dict[str, str]) -> None:
    con.execute("DELETE FROM index_meta WHERE key IN (SELECT unnest(?::VARCHAR[]))", [list(values)])
    con.executemany("INSERT INTO index_meta VALUES (?, ?)", list(values.items()))


def _prepare(con: duckdb.DuckDBPyConnection, force: bool) -> bool:
    """Create the tables (dropping them when the layout changed); True if (re)built."""
    meta = _meta(con)
    existing = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
    fresh = (
        force
        or meta.get("layout") != LAYOUT
        or not set(TABLES) <= existing
    )
    if not fresh:
        return False
    if existing and meta.get("layout") not in (None, LAYOUT):
        log.info("database layout %s, expected %s: rebuilding", meta.get("layout"), LAYOUT)
    con.begin()
    for name in list(TABLES) + ["index_meta"]:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    for stmt in _create_sql():
        con.execute(stmt)
    _set_meta(con, {"layout": LAYOUT})
    con.commit()
    return True


def _progress(total: int, enabled: bool) -> Any:
    if not enabled or total < 2000:
        return None
    import sys

    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="indexing", leave=False, file=sys.stderr)


def index_out_dir(
    out_dir: str | os.PathLike[str],
    db_path: str | os.PathLike[str] | None = None,
    *,
    force: bool = False,
    progress: bool = False,
) -> IndexSummary:
    """Index (incrementally) the results in ``out_dir`` into ``db_path`` (default ``out_dir/directives.duckdb``).

    Raises IndexSourceError when ``out_dir`` holds no results, DatabaseBusyError when the
    database is open in another process. A result that cannot be read is skipped and counted
    in ``failed`` (it is tried again by the next run).
    """
    t0 = time.perf_counter()
    out = Path(out_dir)
    entries, source = _listing(out)
    db = Path(db_path) if db_path is not None else out / DB_FILE
    if db.is_dir():
        db = db / DB_FILE
    con = _open_write(db)
    try:
        rebuilt = _prepare(con, force)
        existing = {str(k): (s, f) for k, s, f in con.execute("SELECT doc_id, sha256, fingerprint FROM documents").fetchall()}
        removed = [k for k in existing if k not in entries]
        added: list[str] = []
        updated: list[str] = []
        for key, entry in entries.items():
            old = existing.get(key)
            if old is None:
                added.append(key)
            elif old[1] != entry.fingerprint or (entry.sha256 is not None and old[0] != entry.sha256):
                updated.append(key)
        failures: list[tuple[str, str]] = []
        con.begin()
        try:
            gone = removed + updated
            if gone:
                import pyarrow as pa

                con.register("_gone", pa.table({"doc_id": pa.array(gone, pa.string())}))
                try:
                    for name in TABLES:
                        con.execute(f"DELETE FROM {name} WHERE doc_id IN (SELECT doc_id FROM _gone)")
                finally:
                    con.unregister("_gone")
            todo = sorted(added + updated)
            bar = _progress(len(todo), progress)
            for i in range(0, len(todo), _BATCH_DOCS):
                chunk = todo[i : i + _BATCH_DOCS]
                _load_batch(con, chunk, entries, failures)
                if bar is not None:
                    bar.update(len(chunk))
            if bar is not None:
                bar.close()
            for key, reason in failures:
                log.info("%s: cannot index (%s)", key, reason)
            _set_meta(con, {
                "out_dir": str(out.resolve()),
                "source": source,
                "indexed_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            })
            con.commit()
        except BaseException:
            con.rollback()
            raise
        rows = {name: int((_one(con, f"SELECT count(*) FROM {name}") or (0,))[0]) for name in TABLES}
    finally:
        con.close()
    failed_keys = {k for k, _ in failures}
    return IndexSummary(
        db_path=str(db),
        out_dir=str(out),
        source=source,
        documents=rows["documents"],
        added=sum(1 for k in added if k not in failed_keys),
        updated=sum(1 for k in updated if k not in failed_keys),
        removed=len(removed),
        unchanged=len(entries) - len(added) - len(updated),
        failed=len(failures),
        rebuilt=rebuilt,
        rows=rows,
        seconds=time.perf_counter() - t0,
        failures=tuple(failures),
    )


# --------------------------------------------------------------------------- opening


def _is_duckdb_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except OSError:
        return False
    return head[8:12] == b"DUCK"


def resolve_db(path: str | os.PathLike[str] | None = None) -> Path:
    """The database file for ``path``: a batch output folder (its directives.duckdb) or the file itself."""
    p = Path(path) if path is not None else Path(".")
    if p.is_dir():
        db = p / DB_FILE
        if db.is_file():
            return db
        if (p / _MANIFEST).is_file() or (p / _DOCS).is_dir():
            raise NoDatabaseError(str(p), f"not indexed yet: run 'directive-nlp index {p}'")
        raise NoDatabaseError(str(p), f"no {DB_FILE} here: give --db OUT_DIR (a batch output folder) or the database file")
    if p.is_file():
        if not _is_duckdb_file(p):
            raise NoDatabaseError(str(p), "not a DuckDB database file")
        return p
    raise NoDatabaseError(str(p), "no such file or folder")


def connect(path: str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the database of ``path`` (no file access outside it)."""
    import duckdb

    db = resolve_db(path)
    try:
        con = duckdb.connect(str(db), read_only=True, config={"enable_external_access": False})
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            raise DatabaseBusyError(str(db), "the database is being written by another process (an index run?); try again when it ends") from None
        raise NoDatabaseError(str(db), f"cannot open the database ({_first_line(err)})") from None
    except duckdb.Error as err:
        raise NoDatabaseError(str(db), f"cannot open the database ({_first_line(err)})") from None
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
    if not set(TABLES) <= names:
        con.close()
        raise NoDatabaseError(str(db), "not a directive-nlp database (no documents/directives tables)")
    return con


class _Conn:
    """Use a given connection, or open (and close) one for a path."""

    def __init__(self, db: Any) -> None:
        self.given = db if hasattr(db, "execute") else None
        self.path = db

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        if self.given is not None:
            return self.given
        self.con = connect(self.path)
        return self.con

    def __exit__(self, *exc: Any) -> None:
        if self.given is None:
            self.con.close()


def tables(out_dir: str | os.PathLike[str] | Any = ".") -> dict[str, pandas.DataFrame]:
    """Every table of the database of ``out_dir`` (folder or database file) as a pandas DataFrame."""
    with _Conn(out_dir) as con:
        return {name: con.sql(f"SELECT * FROM {name}").df() for name in TABLES}


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
        kind = getattr(st.type, "name", str(st.type))
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
        return con.sql(sql, params=list(params) or None).to_arrow_table()
    except duckdb.Error as err:
        raise BadQueryError(None, _first_line(err)) from None


def count_rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> int:
    """Number of rows the query returns."""
    import duckdb

    try:
        row = _one(con, f"SELECT count(*) FROM ({sql})", params)
    except duckdb.Error as err:
        raise BadQueryError(None, _first_line(err)) from None
    return int(row[0]) if row else 0


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = (), *, limit: int | None = None) -> pandas.DataFrame:
    import duckdb

    if limit is not None:
        sql = f"SELECT * FROM ({sql}) LIMIT {int(limit)}"
    try:
        return con.sql(sql, params=list(params) or None).df()
    except duckdb.Error as err:
        raise BadQueryError(None, _first_line(err)) from None


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
