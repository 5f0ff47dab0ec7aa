"""What a new user does first: the README's test command collects, and every tour command names files that
exist in the repository or are written by a command above it."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from align.cli import cli
from conftest import CORPUS

REPO = Path(__file__).resolve().parents[1]
_OUTPUT_OPTIONS = {"-o", "--output", "--stats"}


def tour_commands() -> list[list[str]]:
    """The `align` commands of the README's tour, continuation lines joined, comments dropped."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## A quick tour.*?```bash\n(.*?)```", readme, re.S).group(1)
    joined = re.sub(r"\\\n\s*", " ", block)
    return [shlex.split(line, comments=True) for line in joined.splitlines() if line.startswith("align ")]


def test_plain_pytest_collects_every_test():
    """`pytest`, not only `python -m pytest`: test modules import helpers the same way under both."""
    code = "import sys, pytest; sys.exit(pytest.main(['--collect-only', '-q']))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "error" not in result.stdout.splitlines()[-1].lower()


def test_every_tour_command_names_files_that_exist():
    commands = tour_commands()
    assert len(commands) >= 12 and {c[1] for c in commands} >= {"build", "pair", "eval", "mine", "segment",
                                                                "convert", "glossary", "qa"}
    written: set[str] = set()
    for command in commands:
        args = command[1:]
        outputs = {args[i + 1] for i, arg in enumerate(args[:-1]) if arg in _OUTPUT_OPTIONS}
        if args[0] == "convert":
            outputs.add(args[2])
        for arg in args[1:]:
            assert "*" not in arg and "?" not in arg, f"a shell glob in the tour: {' '.join(command)}"
            if arg in outputs or arg.startswith("-") or "://" in arg or not re.search(r"/|\.[a-z]\w*$", arg):
                continue
            produced = arg in written or any(arg.startswith(folder) for folder in written if folder.endswith("/"))
            assert produced or (REPO / arg).exists(), f"{arg} (in `{' '.join(command)}`) does not exist"
        written |= outputs


def test_tour_segment_commands_run_as_written(monkeypatch):
    monkeypatch.chdir(REPO)
    for command in tour_commands():
        if command[1] == "segment":
            result = CliRunner().invoke(cli, command[1:])
            assert result.exit_code == 0, f"{' '.join(command)}: {result.output}"
            assert len(result.output.splitlines()) >= 5


def test_pair_unknown_output_extension_lists_every_format(tmp_path):
    name = "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"
    out = tmp_path / "pulwama.csv"
    result = CliRunner().invoke(cli, ["pair", str(CORPUS / "fr" / name), str(CORPUS / "en" / name), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    expected = "unknown output extension '.csv'; use one of .tmx, .tsv, .xliff, .xlf, .beads"
    assert result.output.strip().endswith(expected)
