"""Resource limits on untrusted input, each one raisable by an environment variable.

Why: a 1 MB archive can inflate to gigabytes, and one 100,000-character "sentence" keeps the encoder busy
for minutes. Each limit has a default that real documents stay far below and an `ALIGN_MAX_*` variable
to raise it (the error message names the variable). Values are read when checked, so a test or a
long-running caller can change them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from align.errors import ConfigError, LimitError

_MB = 1 << 20


@dataclass(frozen=True)
class Limit:
    """One named limit: `env` overrides `default` (in `unit`s; MB limits are converted to bytes)."""

    env: str
    default: int
    unit: str  # "MB" or "characters"
    what: str  # e.g. "input file size"

    def value(self) -> int:
        """The limit in bytes (for MB limits) or characters."""
        raw = os.environ.get(self.env, "").strip()
        amount = self.default
        if raw:
            try:
                amount = int(raw)
            except ValueError:
                raise ConfigError(f"{self.env}={raw!r}: not a whole number of {self.unit}") from None
            if amount <= 0:
                raise ConfigError(f"{self.env}={raw!r}: must be a positive number of {self.unit}")
        return amount * _MB if self.unit == "MB" else amount

    def over(self) -> str:
        """The end of an error message: which limit was passed and how to raise it."""
        amount = self.value() // _MB if self.unit == "MB" else self.value()
        return f"over the {self.what} limit of {amount} {self.unit}; raise it with the environment variable {self.env}"


#: Any input file (documents, bilingual files, glossaries, rules) read by a command.
FILE_SIZE = Limit("ALIGN_MAX_FILE_MB", 200, "MB", "file size")
#: The total decompressed size of a .docx (its parts inflated), checked before anything is inflated.
DECOMPRESSED_SIZE = Limit("ALIGN_MAX_DECOMPRESSED_MB", 200, "MB", "decompressed size")
#: Characters of one segment given to the sentence encoder (longer ones are shortened, with a warning).
ENCODE_CHARS = Limit("ALIGN_MAX_ENCODE_CHARS", 4000, "characters", "text length sent to the encoder")
#: Characters of one SRX rule pattern or glossary term (longer ones make regexes run for minutes).
PATTERN_CHARS = Limit("ALIGN_MAX_PATTERN_CHARS", 10000, "characters", "rule or term length")


def check_file_size(path: str | os.PathLike) -> None:
    """Raise LimitError when `path` is larger than FILE_SIZE (missing files are left to the reader)."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return
    if size > FILE_SIZE.value():
        raise LimitError(f"{path}: the file is {size / _MB:.1f} MB, {FILE_SIZE.over()}")
