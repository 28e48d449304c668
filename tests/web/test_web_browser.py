"""The workbench in a real browser: Playwright driving Debian's chromium against `detente serve`.

The server runs as a real process on 127.0.0.1; the browser loads the Korea scenario, changes
PRK's salience on one issue in the editor, runs the median model and a 200-draw sweep with live
progress, compares the runs and downloads the report — each step asserted on what the page shows.
Set ``DETENTE_SCREENSHOTS=DIR`` to keep a screenshot of each step (the how-to's pictures).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright_api = pytest.importorskip("playwright.sync_api", reason="the [test] extra installs it")
if not Path(CHROMIUM).exists():
    pytest.skip(
        "Debian's chromium is not installed (`make test` installs it)", allow_module_level=True
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    store = tmp_path_factory.mktemp("store") / "runs.sqlite"
    cmd = [sys.executable, "-m", "detente", "serve", "--port", str(port), "--store", str(store)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                err = proc.stderr.read() if proc.stderr else ""
                raise AssertionError(f"server exited: {err}") from None
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("DETENTE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _start(page: Any, kind: str, model: str, draws: int = 200) -> str:
    page.select_option('[data-testid="kind"]', kind)
    page.select_option('[data-testid="model"]', model)
    page.fill('[data-testid="draws"]', str(draws))
    page.fill('[data-testid="seed"]', "7")
    page.click('[data-testid="start"]')
    page.wait_for_url("**/jobs/*")
    progress = page.locator('[data-testid="progress"]')
    progress.wait_for()
    page.wait_for_url("**/runs/*", timeout=120_000)  # the page moves on when the job is done
    return str(page.url.rsplit("/", 1)[-1])


def _forecast(page: Any, issue: str) -> str:
    return str(page.locator(f'[data-testid="forecast-{issue}"]').inner_text())


def test_work_a_case_in_the_browser(server: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"{r.url} {r.failure}"))

    page.goto(server + "/")
    _shot(page, "1-scenarios")
    page.click('[data-testid="open-korea-2019-12"]')
    page.wait_for_url("**/scenarios/*")
    original = page.url
    assert "Korea" in page.locator('[data-testid="scenario-title"]').inner_text()

    median_before = _start(page, "run", "median")
    assert float(_forecast(page, "sequencing")) == pytest.approx(75.0)
    assert page.locator("figure.chart svg").count() == 3
    _shot(page, "2-median-run")
    page.goto(original)
    sweep_before = _start(page, "sweep", "median", draws=200)
    band_before = page.locator('[data-testid="forecast"]').inner_text()
    assert (
        "90% band (5th–95th percentile)" in band_before
        and page.locator("figure.chart svg").count() == 3
    )

    page.goto(original)
    page.click('[data-testid="edit-link"]')
    cell = page.locator('[data-testid="sal-PRK-sequencing"]')
    cell.fill("150")
    page.wait_for_function(
        "document.querySelector('[data-testid=validation]').textContent.includes('problem')"
    )
    assert "salience" in page.locator('[data-testid="problems"]').inner_text()
    assert page.locator('[data-testid="save"]').is_disabled()
    cell.fill("5")
    page.wait_for_function(
        "document.querySelector('[data-testid=validation]').textContent.startsWith('valid')"
    )
    page.fill('[data-testid="label"]', "PRK barely cares about sequencing")
    _shot(page, "3-editor")
    page.click('[data-testid="save"]')
    page.wait_for_url("**/scenarios/*")
    edited = page.url
    assert edited != original and "edited from" in page.content()

    median_after = _start(page, "run", "median")
    assert _forecast(page, "sequencing")  # shown; the weighted median itself may not move
    page.goto(edited)
    sweep_after = _start(page, "sweep", "median", draws=200)
    band_after = page.locator('[data-testid="forecast"]').inner_text()
    assert band_after != band_before  # the forecast's distribution moved with PRK's salience
    _shot(page, "4-sweep")

    page.goto(f"{server}/runs")
    assert page.locator(f'[data-testid="run-row-{median_before}"]').count() == 1
    page.goto(f"{server}/compare?a={sweep_before}&b={sweep_after}")
    inputs = page.locator('[data-testid="inputs-diff"]').inner_text()
    assert "actors[PRK].positions.sequencing.salience" in inputs
    moved = page.locator('[data-testid="forecast-diff"]').inner_text()
    assert "sequencing" in moved
    _shot(page, "5-compare")
    page.goto(f"{server}/compare?a={median_before}&b={median_after}")
    assert "actors[PRK]" in page.locator('[data-testid="inputs-diff"]').inner_text()

    page.goto(f"{server}/runs/{sweep_after}")
    with page.expect_download() as info:
        page.click('[data-testid="download-report"]')
    target = tmp_path / "report.html"
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert "<svg" in text and "<script" not in text and f"Run #{sweep_after}" in text
    assert not errors, errors
    page.close()


def test_a_long_seed_is_kept_and_back_returns_to_the_form(server: str, browser: Any) -> None:
    """A 63-bit seed (as the workbench draws them) reaches the run unrounded: the page's script
    once sent it as a JS number (53 bits), so re-running a shown seed ran another one. Back from
    the results returns to the scenario, not to the job page that moves on to them again."""
    page = browser.new_page()
    page.goto(server + "/scenarios/bundled/korea-2019-12")
    form = page.url
    seed = "3611209590679297393"  # above 2**53: a float would make it ...297500
    page.select_option('[data-testid="kind"]', "sweep")
    page.fill('[data-testid="draws"]', "5")
    page.fill('[data-testid="seed"]', seed)
    page.click('[data-testid="start"]')
    page.wait_for_url("**/runs/*", timeout=60_000)
    assert f"seed {seed}" in page.locator("main").inner_text()
    page.go_back()
    page.wait_for_timeout(1_000)  # the job page, had it stayed in the history, moves on by now
    assert page.url == form
    page.close()


def test_leaving_the_editor_with_unsaved_edits_asks_first(server: str, browser: Any) -> None:
    """An edit not saved was lost without a word when the analyst pressed Back or a link."""
    page = browser.new_page()
    asked: list[str] = []

    def stay(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()  # "stay on the page"

    page.on("dialog", stay)
    page.goto(server + "/scenarios/bundled/korea-2019-12")
    page.click('[data-testid="edit-link"]')
    page.wait_for_url("**/edit")
    editor = page.url
    page.goto(server + "/")  # nothing edited yet: leaves without a question
    assert asked == [] and page.url == server + "/"
    page.go_back()
    page.locator('[data-testid="sal-PRK-sequencing"]').fill("40")
    with pytest.raises(playwright_api.Error):  # the navigation is cancelled
        page.goto(server + "/", timeout=5_000)
    assert asked == ["beforeunload"] and page.url == editor
    page.close()
