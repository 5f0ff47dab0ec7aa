"""Run the hostile-input corpus (tests/hostile_corpus.py) through the real `align` command and count outcomes.

    python -m bench.hardening.probe                       # this checkout's code
    python -m bench.hardening.probe --pythonpath /tmp/old/src --label before
    python -m bench.hardening.probe --only docx --skip-slow

Each case runs `python -m align ...` in a fresh folder. Handled: exit 2 with one error line naming the file,
no traceback, nothing written, no input changed (or, for readable inputs, exit 0 with the text whole and
any warning said). Anything else is not handled: a traceback, exit 0 with loss, a partial or extra output.
Besides the generated corpus, the probe tries what tests cannot do everywhere: a real full disk (a 64 kB
tmpfs, when this machine lets us mount one). Results: bench/out/hardening/probe-LABEL.json and a
markdown table on stdout (tried, handled, not handled, by category; peak memory and time of the worst case).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def _load_corpus():
    """tests/hostile_corpus.py, loaded by path: a site-packages `tests` package can shadow ours."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("hostile_corpus", Path("tests/hostile_corpus.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


_corpus = _load_corpus()
Case, judge, make_cases, prepare, tmx = _corpus.Case, _corpus.judge, _corpus.make_cases, _corpus.prepare, _corpus.tmx

OUT = Path("bench/out/hardening")
TIMEOUT_S = 600


def run_case(case: Case, pythonpath: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="align-probe-") as tmp:
        folder = Path(tmp)
        before = prepare(case, folder)
        env = {**os.environ, **case.env, "PYTHONPATH": pythonpath, "ALIGN_CACHE_DIR": str(folder / ".." /
               f"{folder.name}-cache")}
        started = time.perf_counter()
        with open(folder.parent / f"{folder.name}.err", "w+", encoding="utf-8") as err:
            process = subprocess.Popen([sys.executable, "-m", "align", *case.argv], cwd=folder, env=env,
                                       stdout=subprocess.DEVNULL, stderr=err)
            try:
                _, status, usage = _wait(process)
                code = os.waitstatus_to_exitcode(status)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                code, usage = -9, None
            err.seek(0)
            stderr = err.read()
        os.unlink(folder.parent / f"{folder.name}.err")
        seconds = time.perf_counter() - started
        handled, why = judge(case, folder, code, stderr, before) if code != -9 else (False, "timed out")
    return {"id": case.id, "category": case.category, "expect": case.expect, "exit": code, "handled": handled,
            "why": why, "seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024) if usage else None}


def _wait(process: subprocess.Popen):
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage
        time.sleep(0.05)
    raise subprocess.TimeoutExpired(process.args, TIMEOUT_S)


def full_disk_case(pythonpath: str) -> dict | None:
    """`align convert` into a full 64 kB tmpfs: one line, exit 2, the old output intact. None if no mount."""
    mount = Path(tempfile.mkdtemp(prefix="align-full-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        mount.rmdir()
        return None
    try:
        work = Path(tempfile.mkdtemp(prefix="align-probe-"))
        units = "".join(tmx().split("<body>")[1].split("</body>")[0] for _ in range(1500))
        (work / "big.tmx").write_text(tmx().replace("<body>", "<body>" + units), encoding="utf-8")
        (mount / "out.tsv").write_text("old\n", encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "align", "convert", "big.tmx", str(mount / "out.tsv")],
                                cwd=work, env={**os.environ, "PYTHONPATH": pythonpath}, capture_output=True,
                                text=True)
        lines = result.stderr.strip().splitlines()
        intact = (mount / "out.tsv").read_text(encoding="utf-8") == "old\n"
        leftovers = sorted(p.name for p in mount.iterdir() if p.name != "out.tsv")
        handled = result.returncode == 2 and len(lines) == 1 and "Traceback" not in result.stderr and intact \
            and not leftovers
        why = lines[-1][:160] if lines else f"exit {result.returncode}"
        return {"id": "os/full-disk-tmpfs", "category": "os", "expect": "refused", "exit": result.returncode,
                "handled": handled, "why": why, "seconds": None, "peak_mb": None}
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
        mount.rmdir()


def table(results: list[dict]) -> str:
    tried, handled = Counter(r["category"] for r in results), Counter(r["category"] for r in results if r["handled"])
    rows = ["| category | tried | handled | not handled |", "|---|---:|---:|---:|"]
    for category in tried:
        rows.append(f"| {category} | {tried[category]} | {handled[category]} | {tried[category] - handled[category]} |")
    total = sum(tried.values())
    rows.append(f"| **all** | **{total}** | **{sum(handled.values())}** | **{total - sum(handled.values())}** |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pythonpath", default=str(Path("src").resolve()), help="The align sources to probe.")
    parser.add_argument("--label", default="after")
    parser.add_argument("--only", help="Run only the cases whose id contains one of these (comma-separated).")
    parser.add_argument("--skip-slow", action="store_true", help="Leave out the cases that embed text.")
    args = parser.parse_args()
    wanted = args.only.split(",") if args.only else []
    cases = [c for c in make_cases() if (not wanted or any(w in c.id for w in wanted))
             and not (args.skip_slow and c.slow)]
    results = []
    for number, case in enumerate(cases, 1):
        result = run_case(case, args.pythonpath)
        results.append(result)
        mark = "ok " if result["handled"] else "NOT"
        print(f"[{number}/{len(cases)}] {mark} {case.id}: {result['why']}", file=sys.stderr, flush=True)
    if not args.only:
        disk = full_disk_case(args.pythonpath)
        if disk is not None:
            results.append(disk)
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"probe-{args.label}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    worst = max((r for r in results if r["peak_mb"]), key=lambda r: r["peak_mb"], default=None)
    slowest = max((r for r in results if r["seconds"]), key=lambda r: r["seconds"], default=None)
    if worst and slowest:
        print(f"\npeak memory: {worst['peak_mb']} MB ({worst['id']}); slowest: {slowest['seconds']} s "
              f"({slowest['id']})")
    for r in results:
        if not r["handled"]:
            print(f"- not handled: {r['id']}: {r['why']}")
    print(f"\n{out}", file=sys.stderr)


if __name__ == "__main__":
    main()
