"""Accepted findings: a file listing findings a reviewer has accepted, so they no longer count.

Two forms are read:
- TSV, one finding a line: `unit<TAB>check[<TAB>target_hash]` (`#` starts a comment; check `*`
  accepts every check of that unit);
- JSON: a list of `{"unit": ..., "check": ..., "target_hash": ...}` objects, or a whole JSON report of
  `align qa --format json` (its `findings`), so that "accept everything reported today" is one command.
With a target hash, the acceptance holds only while the target text is unchanged: an edited
translation is checked afresh.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.fileio import read_utf8_text


def text_hash(text: str) -> str:
    """A short, stable fingerprint of a target (whitespace-normalised)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Acceptance:
    unit: str
    check: str
    target_hash: str | None = None

    def matches(self, finding) -> bool:
        """Same unit, same check (`*` accepts every check), and the same target when a hash is given."""
        return (finding.unit == self.unit and self.check in (finding.check, "*")
                and (self.target_hash is None or self.target_hash == finding.target_hash))


def load_accepted(path: str | Path | None) -> list[Acceptance]:
    if path is None:
        return []
    path = Path(path)
    text = read_utf8_text(path, "accept file")
    if text.lstrip().startswith(("[", "{")):
        return _from_json(text, path)
    return _from_tsv(text, path)


def _from_json(text: str, path: Path) -> list[Acceptance]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: accept file is not valid JSON ({error})") from None
    except RecursionError:
        raise InputError(f"{path}: accept file is nested too deeply to be a list of findings") from None
    items = data.get("findings") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError(f"{path}: expected a list of accepted findings or a JSON report with 'findings'")
    accepted = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or "unit" not in item or "check" not in item:
            raise InputError(f"{path}: entry {number} needs 'unit' and 'check'")
        _check_entry(item, number, path)
        target_hash = item.get("target_hash")
        if target_hash is None and "target" in item:
            target_hash = text_hash(item["target"])
        accepted.append(Acceptance(str(item["unit"]), str(item["check"]), target_hash))
    return accepted


def _check_entry(item: dict, number: int, path: Path) -> None:
    """InputError for a value that would silently match nothing: a null or non-text field, an empty unit
    or check, a lone surrogate (not Unicode: no finding's text can hold it)."""
    for key in ("unit", "check", "target", "target_hash"):
        if key not in item or (key == "target_hash" and item[key] is None):
            continue
        value = item[key]
        if key == "unit" and isinstance(value, int) and not isinstance(value, bool):
            continue  # a position written as a number
        required = key in ("unit", "check")
        if not isinstance(value, str) or (required and not value.strip()):
            kind = "a non-empty string" if required else "a string"
            raise InputError(f"{path}: entry {number}: '{key}' must be {kind}, not {value!r}"[:300])
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"{path}: entry {number}: '{key}' holds a lone surrogate (not valid Unicode)") from None


def _from_tsv(text: str, path: Path) -> list[Acceptance]:
    accepted = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) not in (2, 3) or not fields[0].strip() or not fields[1].strip():
            raise InputError(f"{path}: line {number}: expected 'unit<TAB>check[<TAB>target_hash]'")
        accepted.append(Acceptance(fields[0].strip(), fields[1].strip(),
                                   fields[2].strip() if len(fields) == 3 and fields[2].strip() else None))
    return accepted
