"""Speed of the review workbench on a large pair, through the real server and a real browser.

    python -m bench.review.speed [--sentences 5000] [--units 100000]

1. Opening a pair of N x N sentences in headless Chromium: navigation start to the first frame after the
   beads are drawn (`window.reviewReadyAt`), cold (first request of the server) and warm.
2. Every correction through the HTTP API: time from request to answer, per kind of correction, and the
   server's CPU time for it (its `Server-Timing` header: what the machine's load does not inflate).
3. Export: time (wall, CPU) and peak Python memory (tracemalloc, a second run) while writing the reviewed
   TMX of 10k and of `--units` units (pairs of 1,000 sentences), to show it stays flat as the TM grows.
Texts are real sentences (TransRead, cycled); beads are 1:1 with m:n and null beads mixed in.
"""

from __future__ import annotations

import argparse
import os
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import httpx

from bench.review.gold import load

OUT = Path(__file__).resolve().parents[1] / "out" / "review"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def sentences() -> tuple[list[str], list[str]]:
    src, tgt = [], []
    for doc in load("transread-dev") + load("transread-test"):
        src += doc.src
        tgt += doc.tgt
    return src, tgt


def pair_record(n: int, size: int, texts: tuple[list[str], list[str]], rng: random.Random) -> dict:
    src_pool, tgt_pool = texts
    beads, i, j = [], 0, 0
    while i < size or j < size:
        a, b = rng.choices([(1, 1), (2, 1), (1, 2), (1, 0), (0, 1)], [90, 3, 3, 2, 2])[0]
        a, b = min(a, size - i), min(b, size - j)
        if a == 0 and b == 0:
            a, b = (1, 0) if i < size else (0, 1)
        s, t = list(range(i, i + a)), list(range(j, j + b))
        beads.append({"src": s, "tgt": t, "score": round(rng.uniform(0.3, 1.0), 4),
                      "source": " ".join(src_pool[(n * 7 + x) % len(src_pool)] for x in s),
                      "target": " ".join(tgt_pool[(n * 7 + y) % len(tgt_pool)] for y in t)})
        i, j = i + a, j + b
    return {"src": f"doc{n:04d}.fr.txt", "tgt": f"doc{n:04d}.en.txt", "method": "name", "beads": beads,
            "src_segments": [src_pool[(n * 7 + x) % len(src_pool)] for x in range(size)],
            "tgt_segments": [tgt_pool[(n * 7 + y) % len(tgt_pool)] for y in range(size)]}


def write_corpus(folder: Path, pairs: int, size: int, texts) -> Path:
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    report = {"src_lang": "en", "tgt_lang": "fr", "signature": {}, "mined": [],
              "pairs": [pair_record(n, size, texts, rng) for n in range(pairs)]}
    (folder / "corpus-report.json").write_text(json.dumps(report), encoding="utf-8")
    return folder


def start_server(folder: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "align", "review", str(folder), "--port", "0", "--no-browser"],
                               stdout=subprocess.PIPE, text=True)
    url = process.stdout.readline().split(" at ")[1].split(" ")[0]
    return process, url


READY = """
const entry = performance.getEntriesByType("resource").find(e => /\\/api\\/pairs\\/0\\?count=/.test(e.name));
const page = performance.getEntriesByType("navigation")[0];
return window.reviewReadyAt ? [window.reviewReadyAt, entry.responseEnd, entry.responseStart - entry.requestStart,
  (entry.serverTiming.find(t => t.name === "app") || {}).duration, page.responseEnd, page.domContentLoadedEventEnd,
  entry.startTime] : null;
"""


def process_cpu_s(pid: int) -> float:
    """User + system CPU time of a process so far, all its threads (uvicorn's loop, the handlers' pool)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def open_times(url: str, runs: int = 3) -> list[dict]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                     f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    times = []
    try:
        for _ in range(runs):
            driver.get(url + "pairs/0")
            deadline = time.time() + 60
            while time.time() < deadline:
                ready = driver.execute_script(READY)
                if ready:
                    at, received, waited, server_cpu, html, parsed, asked = (x / 1000 for x in ready)
                    times.append({"ready_s": round(at, 3), "html_s": round(html, 3), "page_parsed_s": round(parsed, 3),
                                  "fetch_start_s": round(asked, 3), "server_wall_s": round(waited, 3),
                                  "server_cpu_s": round(server_cpu, 3), "render_s": round(at - received, 3)})
                    break
                time.sleep(0.05)
    finally:
        driver.quit()
    return times


def correction_times(url: str, rounds: int, rng: random.Random, server_pid: int) -> dict[str, dict[str, float]]:
    """Per kind of correction: wall time from request to answer, the handler's CPU (`Server-Timing`); and
    `all`: the server process's CPU per request, all threads (what an idle machine's wall time would be)."""
    # TCP_NODELAY as browsers set it: without it, Nagle's algorithm holds a POST's body until the server's
    # delayed ACK (40 ms on Linux), which the benchmark would measure instead of the server.
    nodelay = httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
    client = httpx.Client(base_url=url, timeout=30, transport=nodelay)
    token = client.get("/api/session").json()["csrf_token"]
    pair = client.get("/api/pairs/0").json()
    version, count = pair["version"], len(pair["beads"])
    server_cpu, requests = process_cpu_s(server_pid), 0
    timings: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    kinds = ["accept", "reject", "merge", "split", "move", "edit", "undo"]
    for n in range(rounds):
        op = kinds[n % len(kinds)]
        bead = rng.randrange(1, count - 2)
        body = {"op": op, "version": version, "bead": bead}
        if op == "split":
            client.post("/api/pairs/0/actions", json={"op": "merge", "version": version, "bead": bead},
                        headers={"X-CSRF-Token": token})
            version, requests = version + 1, requests + 1
            body.update(version=version, src_at=1, tgt_at=1)
        elif op == "move":
            body.update(side="src", direction="next")
        elif op == "edit":
            body = {"op": op, "version": version, "side": "src", "sentence": bead, "text": f"Corrected {n}."}
        start = time.perf_counter()
        answer = client.post("/api/pairs/0/actions", json=body, headers={"X-CSRF-Token": token})
        elapsed = time.perf_counter() - start
        requests += 1
        if answer.status_code != 200:
            continue
        cpu.setdefault(op, []).append(float(answer.headers["server-timing"].split("dur=")[1]))
        data = answer.json()
        version = data["version"]
        count += len(data["beads"]) - (data["remove"] if data["remove"] is not None else count)
        timings.setdefault(op, []).append(elapsed * 1000)
    server_cpu = process_cpu_s(server_pid) - server_cpu
    return {"all": {"n": requests, "server_process_cpu_ms": round(server_cpu * 1000 / max(requests, 1), 1)}} | {
            op: {"n": len(v), "median_ms": round(statistics.median(v), 1),
                 "p95_ms": round(sorted(v)[int(0.95 * (len(v) - 1))], 1), "max_ms": round(max(v), 1),
                 "server_cpu_median_ms": round(statistics.median(cpu[op]), 1), "server_cpu_max_ms": round(max(cpu[op]), 1)}
            for op, v in timings.items()}


def export_memory(folder: Path) -> dict:
    """Export the folder's reviewed TMX twice: timed (wall and this process's CPU), then under tracemalloc
    for the peak of Python memory (tracemalloc slows Python code several times: never time with it on)."""
    from align.review.decisions import Decisions
    from align.review.export import export
    from align.review.source import open_folder
    from align.review.store import Store

    decisions = Decisions(Store(folder / "review.sqlite"), open_folder(folder))
    start, cpu = time.perf_counter(), time.process_time()
    result = export(decisions, ("tmx",))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    decisions = Decisions(Store(folder / "review.sqlite"), open_folder(folder))
    tracemalloc.start()
    export(decisions, ("tmx",))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"units": result["files"]["tmx"]["units"], "seconds": round(elapsed, 1), "cpu_seconds": round(cpu, 1),
            "peak_mib": round(peak / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--units", type=int, default=100000)
    parser.add_argument("--rounds", type=int, default=140)
    parser.add_argument("--no-export", action="store_true", help="skip the export measurement (minutes)")
    args = parser.parse_args()
    texts = sentences()
    work = Path(tempfile.mkdtemp(prefix="align-review-speed-"))
    results = {"sentences": args.sentences}
    big = write_corpus(work / "big", 1, args.sentences, texts)
    process, url = start_server(big)
    try:
        results["open_s"] = open_times(url)
        results["corrections"] = correction_times(url, args.rounds, random.Random(11), process.pid)
    finally:
        process.kill()
    results["load_average"] = os.getloadavg()[0]
    # Pairs of 1,000 sentences: 10 of them, then units/1000; memory must not grow with the number of pairs.
    results["export"] = [] if args.no_export else [
        export_memory(write_corpus(work / f"export{units}", units // 1000, 1000, texts)) for units in (10000, args.units)]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "speed.json").write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
