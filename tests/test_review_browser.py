"""`align review` in a real browser: Debian's headless Chromium driven by Selenium against the real server.

A translator's review of a real build (tm/): merge, split, move and undo, reject, edit a sentence with
markup in it; the server is killed mid-review and restarted; export; the TMX holds exactly the
corrected units.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import pytest

from align.formats import read_store

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
REPO = Path(__file__).resolve().parents[1]
PULWAMA = "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"  # pair 1 of tm/: 2 null beads, then 7 beads 1:1

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                 reason="needs Debian's chromium and chromium-driver (.ci/run installs them)")]


class Server:
    """`align review FOLDER --port 0 --no-browser` as a user starts it; the URL is read from its output."""

    def __init__(self, folder: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.process = subprocess.Popen([sys.executable, "-m", "align", "review", str(folder), "--port", "0",
                                         "--no-browser", "--reviewer", "ann"], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, env=env)
        line = self.process.stdout.readline()
        match = re.search(r"http://\S+/", line)
        assert match, f"no URL in the server's first line: {line!r}"
        self.url = match.group()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="align-chromium-")
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                     f"--user-data-dir={profile}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def beads(driver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "#beads .bead")


def shapes(driver) -> list[str]:
    return [b.find_element(By.CSS_SELECTOR, ".gutter").text for b in beads(driver)]


def press(driver, *keys: str) -> None:
    body = driver.find_element(By.TAG_NAME, "body")
    for key in keys:
        body.send_keys(key)


def until(driver, condition, what: str):
    return WebDriverWait(driver, 10).until(lambda d: condition(d), message=what)


def version_is(n: int):
    return lambda d: d.find_element(By.ID, "stats").text.endswith(f"version {n}")


def test_a_review_survives_a_killed_server_and_exports_exactly_the_corrected_units(browser, tmp_path: Path,
                                                                                   sample_tm: Path):
    folder = tmp_path / "tm"
    shutil.copytree(sample_tm, folder)
    server = Server(folder)
    try:
        browser.get(server.url + "pairs/1")
        until(browser, lambda d: len(beads(d)) == 9, "the pair's 9 beads")
        assert shapes(browser)[:3] == ["0:1", "0:1", "1:1"]
        with urllib.request.urlopen(server.url + "api/pairs/1") as answer:  # what the server flags is highlighted
            flagged = [b["flagged"] for b in json.load(answer)["beads"]]
        assert ["flagged" in b.get_attribute("class").split() for b in beads(browser)] == flagged

        press(browser, "j", "j", "m")  # merge the third bead with the fourth
        until(browser, version_is(1), "merge saved")
        assert shapes(browser)[2] == "2:2" and len(beads(browser)) == 8
        beads(browser)[2].find_elements(By.CSS_SELECTOR, ".sent[data-side='src']")[1].click()
        press(browser, "s")  # split before the second source sentence: back to two 1:1 beads
        until(browser, version_is(2), "split saved")
        assert shapes(browser)[2:4] == ["1:1", "1:1"]

        press(browser, "j", Keys.ARROW_RIGHT, "d")  # move the fifth bead's target sentence down
        until(browser, version_is(3), "move saved")
        assert shapes(browser)[4:6] == ["1:0", "1:2"]
        press(browser, "z")
        until(browser, version_is(4), "undo saved")
        assert shapes(browser)[4:6] == ["1:1", "1:1"]

        beads(browser)[6].click()
        press(browser, "r")  # reject the seventh bead
        until(browser, version_is(5), "reject saved")
        beads(browser)[7].find_element(By.CSS_SELECTOR, ".sent[data-side='src']").click()
        press(browser, "e")
        editor = until(browser, lambda d: d.find_element(By.CSS_SELECTOR, "textarea.editor"), "the editor")
        editor.send_keys(Keys.CONTROL, "a")
        editor.send_keys("Texte <b>corrigé</b> à la main.", Keys.ENTER)
        until(browser, version_is(6), "edit saved")
    finally:
        server.kill()  # mid-review: nothing may be lost

    server = Server(folder)
    try:
        browser.get(server.url + "pairs/1")
        until(browser, lambda d: len(beads(d)) == 9 and version_is(6)(d), "the pair as it was left")
        rejected = beads(browser)[6]
        assert "status-rejected" in rejected.get_attribute("class")
        edited = beads(browser)[7].find_element(By.CSS_SELECTOR, ".sent[data-side='src']")
        assert edited.text.endswith("Texte <b>corrigé</b> à la main.")  # shown as text, not markup
        assert not edited.find_elements(By.TAG_NAME, "b")
        beads(browser)[8].click()
        press(browser, "a")
        until(browser, version_is(7), "accept saved")
        browser.save_screenshot(str(tmp_path / "pair.png"))

        browser.get(server.url)
        until(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#documents tbody tr"), "the documents")
        browser.find_element(By.ID, "export").click()
        until(browser, lambda d: "Exported" in d.find_element(By.ID, "notice").text, "the export")
    finally:
        server.kill()

    original = {u.props["bead"]: u for u in read_store(folder / "corpus.tmx").units if u.props["document"] == PULWAMA}
    units = [u for u in read_store(folder / "corpus.reviewed.tmx").units if u.props["document"] == PULWAMA]
    assert [(u.props["bead"], u.props["review"]) for u in units] == [
        ("[0]:[2]", "edited"), ("[1]:[3]", "edited"), ("[2]:[4]", "machine"), ("[3]:[5]", "machine"),
        ("[5]:[7]", "edited"), ("[6]:[8]", "confirmed")]
    assert units[4].source == "Texte <b>corrigé</b> à la main." and units[4].target == original["[5]:[7]"].target
    for unit in units[:4] + units[5:]:
        assert (unit.source, unit.target) == (original[unit.props["bead"]].source, original[unit.props["bead"]].target)
    assert units[5].props["reviewer"] == "ann"


def test_two_tabs_on_one_pair_never_overwrite_each_other_silently(browser, tmp_path: Path, sample_tm: Path):
    folder = tmp_path / "tm"
    shutil.copytree(sample_tm, folder)
    server = Server(folder)
    try:
        browser.get(server.url)
        until(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#documents tbody tr")) == 4, "4 pairs")
        browser.find_element(By.ID, "filter").send_keys("pulwama")
        rows = browser.find_elements(By.CSS_SELECTOR, "#documents tbody tr")
        assert len(rows) == 1 and PULWAMA in rows[0].text
        rows[0].find_element(By.TAG_NAME, "a").click()
        until(browser, lambda d: len(beads(d)) == 9, "tab A")
        tab_a = browser.current_window_handle
        browser.switch_to.new_window("tab")
        browser.get(server.url + "pairs/1")
        until(browser, lambda d: len(beads(d)) == 9, "tab B")
        tab_b = browser.current_window_handle

        browser.switch_to.window(tab_a)
        beads(browser)[2].click()
        press(browser, "r")
        until(browser, version_is(1), "tab A's reject saved")

        browser.switch_to.window(tab_b)  # still shows version 0
        beads(browser)[2].click()
        press(browser, "a")
        notice = until(browser, lambda d: d.find_element(By.ID, "notice").text, "tab B told")
        assert "changed in another tab" in notice
        until(browser, version_is(1), "tab B reloaded to the latest version")
        assert "status-rejected" in beads(browser)[2].get_attribute("class")  # tab A's decision stands
    finally:
        server.kill()


def test_a_long_pair_opens_with_its_first_screen_and_loads_the_rest_before_any_correction(browser,
                                                                                          tmp_path: Path):
    """300 beads: the page asks for its first screen, then the rest; a correction far down the list (which
    names its bead by position) is made on the whole list and lands on the right bead."""
    count = 300
    src = [f"Phrase numéro {n}." for n in range(count)]
    tgt = [f"Sentence number {n}." for n in range(count)]
    record = {"src": "long.fr.txt", "tgt": "long.en.txt", "method": "name", "src_segments": src,
              "tgt_segments": tgt, "beads": [{"src": [n], "tgt": [n], "score": 0.9, "source": src[n],
                                              "target": tgt[n]} for n in range(count)]}
    folder = tmp_path / "tm"
    folder.mkdir()
    (folder / "corpus-report.json").write_text(json.dumps({"src_lang": "fr", "tgt_lang": "en", "signature": {},
                                                           "pairs": [record], "mined": []}), encoding="utf-8")
    server = Server(folder)
    try:
        browser.get(server.url + "pairs/0")
        until(browser, lambda d: len(beads(d)) == count, "all beads drawn")
        asked = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)"
                                       ".filter(n => n.includes('/api/pairs/0'))")
        assert [name.split("/api/pairs/0")[1] for name in asked] == ["?count=120", "?start=120"]
        until(browser, lambda d: d.find_element(By.ID, "stats").text.startswith(f"{count} beads · 0% reviewed"),
              "the stats of the whole pair")
        target = beads(browser)[250]
        browser.execute_script("arguments[0].scrollIntoView()", target)
        target.click()
        press(browser, "a")
        until(browser, version_is(1), "accept saved")
        with urllib.request.urlopen(server.url + "api/pairs/0") as answer:
            statuses = [b["status"] for b in json.load(answer)["beads"]]
        assert statuses[250] == "confirmed" and statuses.count("confirmed") == 1
    finally:
        server.kill()
