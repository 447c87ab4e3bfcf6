"""The service's pages for people: ``GET /`` a form (paste text or upload a file), ``POST /view``
the page of :mod:`directive_nlp.apps.show` for it. The JSON API is unchanged."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Mapping

from directive_nlp.apps.show import render_page

__all__ = ["form_page", "view_page", "VIEW_PATH"]

VIEW_PATH = "/view"


@cache
def _form_template() -> Any:
    import jinja2

    source = resources.files("directive_nlp.apps").joinpath("templates", "form.html").read_text(encoding="utf-8")
    return jinja2.Environment(autoescape=True).from_string(source)


def form_page(*, version: str, formats: bool, error: str | None = None) -> str:
    """The form of ``GET /`` (with ``error`` shown above it when a submission was refused)."""
    return str(_form_template().render(version=version, action=VIEW_PATH, error=error,
                                       formats=", .html, .docx, .pdf" if formats else ""))


def view_page(result: Mapping[str, Any], text: str, name: str | None) -> str:
    """The page of one extracted document (the same as ``directive-nlp show``)."""
    return render_page(result, text, name=name or "pasted text")
