"""Loading result JSON into the tables (Arrow batches parsed by DuckDB)."""
from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING


if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pyarrow

from directive_nlp.apps.index.listing import _Entry

log = logging.getLogger(__name__)

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
               "year_inferred": "BOOLEAN", "part_of_day": "VARCHAR", "relative": "BOOLEAN", "anchor": "VARCHAR",
               "start": "BIGINT", "end": "BIGINT"}],
    "directives": [{"id": "VARCHAR", "label": "VARCHAR", "parent": "VARCHAR", "parent_label": "VARCHAR",
                    "kind": "VARCHAR", "issuer": "VARCHAR", "verb": "VARCHAR", "assignees": ["VARCHAR"],
                    "assignees_norm": ["VARCHAR"], "coordinators": ["VARCHAR"], "delegates": ["VARCHAR"],
                    "deadline": "VARCHAR",
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
               x.part_of_day AS part_of_day, coalesce(x.relative, false) AS relative, x.anchor AS anchor,
               x.start AS start, x."end" AS "end"
        FROM (SELECT doc_id, unnest(d.dates) AS x, generate_subscripts(d.dates, 1) - 1 AS n FROM _parsed)
        WHERE x IS NOT NULL""",
    "directives": f"""
        INSERT INTO directives BY NAME
        SELECT doc_id, n AS directive_no, coalesce(x.id, CAST(n AS VARCHAR)) AS id, x.label AS label,
               x.parent AS parent, x.parent_label AS parent_label, x.kind AS kind, x.issuer AS issuer,
               x.verb AS verb, coalesce(x.assignees, []) AS assignees, coalesce(x.assignees_norm, []) AS assignees_norm,
               coalesce(x.coordinators, []) AS coordinators, coalesce(x.delegates, []) AS delegates,
               x.deadline AS deadline,
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
                   x.assignees_norm AS an, x.coordinators AS c, coalesce(x.delegates, []) AS dl
            FROM (SELECT doc_id, unnest(d.directives) AS x, generate_subscripts(d.directives, 1) - 1 AS n
                  FROM _parsed)
            WHERE x IS NOT NULL)
""" + "\n        UNION ALL\n".join(
        f"""
        SELECT doc_id, n AS directive_no, directive_id, '{role}' AS role, p - 1 AS position, {col}[p] AS name,
               {norm} AS name_norm, dnlp_fold({col}[p]) AS name_key
        FROM (SELECT *, generate_subscripts({col}, 1) AS p FROM x)
        WHERE {col}[p] IS NOT NULL"""
        # role, list column of x, its normalized form
        for role, col, norm in (("assignee", "a", "an[p]"), ("coordinator", "c", "NULL"), ("delegate", "dl", "NULL"))
    ),
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

