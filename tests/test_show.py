"""The page a person checks (apps/show.py, ``directive-nlp show``): every item marked once,
marks hold exactly the item's text, the task table links to the tasks, the text is escaped."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from directive_nlp.apps.show import KINDS, marks_of, render_page
from directive_nlp.nlp.pipeline import extract

from .conftest import CORPUS_DOCS

ROOT = Path(__file__).resolve().parents[1]


class _Marks(HTMLParser):
    """Collects, per data-item, the text inside its mark elements, and the ids and task links."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.text: dict[str, list[str]] = defaultdict(list)
        self.kind: dict[str, str] = {}
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "tr" and a.get("data-target"):
            self.links.append(str(a["data-target"]))
        if tag == "span":
            item = a.get("data-item")
            self.stack.append(item)
            if item:
                self.kind[item] = str(a.get("data-kind"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for item in set(filter(None, self.stack)):
            self.text[item].append(data)


def _parse(page: str) -> _Marks:
    p = _Marks()
    p.feed(page)
    return p


@pytest.mark.parametrize("name", ["004_86ceddd2e63fe96c.txt", "dev_07.txt", "dev_12.txt"])
def test_every_item_is_marked_with_its_own_text(name: str, nlp: Any) -> None:
    text = (CORPUS_DOCS / name).read_text(encoding="utf-8")
    result = extract(text, nlp=nlp)
    page = _parse(render_page(result, text, name=name))
    counted = {k: sum(1 for v in page.kind.values() if v == k) for k in KINDS}
    assert counted == {
        "directive": len(result["directives"]),
        "official": len(result["officials"]),
        "doc_ref": len(result["doc_refs"]),
        "date": len(result["dates"]),
    }
    for d in result["directives"]:
        assert "".join(page.text[f"d-{d['id']}"]) == d["text"]
    for k, r in enumerate(result["doc_refs"]):
        assert "".join(page.text[f"r{k}"]) == r["text"]
    # every task row leads to an element of the text, each id once
    assert sorted(page.links) == sorted(f"task-{d['id']}" for d in result["directives"])
    assert set(page.links) <= set(page.ids) and len(page.ids) == len(set(page.ids))


def test_text_and_values_are_escaped() -> None:
    text = "<script>alert(1)</script> Ngày 28/5/2021, Sở Y tế & <b>Sở Tài chính</b>"
    result = {"dates": [{"start": 26, "end": 40, "value": "2021-05-28\"><x>", "text": text[26:40]}],
              "directives": [], "officials": [], "doc_refs": [], "document": {"title": "<i>t</i>"}}
    page = render_page(result, text, name="<n>")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>Sở" not in page and '"><x>' not in page and "<i>t</i>" not in page


def test_marks_skip_empty_and_crossing_marks_become_pieces() -> None:
    result = {"directives": [{"id": "1", "start": 0, "end": 10, "assignees": []}],
              "dates": [{"start": 8, "end": 14, "value": "x"}, {"start": 3, "end": 3, "value": "y"}],
              "officials": [], "doc_refs": []}
    assert len(marks_of(result)) == 2
    page = _parse(render_page(result, "0123456789ABCDEF"))
    assert "".join(page.text["t0"]) == "0123456789ABCDEF"[8:14] and "".join(page.text["d-1"]) == "0123456789"


def test_show_command_writes_one_page_per_file(tmp_path: Path) -> None:
    files = [str(CORPUS_DOCS / "dev_07.txt"), str(CORPUS_DOCS / "000_7f9b3172eb05957b.txt")]
    p = subprocess.run([sys.executable, "-m", "directive_nlp", "show", *files, "-o", str(tmp_path / "pages")],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    written = sorted(x.name for x in (tmp_path / "pages").iterdir())
    assert written == ["000_7f9b3172eb05957b.html", "dev_07.html"]
    page = (tmp_path / "pages" / "dev_07.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="tasks"' in page and "4240/UBND-VX" in page
    bad = subprocess.run([sys.executable, "-m", "directive_nlp", "show", str(tmp_path / "missing.txt")],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert bad.returncode == 1 and "missing.txt" in bad.stderr and "Traceback" not in bad.stderr
