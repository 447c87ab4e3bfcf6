"""Directives: the instructions a document gives, who gives them, who must act, and by when.

Two readings, chosen by ``kind``:

* ``"notice"`` (an administrative document): every numbered item and bullet of the body —
  "1.", "2.", "a)", "(1)", "-", "+", "I.", "1.1.", "Điều 2", markdown "**1.**" — as a tree.
  An item runs from its label to the next label, so unnumbered paragraphs and a page break
  ("…trọng điểm về\\n\\nkinh tế, …") stay inside it. The issuer is the subject of the lead-in
  ("Ban Thường vụ Tỉnh ủy yêu cầu …:"), else the upper-case head line of the body ("CHỦ TỊCH ỦY
  BAN NHÂN DÂN TỈNH …"), else the ``issuer`` given; sub-items inherit it. Assignees come from the
  item's start ("Sở X chủ động…", "Giao X…", "Đề nghị X…"), from the task table of a plan
  ("Đơn vị chủ trì: X"), from the parent ("… lãnh đạo UBND tỉnh chỉ đạo:" passes "UBND tỉnh"
  down), or from a "giao/yêu cầu X" inside the item. The lead-in and closing paragraphs that
  carry a directive verb are returned with ``kind="general"``.
* ``"article"`` (a news report): each sentence where an official or a body gives an
  instruction — "<speaker> yêu cầu/đề nghị/chỉ đạo/giao <addressee> <content>", "<speaker>
  nhấn mạnh/lưu ý … phải/cần …", "<X> được yêu cầu …", a sentence opening with "Đề nghị/Giao
  …" (the last speaker's), and quotes closed by "…”, <speaker> nhấn mạnh". The issuer is the
  speaker's name (written in the phrase, from ``resolve_speaker``, from "<title> <Name>"
  elsewhere in the text, or the last named speaker) or the body. Reported facts ("đã …",
  "thời gian qua …", "theo chỉ đạo của …", "báo cáo …; chỉ đạo …") are not directives.

Every ``Directive`` satisfies ``text[d.start:d.end] == d.text``.

The package is split by phase: ``labels`` (item labels, body region, lead-in), ``tree`` (the item
tree, inheritance, table fields), ``nounphrase`` and ``assignees`` (who must act, split into
items), ``addressees`` (where in an item the addressee is written), ``deadlines``, ``speakers``,
``notice`` and ``article`` (the two readings), ``model`` (the output).
"""

from __future__ import annotations

from typing import Callable, Sequence

from directive_nlp.extract.directives.article import read_article
from directive_nlp.extract.directives.model import Directive
from directive_nlp.extract.directives.notice import read_notice
from directive_nlp.extract.directives.tokens import DocText
from directive_nlp.text.analysis import Analysis, as_analysis

__all__ = ["Directive", "find_directives", "directive_warnings"]

_MAX_TEXT = 2_000_000


def find_directives(
    doc: Analysis | str,
    *,
    kind: str,
    main: Sequence[tuple[int, int]] | None = None,
    issuer: str | None = None,
    doc_year: int | None = None,
    body_start: int | None = None,
    resolve_speaker: Callable[[str], str | None] | None = None,
    refs: Sequence[tuple[int, int]] = (),
) -> list[Directive]:
    """The directives of one normalized document, in text order (notices: the lead-in first).

    ``kind`` is "notice" or "article"; ``main`` the main-text spans (furniture excluded; None:
    all the text, empty: none of it);
    ``issuer`` the issuing body of the header; ``doc_year`` fills years in deadlines ("đến cuối
    năm"); ``body_start`` where a notice body starts; ``resolve_speaker`` maps a title phrase to
    a person's name; ``refs`` spans of document numbers (found here when not given).
    """
    analysis = as_analysis(doc, "find_directives")
    text = DocText(analysis)
    if kind not in ("notice", "article"):
        raise ValueError(f"find_directives(): kind must be 'notice' or 'article', not {kind!r}")
    if not text.strip() or len(text) > _MAX_TEXT:
        return []
    spans = sorted((max(0, int(s)), min(len(text), int(e))) for s, e in (main or ()) if int(e) > int(s))
    if main is not None and not spans:
        return []  # the layout found no main text (a page of portal furniture only)
    ref_spans = list(refs)
    if not ref_spans:
        from directive_nlp.extract.numbers import find_doc_refs

        ref_spans = [(r.start, r.end) for r in find_doc_refs(analysis, year=doc_year)]
    if kind == "notice":
        return read_notice(text, spans, issuer, doc_year, body_start, ref_spans)
    return read_article(text, spans, doc_year, resolve_speaker, ref_spans)


def directive_warnings(items: Sequence[Directive]) -> list[dict[str, str]]:
    """Warnings about the list structure: a label repeated under the same parent ("2." twice),
    kept in order with unique ids."""
    out: list[dict[str, str]] = []
    seen: dict[tuple[str | None, str], str] = {}
    for d in items:
        if d.label is None or d.label in ("-", "–", "—", "+", "•"):
            continue
        key = (d.parent, d.label)
        if key in seen:
            out.append(
                {
                    "code": "duplicate_label",
                    "message": f"label {d.label!r} repeated under {d.parent_label or 'the document'} "
                    f"(ids {seen[key]} and {d.id}); both kept in order",
                }
            )
        else:
            seen[key] = d.id
    return out
