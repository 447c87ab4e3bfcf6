"""The tables of the query database: names, columns and their meaning."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING


if TYPE_CHECKING:  # pragma: no cover
    pass

from directive_nlp.apps.index.keys import _MACROS

log = logging.getLogger(__name__)

DB_FILE = "directives.duckdb"
#: Table layout of the database; a database with another layout is rebuilt by the next index.
LAYOUT = "2"  # 2: dates.relative, dates.anchor, directives.delegates, role "delegate"
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
        ("relative", "BOOLEAN", "named by its distance from a reference date ('tuần sau', 'năm nay')"),
        ("anchor", "VARCHAR", "the reference date a relative expression was resolved against, or NULL"),
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
        ("delegates", "VARCHAR[]", "whom an assignee must in turn direct ('giao X chỉ đạo Y': Y)"),
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
        ("role", "VARCHAR", "key: 'assignee', 'coordinator' or 'delegate'"),
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
    "directive_assignees": "one row per assignee, coordinator or delegate of a directive; key (doc_id, directive_no, role, position)",
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

