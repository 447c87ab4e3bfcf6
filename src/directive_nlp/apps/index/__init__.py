"""The query database of a batch output folder: DuckDB tables, incremental indexing, searches.

``index_out_dir(OUT_DIR)`` loads the results of ``directive-nlp batch`` (``OUT_DIR/docs/*.json``,
listed by ``OUT_DIR/manifest.sqlite``) into ``OUT_DIR/directives.duckdb``, one table per kind of
item (see :data:`TABLES` for every column)::

    documents            one row per document             key: doc_id
    officials            one row per person per document  key: doc_id, official_no
    doc_refs             one row per cited number         key: doc_id, ref_no
    dates                one row per date expression      key: doc_id, date_no
    directives           one row per directive            key: doc_id, directive_no
    directive_assignees  one row per assignee/coordinator/delegate key: doc_id, directive_no, role, position

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

The package by concern: ``columns`` (the tables), ``keys`` (search keys), ``listing`` and
``loading`` (what an output folder holds, into Arrow and DuckDB), ``indexing``
(:func:`index_out_dir`), ``opening`` (read-only connections), ``queries`` (searches and SQL).
"""

from __future__ import annotations

from directive_nlp.apps.index.columns import DB_FILE, LAYOUT, TABLE_DOCS, TABLES, Column
from directive_nlp.apps.index.indexing import IndexSummary, index_out_dir
from directive_nlp.apps.index.opening import Limits, close, connect, memory_bound, resolve_db, tables
from directive_nlp.apps.index.queries import (
    check_read_only,
    count_rows,
    fetch,
    find_officials,
    find_tasks,
    iter_tables,
    match_condition,
    officials_query,
    parse_date_bound,
    refs_query,
    run_sql,
    tasks_query,
    top_refs,
)
from directive_nlp.errors import (
    BadQueryError,
    DatabaseBusyError,
    IndexSourceError,
    NoDatabaseError,
    QueryError,
    ReadOnlyError,
)

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
    "close",
    "memory_bound",
    "Limits",
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
    "iter_tables",
]
