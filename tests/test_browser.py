"""The service's page in a real browser: headless Chromium (Debian's, through ChromeDriver) uploads
a corpus document at ``GET /``, gets the view, counts the marks against the JSON API, clicks a task
and checks that the text scrolled to it. A screenshot goes to the test's temporary folder
(``DIRECTIVE_NLP_SCREENSHOT`` = a path to keep it elsewhere); it is never committed."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

from .conftest import CORPUS_DOCS, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
DOC = CORPUS_DOCS / "dev_07.txt"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian's chromium and chromium-driver (.ci/run installs them; apt-get install chromium chromium-driver)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "directive_nlp", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
            cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, log_path.read_text("utf-8", "replace")
            assert time.monotonic() < deadline, "server not up:\n" + log_path.read_text("utf-8", "replace")
            try:
                if httpx.get(base + "/healthz", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_upload_view_counts_and_task_click(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    result = httpx.post(server + "/v1/extract", files={"file": (DOC.name, DOC.read_bytes())}, timeout=120,
                        trust_env=False).json()
    assert result["directives"], "the document must have tasks to click"

    browser.get(server + "/")
    browser.find_element(By.ID, "file").send_keys(str(DOC))
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 120).until(ec.presence_of_element_located((By.ID, "tasks")))

    def distinct(kind: str) -> int:
        return int(browser.execute_script(
            "return new Set([...document.querySelectorAll('#text [data-kind=\"' + arguments[0] + '\"]')]"
            ".map(e => e.dataset.item)).size", kind))

    assert distinct("directive") == len(result["directives"])
    assert distinct("official") == len(result["officials"])
    assert distinct("doc_ref") == len(result["doc_refs"])
    assert distinct("date") == len(result["dates"])
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.task")
    assert len(rows) == len(result["directives"])

    last = result["directives"][-1]
    browser.execute_script("document.getElementById('text').scrollTop = 0")
    rows[-1].click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(
        "const t = document.getElementById('text'), e = document.getElementById(arguments[0]);"
        "const a = t.getBoundingClientRect(), b = e.getBoundingClientRect();"
        "return t.scrollTop > 0 && b.top >= a.top && b.bottom <= a.bottom;", f"task-{last['id']}"))
    focused = browser.find_elements(By.CSS_SELECTOR, ".mark.directive.focus")
    assert focused and {e.get_attribute("data-item") for e in focused} == {f"d-{last['id']}"}
    shot = Path(os.environ.get("DIRECTIVE_NLP_SCREENSHOT") or tmp_path / "view.png")
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_form_refuses_an_empty_submission(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/")
    browser.find_element(By.ID, "submit").click()
    # the answer is a new page: wait for it to load rather than read the old one
    error = WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.ID, "error")))
    assert "paste a text or choose a file" in error.text
