"""The HTTP service: every endpoint and error through TestClient, the schema contract, a property
test from the service's own OpenAPI document, and one real server on loopback."""

from __future__ import annotations

import codecs
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import httpx
import jsonschema
import pytest
import regex
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

import directive_nlp
from directive_nlp import SCHEMA_VERSION
from directive_nlp.apps.service import routes as service_routes
from directive_nlp.schema import load_schema, validation_errors
from directive_nlp.apps.service import Settings, create_app

from . import service_jobs
from .conftest import CORPUS_DOCS, CORPUS_FILES, ROOT

SCHEMA_COPIES = Path(__file__).parent / "schema"
NOTICE = CORPUS_DOCS / "004_86ceddd2e63fe96c.txt"
ARTICLE = CORPUS_DOCS / "000_7f9b3172eb05957b.txt"
SEMVER = regex.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
SHORT = "Ngày 12/3/2024, Chủ tịch UBND tỉnh Quảng Trị ký Quyết định số 45/QĐ-UBND về phòng, chống thiên tai."


def cli_jsonl(*args: str) -> dict[str, dict[str, Any]]:
    """Run the real CLI in the corpus folder (relative names, so source.path is the base name)."""
    p = subprocess.run(
        [sys.executable, "-m", "directive_nlp", "extract", "--jsonl", *args],
        cwd=CORPUS_DOCS, capture_output=True, timeout=300, env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    outs = [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()]
    return {o["source"]["path"]: o for o in outs}


@pytest.fixture(scope="module")
def client(nlp: Any) -> Iterator[TestClient]:
    with TestClient(create_app(Settings()), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def small_client(nlp: Any) -> Iterator[TestClient]:
    """Small limits: 2000-byte bodies, 3-document batches."""
    with TestClient(create_app(Settings(max_bytes=2000, max_batch=3)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def cli_plain() -> dict[str, dict[str, Any]]:
    return cli_jsonl(*(p.name for p in CORPUS_FILES))


def assert_error(r: httpx.Response, status: int, code: str, *needles: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    for needle in needles:
        assert needle in body["error"]["message"], body
    assert "Traceback" not in r.text and 'File "' not in r.text


# --------------------------------------------------------------------------- same JSON as the CLI


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_upload_and_json_give_the_cli_output(
    client: TestClient, cli_plain: dict[str, dict[str, Any]], path: Path
) -> None:
    want = cli_plain[path.name]
    raw = path.read_bytes()
    up = client.post("/v1/extract", files={"file": (path.name, raw, "text/plain")})
    assert up.status_code == 200, up.text
    assert up.headers["content-type"] == "application/json"
    assert up.json() == want
    assert validation_errors(up.json()) == []
    js = client.post("/v1/extract", json={"text": raw.decode("utf-8"), "filename": path.name})
    assert js.status_code == 200, js.text
    assert js.json() == want


def test_tokens_and_published_at_match_the_cli(client: TestClient) -> None:
    want = cli_jsonl("--tokens", "--published-at", "2021-05-28T09:30", NOTICE.name)[NOTICE.name]
    assert want["sentences"] and want["document"]["published_at"] == "2021-05-28T09:30"
    raw = NOTICE.read_bytes()
    js = client.post("/v1/extract", json={
        "text": raw.decode("utf-8"), "filename": NOTICE.name, "tokens": True, "published_at": "2021-05-28T09:30",
    })
    assert js.json() == want
    up = client.post("/v1/extract", files={"file": (NOTICE.name, raw)},
                     data={"tokens": "true", "published_at": "2021-05-28T09:30"})
    assert up.json() == want


def test_json_without_filename_and_vietnamese_text_unescaped(client: TestClient) -> None:
    r = client.post("/v1/extract", json={"text": SHORT})
    assert r.status_code == 200
    out = r.json()
    assert out["source"]["path"] is None and out["source"]["encoding"] == "utf-8"
    assert out["source"]["bytes"] == len(SHORT.encode("utf-8"))
    assert "45/QĐ-UBND" in r.content.decode("utf-8")  # real characters, not \\u escapes
    assert validation_errors(out) == []


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: base letters precomposed, tone marks combining."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
                   + "".join(c for c in d if c in tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    "encode,encoding",
    [
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16-le"),  # with its byte-order mark
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
        (lambda t: windows_1258(t), "windows-1258"),
    ],
)
def test_upload_encodings_as_read_source(client: TestClient, encode: Any, encoding: str) -> None:
    data = encode(SHORT + "\n")
    r = client.post("/v1/extract", files={"file": ("qd.txt", data)})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["source"]["encoding"] == encoding
    assert out["source"]["bytes"] == len(data)
    assert any(ref["number"] == "45/QĐ-UBND" for ref in out["doc_refs"])


# --------------------------------------------------------------------------- HTML / DOCX / PDF uploads

HTML_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>UBND tỉnh họp về phòng chống thiên tai</title>
<meta property="article:published_time" content="2024-03-12T08:15:00+07:00"></head><body>
<nav>Trang chủ | Tin tức | Liên hệ</nav><article><h1>UBND tỉnh họp về phòng chống thiên tai</h1>
<p>Ngày 12/3/2024, Chủ tịch UBND tỉnh Quảng Trị chủ trì cuộc họp triển khai Quyết định số 45/QĐ-UBND về
phòng, chống thiên tai năm 2024. Đồng chí yêu cầu các sở, ngành khẩn trương rà soát phương án ứng phó.</p>
<p>Sở Nông nghiệp và Phát triển nông thôn được giao chủ trì tham mưu, báo cáo kết quả trước ngày 30/3/2024.</p>
</article><footer>Bản quyền thuộc Cổng thông tin điện tử tỉnh</footer></body></html>""".encode("utf-8")


def docx_bytes() -> bytes:
    import io

    import docx

    d = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "Số: 45/QĐ-UBND",
                 "Quảng Trị, ngày 12 tháng 3 năm 2024", "QUYẾT ĐỊNH", "Về phòng, chống thiên tai năm 2024"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica, ASCII text)."""
    content = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


PDF_LINES = ["UY BAN NHAN DAN TINH QUANG TRI", "So: 45/QD-UBND", "Quang Tri, ngay 12 thang 3 nam 2024"]

@pytest.mark.parametrize(
    "name,make,content_type,encoding",
    [
        ("tin-bai.html", lambda: HTML_PAGE, "text/html", "html:utf-8"),
        ("quyet-dinh.docx", docx_bytes, "application/octet-stream", "docx"),
        ("quyet-dinh.pdf", lambda: pdf_bytes(PDF_LINES), "application/pdf", "pdf"),
        ("scan", lambda: pdf_bytes(PDF_LINES), "application/octet-stream", "pdf"),  # sniffed: no suffix
        ("page", lambda: HTML_PAGE, "text/html; charset=utf-8", "html:utf-8"),  # by content type
    ],
)
def test_document_formats_as_the_format_readers_give_them(
    client: TestClient, nlp: Any, name: str, make: Any, content_type: str, encoding: str
) -> None:
    fmt = pytest.importorskip("directive_nlp.io.formats")
    from directive_nlp.nlp.pipeline import extract

    data = make()
    r = client.post("/v1/extract", files={"file": (name, data, content_type)})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["source"]["encoding"] == encoding and out["source"]["path"] == name
    assert out["source"]["bytes"] == len(data)
    reader_name = name if fmt.format_of(name) else name + {"html:utf-8": ".html"}.get(encoding, "." + encoding)
    source, hints = fmt.read_any(reader_name, data=data)
    want = extract(replace_path(source, name), nlp=nlp, published_at=hints.get("published_at"))
    assert out == want
    assert validation_errors(out) == []


def replace_path(source: Any, name: str) -> Any:
    import dataclasses

    return dataclasses.replace(source, path=name)


def test_html_publication_date_is_used_unless_the_request_gives_one(client: TestClient) -> None:
    pytest.importorskip("directive_nlp.io.formats")
    r = client.post("/v1/extract", files={"file": ("tin.html", HTML_PAGE)})
    assert r.json()["document"]["published_at"] == "2024-03-12T08:15:00"
    r = client.post("/v1/extract", files={"file": ("tin.html", HTML_PAGE)}, data={"published_at": "2024-03-13"})
    assert r.json()["document"]["published_at"] == "2024-03-13"
    assert any(ref["number"] == "45/QĐ-UBND" for ref in r.json()["doc_refs"])


@pytest.mark.parametrize(
    "name,data,code,needle",
    [
        ("hong.docx", b"PK\x03\x04 not really a zip", "malformed_document", "hong.docx: not a valid DOCX"),
        ("hong.pdf", b"%PDF-1.4 garbage", "malformed_document", "hong.pdf: cannot parse the PDF"),
        ("trang.html", b"", "empty_input", "trang.html: empty file"),
    ],
)
def test_document_format_errors(client: TestClient, name: str, data: bytes, code: str, needle: str) -> None:
    pytest.importorskip("directive_nlp.io.formats")
    assert_error(client.post("/v1/extract", files={"file": (name, data)}), 422, code, needle)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "content_type,body,status,code,needle",
    [
        ("text/plain", SHORT.encode("utf-8"), 415, "unsupported_media_type", "text/plain"),
        (None, SHORT.encode("utf-8"), 415, "unsupported_media_type", "no Content-Type"),
        ("application/xml", b"<doc/>", 415, "unsupported_media_type", "application/xml"),
        ("application/x-www-form-urlencoded", b"text=abc", 415, "unsupported_media_type", "multipart/form-data"),
        ("application/json", b"{", 422, "invalid_request", "Invalid JSON"),
        ("application/json", b"", 422, "invalid_request", "Invalid JSON"),
        ("application/json", b"[1, 2]", 422, "invalid_request", "request body: Input should be an object"),
        ("application/json", b'{"filename": "a.txt"}', 422, "invalid_request", "text: Field required"),
        ("application/json", b'{"text": 5}', 422, "invalid_request", "text: Input should be a valid string"),
        ("application/json", b'{"text": ""}', 422, "invalid_request", "text:"),
        ("application/json", '{"text": "a", "publishedAt": "2024-01-01"}'.encode(), 422, "invalid_request",
         "publishedAt: Extra inputs"),
        ("application/json", b'{"text": "abc", "published_at": "12/3/2024"}', 422, "invalid_request",
         "published_at: not an ISO 8601"),
        ("application/json", b'{"text": "abc", "published_at": "2024-03-12T08:00:00+07:00"}', 422,
         "invalid_request", "published_at"),
        ("application/json", b'{"text": "abc", "tokens": "maybe"}', 422, "invalid_request", "tokens"),
        ("application/json", b'{"text": " \\n\\t "}', 422, "empty_input", "empty file (only whitespace) [E104]"),
        ("application/json", b'{"text": "a\\u0000b\\u0001c\\u0002d\\u0003", "filename": "x.bin"}', 422,
         "binary_input", "x.bin: binary file"),
        ("application/json; charset=utf-8", '{"text": "  "}'.encode(), 422, "empty_input", "E104"),
    ],
)
def test_extract_request_errors(
    client: TestClient, content_type: str | None, body: bytes, status: int, code: str, needle: str
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    r = client.post("/v1/extract", content=body, headers=headers)
    assert_error(r, status, code, needle)


@pytest.mark.parametrize(
    "name,data,status,code,needles",
    [
        ("french.txt", "Le comité a décidé très vite, à l'été.".encode("latin-1"), 422, "undecodable",
         ("french.txt: not UTF-8", "[E106]")),
        ("empty.txt", b"", 422, "empty_input", ("empty.txt: empty file [E104]",)),
        ("blank.txt", b"\r\n  \r\n", 422, "empty_input", ("only whitespace",)),
        ("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 422, "binary_input", ("scan.txt: binary file (PNG",)),
        ("prog.txt", b"\x7fELF\x02\x01\x01" + bytes(range(40)), 422, "binary_input", ("ELF",)),
        ("bom32.txt", codecs.BOM_UTF32_LE + "abcd".encode("utf-32-le"), 422, "undecodable", ("UTF-32",)),
    ],
)
def test_upload_decoding_errors(
    client: TestClient, name: str, data: bytes, status: int, code: str, needles: tuple[str, ...]
) -> None:
    r = client.post("/v1/extract", files={"file": (name, data)})
    assert_error(r, status, code, *needles)


def test_multipart_without_file_or_with_two(client: TestClient) -> None:
    r = client.post("/v1/extract", data={"published_at": "2024-01-01"}, files={"other": ("a.txt", b"abc")})
    assert_error(r, 422, "invalid_request", "'file'")
    r = client.post("/v1/extract", files=[("file", ("a.txt", b"abc")), ("file", ("b.txt", b"def"))])
    assert_error(r, 422, "invalid_request")
    r = client.post("/v1/extract", files={"file": ("a.txt", SHORT.encode())}, data={"bogus": "1"})
    assert_error(r, 422, "invalid_request", "bogus")
    r = client.post("/v1/extract", files={"file": ("a.txt", SHORT.encode())}, data={"published_at": "hôm qua"})
    assert_error(r, 422, "invalid_request", "published_at")
    r = client.post("/v1/extract", content=b"--xyz\r\nnot multipart at all",
                    headers={"content-type": "multipart/form-data; boundary=xyz"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


def test_body_over_the_limit_is_413_by_content_length_and_by_stream(small_client: TestClient) -> None:
    big = "Thông báo kết luận của Ban Thường vụ Tỉnh ủy. " * 100  # > 2000 bytes
    r = small_client.post("/v1/extract", json={"text": big})
    assert_error(r, 413, "payload_too_large", "0.002 MB")
    r = small_client.post("/v1/extract", files={"file": ("big.txt", big.encode())})
    assert_error(r, 413, "payload_too_large")
    r = small_client.post("/v1/extract/batch", json={"documents": [{"text": big}]})
    assert_error(r, 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer, counted as it streams
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}'

    r = small_client.post("/v1/extract", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    assert_error(r, 413, "payload_too_large")
    # under the limit the same service answers
    assert small_client.post("/v1/extract", json={"text": SHORT}).status_code == 200


def test_timeout_cuts_off_the_response_and_replaces_the_worker() -> None:
    with TestClient(create_app(Settings(timeout=0.2, threads=1), job=service_jobs.slow),
                    raise_server_exceptions=False) as c:
        t0 = time.monotonic()
        r = c.post("/v1/extract", json={"text": SHORT, "filename": "slow.txt"})
        elapsed = time.monotonic() - t0
        assert_error(r, 504, "timeout", "slow.txt", "0.2 s")
        assert elapsed < 0.9  # answered at the limit, not when the extraction ended
        health = c.get("/healthz").json()
        assert health["extraction"]["replaced"] == 1 and health["extraction"]["running"] == 0


def test_a_tiny_document_gets_200_right_after_slow_ones() -> None:
    """Slow documents do not keep their capacity: each one's process is killed at the limit."""
    app = create_app(Settings(timeout=1.0, threads=1), job=service_jobs.stuck_when_named_slow)
    with TestClient(app, raise_server_exceptions=False) as c:
        for i in range(3):
            assert_error(c.post("/v1/extract", json={"text": SHORT, "filename": f"slow-{i}.txt"}), 504, "timeout")
            t0 = time.monotonic()
            assert c.get("/healthz").status_code == 200
            assert time.monotonic() - t0 < 0.5
        r = c.post("/v1/extract", json={"text": SHORT, "filename": "tiny.txt"})
        assert r.status_code == 200, r.text
        assert "45/QĐ-UBND" in r.text
        stats = c.get("/healthz").json()["extraction"]
        assert stats["replaced"] == 3 and stats["workers"] == 1
        pool = app.state.runtime.pool
        assert len(pool._all) == 1  # the killed processes are gone, not piling up


def test_extraction_does_not_block_the_event_loop() -> None:
    import threading

    with TestClient(create_app(Settings(timeout=30.0), job=service_jobs.slow_then_real)) as c:
        answers: list[int] = []
        t = threading.Thread(target=lambda: answers.append(c.post("/v1/extract", json={"text": SHORT}).status_code))
        t.start()
        time.sleep(0.3)  # the extraction is running now
        t0 = time.monotonic()
        h = c.get("/healthz")
        assert time.monotonic() - t0 < 0.5
        assert h.json()["extraction"]["running"] == 1
        t.join(timeout=30)
        assert answers == [200]


def test_internal_errors_are_json_and_logged_not_sent(caplog: pytest.LogCaptureFixture) -> None:
    with TestClient(create_app(Settings(threads=1), job=service_jobs.boom), raise_server_exceptions=False) as client:
        with caplog.at_level(logging.ERROR, logger="directive_nlp.apps.service"):
            r = client.post("/v1/extract", json={"text": SHORT})
        assert_error(r, 500, "internal", "internal error")
        assert "secret" not in r.text
        assert any(rec.exc_info and "secret detail" in str(rec.exc_info[1]) for rec in caplog.records)
        # a batch keeps going: the failure is in place
        r = client.post("/v1/extract/batch", json={"documents": [{"text": SHORT}]})
        assert r.status_code == 200 and r.json() == {"results": [{"error": {"code": "internal",
                                                                            "message": "internal error"}}]}


def test_a_client_that_disconnects_is_one_info_line(caplog: pytest.LogCaptureFixture, client: TestClient) -> None:
    import asyncio

    app = client.app
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/v1/extract", "raw_path": b"/v1/extract", "query_string": b"",
             "root_path": "", "headers": [(b"content-type", b"application/json")], "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 80), "app": app}
    with caplog.at_level(logging.INFO, logger="directive_nlp"):
        asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    mine = [r for r in caplog.records if r.name.startswith("directive_nlp")]
    assert [(r.levelname, r.getMessage()) for r in mine] == [("INFO", "POST /v1/extract: the client disconnected")]
    assert not any(r.exc_info for r in mine)


def test_unexpected_exception_anywhere_is_a_json_500(monkeypatch: pytest.MonkeyPatch, client: TestClient) -> None:
    def broken() -> bytes:
        raise KeyError("schema file gone")

    monkeypatch.setattr(service_routes, "_schema_bytes", broken)
    r = client.get("/v1/schema")
    assert_error(r, 500, "internal", "internal error")
    assert "schema file gone" not in r.text


def test_unknown_route_and_wrong_method(client: TestClient) -> None:
    assert_error(client.get("/v1/nothing"), 404, "not_found")
    r = client.get("/v1/extract")
    assert_error(r, 405, "method_not_allowed")
    assert r.headers["allow"] == "POST"


# --------------------------------------------------------------------------- batch


def test_batch_results_in_order_with_errors_in_place(client: TestClient, cli_plain: dict[str, Any]) -> None:
    raw = NOTICE.read_bytes().decode("utf-8")
    docs: list[Any] = [
        {"text": raw, "filename": NOTICE.name},
        {"text": "   "},
        {"filename": "no-text.txt"},
        "not an object",
        {"text": SHORT, "published_at": "2024-03-12"},
        {"text": SHORT, "published_at": "yesterday"},
    ]
    r = client.post("/v1/extract/batch", json={"documents": docs})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert len(results) == len(docs)
    assert results[0] == cli_plain[NOTICE.name]
    assert results[1]["error"]["code"] == "empty_input"
    assert results[2]["error"]["code"] == "invalid_request" and "documents.2.text" in results[2]["error"]["message"]
    assert results[3]["error"]["code"] == "invalid_request" and "documents.3" in results[3]["error"]["message"]
    assert results[4]["document"]["published_at"] == "2024-03-12"
    assert results[5]["error"]["code"] == "invalid_request" and "published_at" in results[5]["error"]["message"]
    for res in results:
        assert "error" in res or validation_errors(res) == []


def test_batch_limits_and_shape(client: TestClient, small_client: TestClient) -> None:
    assert client.post("/v1/extract/batch", json={"documents": []}).json() == {"results": []}
    r = client.post("/v1/extract/batch", json={"documents": [{"text": "x"}] * 101})
    assert_error(r, 422, "invalid_request", "at most 100")
    r = small_client.post("/v1/extract/batch", json={"documents": [{"text": "x"}] * 4})
    assert_error(r, 422, "invalid_request", "at most 3")
    assert_error(client.post("/v1/extract/batch", json={"docs": []}), 422, "invalid_request", "documents")
    assert_error(client.post("/v1/extract/batch", json=[{"text": "x"}]), 422, "invalid_request")
    r = client.post("/v1/extract/batch", files={"file": ("a.txt", b"abc")})
    assert_error(r, 415, "unsupported_media_type", "application/json")


def test_batch_time_limits() -> None:
    with TestClient(create_app(Settings(timeout=0.2, batch_timeout=0.5, threads=1), job=service_jobs.a_bit_slow),
                    raise_server_exceptions=False) as c:
        r = c.post("/v1/extract/batch", json={"documents": [{"text": f"văn bản {i}"} for i in range(6)]})
        assert r.status_code == 200
        results = r.json()["results"]
        assert len(results) == 6
        assert all(res["error"]["code"] == "timeout" for res in results)
        assert "0.2 s" in results[0]["error"]["message"]
        assert "batch" in results[-1]["error"]["message"]


# --------------------------------------------------------------------------- schema, health, OpenAPI


def test_schema_and_health(client: TestClient) -> None:
    r = client.get("/v1/schema")
    assert r.status_code == 200 and r.json() == load_schema()
    h = client.get("/healthz")
    assert h.status_code == 200
    assert h.json()["status"] == "ok"
    assert h.json()["version"] == directive_nlp.__version__ and h.json()["schema_version"] == SCHEMA_VERSION


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_openapi_embeds_the_output_schema(client: TestClient, cli_plain: dict[str, Any]) -> None:
    spec = client.get("/openapi.json").json()
    comps = spec["components"]["schemas"]
    assert set(spec["paths"]) >= {"/v1/extract", "/v1/extract/batch", "/v1/schema", "/healthz"}
    op = spec["paths"]["/v1/extract"]["post"]
    assert op["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Extraction"}
    assert set(op["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    for status in ("413", "415", "422", "500", "504"):
        assert op["responses"][status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    # the real fields, not {}
    assert set(comps["Extraction"]["properties"]) == set(load_schema()["properties"])
    assert comps["Extraction"]["required"] == load_schema()["required"]
    assert "number" in comps["ExtractionDocRef"]["properties"]
    # every reference resolves inside the document; none is left pointing at $defs
    for ref in _refs(spec):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in comps, ref
    # the embedded copy accepts real outputs and rejects a broken one
    validator = jsonschema.Draft202012Validator({"$ref": "#/components/schemas/Extraction", "components": spec["components"]})
    for out in list(cli_plain.values())[:5]:
        assert list(validator.iter_errors(out)) == []
    broken = dict(next(iter(cli_plain.values())), kind="memo")
    assert list(validator.iter_errors(broken))
    batch = spec["paths"]["/v1/extract/batch"]["post"]
    assert comps["BatchRequest"]["properties"]["documents"]["maxItems"] == 100
    assert batch["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/BatchResponse"}


# --------------------------------------------------------------------------- the schema contract


def _declared_keys_missing(schema: dict[str, Any], node: Any, data: Any, path: str = "$") -> list[str]:
    """Keys in ``data`` that the schema does not declare where it lists properties (no
    additionalProperties given): output that changed shape without the schema saying so."""
    defs = schema.get("$defs", {})

    def resolve(n: Any) -> Any:
        while isinstance(n, dict) and "$ref" in n:
            n = defs[n["$ref"].rsplit("/", 1)[1]]
        return n

    node = resolve(node)
    out: list[str] = []
    for alt in node.get("anyOf", []):
        alt = resolve(alt)
        if jsonschema.Draft202012Validator({**alt, "$defs": defs}).is_valid(data):
            return _declared_keys_missing(schema, alt, data, path)
    if isinstance(data, dict):
        props: dict[str, Any] = {}
        declared = False
        extra: Any = None
        for part in [node, *(resolve(p) for p in node.get("allOf", []))]:
            if "properties" in part:
                props.update(part["properties"])
                declared = True
            extra = part.get("additionalProperties", extra)
        for key, value in data.items():
            if key in props:
                out += _declared_keys_missing(schema, props[key], value, f"{path}.{key}")
            elif isinstance(extra, dict):
                out += _declared_keys_missing(schema, extra, value, f"{path}.{key}")
            elif declared and extra is None:
                out.append(f"{path}.{key}")
    elif isinstance(data, list) and "items" in node:
        for i, value in enumerate(data):
            out += _declared_keys_missing(schema, node["items"], value, f"{path}[]")
    return sorted(set(out))


# Keys the pipeline writes that the 1.x schema does not declare yet (allowed by its open objects).
# Declaring them is an additive change: a minor version bump and a new stored copy.
KNOWN_UNDECLARED: set[str] = set()


def test_schema_version_is_semver_and_stored_copy_matches() -> None:
    m = SEMVER.fullmatch(SCHEMA_VERSION)
    assert m, f"SCHEMA_VERSION {SCHEMA_VERSION!r} is not semver MAJOR.MINOR.PATCH"
    major = int(m.group(1))
    copy_path = SCHEMA_COPIES / f"output.schema.v{major}.json"
    assert copy_path.is_file(), (
        f"no stored copy for schema major version {major}: copy the shipped schema to {copy_path}"
    )
    stored = json.loads(copy_path.read_text(encoding="utf-8"))
    stored_version = stored["properties"]["schema_version"]["const"]
    shipped = load_schema()
    if stored_version == SCHEMA_VERSION:
        assert shipped == stored, (
            "the output schema changed but SCHEMA_VERSION did not: bump it (semver: major for removed/"
            "renamed/retyped fields, minor for added ones) and store the new schema at " + str(copy_path)
        )
    else:
        old = tuple(int(x) for x in stored_version.split("."))
        new = tuple(int(x) for x in m.groups())
        assert new > old, f"SCHEMA_VERSION went back from {stored_version} to {SCHEMA_VERSION}"


def test_corpus_outputs_validate_and_declare_every_key(client: TestClient, cli_plain: dict[str, Any]) -> None:
    schema = load_schema()
    undeclared: set[str] = set()
    for path in CORPUS_FILES:
        out = cli_plain[path.name]
        assert validation_errors(out) == [], path.name
        undeclared |= set(_declared_keys_missing(schema, schema, out))
    tokens = client.post("/v1/extract", json={"text": ARTICLE.read_text(encoding="utf-8"), "tokens": True}).json()
    assert validation_errors(tokens) == []
    undeclared |= set(_declared_keys_missing(schema, schema, tokens))
    new = undeclared - KNOWN_UNDECLARED
    assert not new, f"output keys not declared in the schema (a shape change needs a version bump): {sorted(new)}"


# --------------------------------------------------------------------------- settings


def test_settings_from_env_round_trip() -> None:
    s = Settings(max_bytes=1234, timeout=2.5, batch_timeout=9.0, max_batch=7, threads=3)
    assert Settings.from_env(s.to_env()) == s
    assert Settings.from_env({}) == Settings()
    with pytest.raises(ValueError, match="DIRECTIVE_NLP_TIMEOUT"):
        Settings.from_env({"DIRECTIVE_NLP_TIMEOUT": "soon"})
    with pytest.raises(ValueError, match="max_bytes"):
        Settings(max_bytes=0)
    with pytest.raises(ValueError, match="timeout"):
        Settings(timeout=-1)


def test_serve_refuses_a_busy_port_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from directive_nlp.apps.cli import build_parser

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = build_parser().parse_args(["serve", "--port", str(port)])
        assert args.func(args, sys.stdout) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"directive-nlp: error: 127.0.0.1:{port}: cannot listen (address already in use)"
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["serve", "--port", "70000"])
    assert exc.value.code == 2


# --------------------------------------------------------------------------- property test from OpenAPI


def test_api_from_its_openapi_has_no_server_errors(nlp: Any) -> None:
    """Requests generated from /openapi.json (valid and invalid ones) never get a 5xx, and valid
    ones get documented statuses, content types and bodies that match the documented schemas."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.generation import GenerationMode
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    app = create_app(Settings(max_bytes=20_000, timeout=10.0))
    api = schemathesis.openapi.from_asgi("/openapi.json", app)
    seen: dict[str, set[int]] = {}
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @given(case=api.as_strategy(generation_mode=mode))
        @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            response = case.call()
            seen.setdefault(f"{case.method} {case.path}", set()).add(response.status_code)
            assert response.status_code < 500, response.text[:500]
            case.validate_response(response, checks=checks)

        check()
    assert set(seen) == {"POST /v1/extract", "POST /v1/extract/batch", "GET /v1/schema", "GET /healthz"}, seen
    assert 200 in seen["POST /v1/extract"] and 422 in seen["POST /v1/extract"], seen


# --------------------------------------------------------------------------- the real server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_real_server_over_http(tmp_path: Path, cli_plain: dict[str, Any]) -> None:
    port = _free_port()
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "directive_nlp", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", "2", "--max-mb", "0.05", "--no-access-log"],
            cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
            env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        with httpx.Client(base_url=base, timeout=30, trust_env=False) as http:
            while True:
                assert proc.poll() is None, log_path.read_text("utf-8", "replace")
                assert time.monotonic() < deadline, "server not up in 90 s:\n" + log_path.read_text("utf-8", "replace")
                try:
                    if http.get("/healthz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
            raw = NOTICE.read_bytes()
            r = http.post("/v1/extract", files={"file": (NOTICE.name, raw)})
            assert r.status_code == 200 and r.json() == cli_plain[NOTICE.name]
            r = http.post("/v1/extract", json={"text": raw.decode("utf-8"), "filename": NOTICE.name})
            assert r.json() == cli_plain[NOTICE.name]
            r = http.post("/v1/extract/batch", json={"documents": [{"text": SHORT}, {"text": ""}]})
            assert [("error" in x) for x in r.json()["results"]] == [False, True]
            assert_error(http.post("/v1/extract", json={"text": "x" * 60_000}), 413, "payload_too_large")
            assert_error(http.post("/v1/extract", content=b"abc", headers={"content-type": "text/plain"}),
                         415, "unsupported_media_type")
            spec = http.get("/openapi.json").json()
            assert "Extraction" in spec["components"]["schemas"]
            # no ~40 ms Nagle/delayed-ACK stall per answer (uvicorn's own worker socket lacks TCP_NODELAY)
            times = []
            for _ in range(15):
                t0 = time.perf_counter()
                http.get("/healthz")
                times.append(time.perf_counter() - t0)
            assert sorted(times)[len(times) // 2] < 0.030, times
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
    log = log_path.read_text("utf-8", "replace")
    assert "Traceback" not in log, log
