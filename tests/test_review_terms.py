"""The terminologist's page of `align review`: API (security, decisions stored at once, versioning,
export) and a real review in Debian's headless Chromium, keyboard first, with a killed server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from align.glossary import read_glossary
from align.review.app import create_app, open_server
from align.review.source import open_folder

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path: Path, sample_tm: Path) -> Path:
    folder = tmp_path / "tm"
    shutil.copytree(sample_tm, folder)
    return folder


def client_for(folder: Path, host: str = "127.0.0.1") -> tuple[TestClient, str]:
    server = open_server(folder)
    server.extras["corpus"] = open_folder(folder)
    return TestClient(create_app(server), base_url=f"http://{host}:8765"), server.token


def entry(client: TestClient, source: str) -> dict:
    return next(e for e in client.get("/api/terms").json()["entries"] if e["source"] == source)


def test_candidates_come_with_a_concordance_of_every_unit_holding_the_pair(folder):
    client, _ = client_for(folder)
    entries = client.get("/api/terms").json()["entries"]
    assert entries and {e["status"] for e in entries} == {"candidate"}
    group = entry(client, "Groupe de contact")
    data = client.get(f"/api/terms/{group['id']}/concordance").json()
    assert len(data["units"]) == group["frequency"] == 3
    for unit in data["units"]:
        (start, end), = unit["source_spans"]
        assert unit["source"][start:end].lower() == "groupe de contact"
        (start, end), = unit["target_spans"]
        assert unit["target"][start:end].lower() == "contact group"


def test_decisions_are_stored_at_once_versioned_and_exported(folder):
    client, token = client_for(folder)
    headers = {"X-CSRF-Token": token}
    group, sg = entry(client, "Groupe de contact"), entry(client, "secrétaire général")
    assert client.post(f"/api/terms/{group['id']}/actions", json={"op": "accept", "version": 0}).status_code == 403
    accepted = client.post(f"/api/terms/{group['id']}/actions", json={"op": "accept", "version": 0}, headers=headers)
    assert accepted.json()["status"] == "preferred"
    stale = client.post(f"/api/terms/{group['id']}/actions", json={"op": "reject", "version": 0}, headers=headers)
    assert stale.status_code == 409
    client.post(f"/api/terms/{sg['id']}/actions", json={"op": "edit", "version": 0, "target": "Secretary General"},
                headers=headers)
    client.post(f"/api/terms/{sg['id']}/actions", json={"op": "status", "status": "forbidden", "version": 1},
                headers=headers)
    # a new server on the same folder (a restart) sees every decision
    again, token = client_for(folder)
    assert entry(again, "Groupe de contact")["status"] == "preferred"
    assert entry(again, "secrétaire général")["shown_target"] == "Secretary General"
    written = again.post("/api/terms/export", json={"formats": ["tbx", "csv"]}, headers={"X-CSRF-Token": token})
    assert written.json()["written"] == {"tbx": "terms.tbx", "csv": "terms.csv"}
    for name in ("terms.tbx", "terms.csv"):
        pairs = {(p.source, p.target): p.status for p in read_glossary(folder / name).pairs}
        assert pairs[("Groupe de contact", "Contact Group")] == "preferred"
        assert pairs[("secrétaire général", "Secretary General")] == "forbidden"
        assert list(pairs.values()).count("candidate") == len(pairs) - 2


def test_a_merged_variant_is_an_admitted_rendering_of_its_head(folder):
    client, token = client_for(folder)
    headers = {"X-CSRF-Token": token}
    head, variant = entry(client, "Groupe de contact"), entry(client, "Groupe")
    client.post(f"/api/terms/{head['id']}/actions", json={"op": "accept", "version": 0}, headers=headers)
    merged = client.post(f"/api/terms/{variant['id']}/actions", json={"op": "merge", "into": head["id"], "version": 0},
                         headers=headers).json()
    assert merged["merged_into"] == head["id"]
    refused = client.post(f"/api/terms/{head['id']}/actions", json={"op": "merge", "into": head["id"], "version": 1},
                          headers=headers)
    assert refused.status_code == 400
    client.post("/api/terms/export", json={"formats": ["csv"]}, headers=headers)
    rows = [(p.source, p.target, p.status) for p in read_glossary(folder / "terms.csv").pairs]
    assert ("Groupe de contact", "Group", "admitted") in rows


def test_foreign_hosts_are_refused(folder):
    client, _ = client_for(folder, host="evil.example")
    assert client.get("/api/terms").status_code == 400
    assert client.get("/terms").status_code == 400


# ------------------------------------------------------------------------------------- in a browser

selenium = pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from test_review_browser import CHROMEDRIVER, CHROMIUM, Server, browser, press, until  # noqa: E402,F401


def rows(driver, selector: str = "#terms tbody tr") -> list[list[str]]:
    """Cell texts, read in one script call (the table is redrawn after each decision)."""
    return driver.execute_script("return [...document.querySelectorAll(arguments[0])]"
                                 ".map(tr => [...tr.cells].map(c => c.textContent))", selector)


def selected_row(driver) -> list[str]:
    found = rows(driver, "#terms tbody tr.selected")
    return found[0] if found else []


@pytest.mark.slow
@pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="needs Debian's chromium")
def test_a_terminologist_reviews_with_the_keyboard_and_nothing_is_lost(browser, folder, tmp_path):
    server = Server(folder)
    try:
        browser.get(server.url + "terms")
        until(browser, lambda d: len(rows(d)) > 10 and d.find_elements(By.CSS_SELECTOR, "#conc-units li"),
              "candidates and the first concordance")
        marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#conc-units mark")]
        assert marks and all(m for m in marks)
        first = selected_row(browser)
        press(browser, "a")
        until(browser, lambda d: selected_row(d)[6:] == ["preferred"], "accepted")
        press(browser, "j", "x")
        until(browser, lambda d: selected_row(d)[6:] == ["rejected"], "rejected")
        press(browser, "j", "3")
        until(browser, lambda d: selected_row(d)[6:] == ["forbidden"], "forbidden")
        press(browser, "j", "e")
        field = browser.find_element(By.ID, "edit-input")
        field.clear()
        field.send_keys("<img src=x onerror=alert(1)> & co\n")
        until(browser, lambda d: selected_row(d)[2:3] == ["<img src=x onerror=alert(1)> & co"], "edited, shown as text")
        assert browser.find_elements(By.CSS_SELECTOR, "#terms img") == []
        browser.save_screenshot(str(tmp_path / "terms.png"))
        shutil.copy(tmp_path / "terms.png", REPO / "bench" / "out" / "review-terms.png") if (REPO / "bench" / "out").is_dir() else None
        server.kill()
        server = Server(folder)  # killed mid-review and started again: every decision is there
        browser.get(server.url + "terms")
        until(browser, lambda d: len(rows(d)) > 10, "candidates again")
        statuses = [r[6] for r in rows(browser)[:4]]
        assert statuses == ["preferred", "rejected", "forbidden", "candidate"]
        assert rows(browser)[0][1:3] == first[1:3]
        browser.find_element(By.ID, "export-terms").click()
        until(browser, lambda d: (folder / "terms.tbx").is_file() and (folder / "terms.csv").is_file(), "export")
        exported = {(p.source, p.target): p.status for p in read_glossary(folder / "terms.tbx").pairs}
        assert exported[(first[1], first[2])] == "preferred"
        assert len(exported) == len(rows(browser)) - 1  # the rejected entry is left out
    finally:
        server.kill()
