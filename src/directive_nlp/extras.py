"""Optional parts of the install and the commands that need them.

The core install extracts text files. The rest comes with extras:
``pip install 'directive-nlp[formats]'`` (HTML, DOCX, PDF), ``[query]`` (the DuckDB research
tables), ``[serve]`` (the HTTP service), ``[dask]`` (a Dask cluster for ``batch``), ``[all]``.
:func:`require` is called before a command does any work; the CLI prints its error in one line
and exits 2.
"""

from __future__ import annotations

import importlib.util

from directive_nlp.errors import MissingExtraError

__all__ = ["EXTRAS", "require", "missing"]

#: extra → the modules it brings (checked with importlib, nothing imported)
EXTRAS: dict[str, tuple[str, ...]] = {
    "formats": ("trafilatura", "lxml_html_clean", "docx", "pdfminer"),
    "query": ("duckdb", "pyarrow", "pandas"),
    "serve": ("fastapi", "uvicorn", "multipart"),
    "dask": ("dask", "distributed"),
}


def missing(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here."""
    return [m for m in EXTRAS[extra] if importlib.util.find_spec(m) is None]


def require(extra: str, what: str) -> None:
    """Raise :class:`MissingExtraError` when ``extra`` is not installed; ``what`` needs it."""
    absent = missing(extra)
    if absent:
        raise MissingExtraError(
            None,
            f"{what} needs the '{extra}' extra (missing: {', '.join(absent)}): "
            f"pip install 'directive-nlp[{extra}]'",
        )
