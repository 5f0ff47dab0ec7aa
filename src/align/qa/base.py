"""The contract every QA check follows: a `Check` looks at units and yields `Finding`s.

Why so small: a newcomer adds a check by copying a sibling module in `qa/checks/`, setting `id`,
`severity` and `description`, and writing `check(unit, context)`. Checks that need the whole file
(consistency across units) set `scope = "corpus"` and implement `check_all(units, context)` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from align.glossary.extract import TermAnalysis
    from align.glossary.model import Glossary, TermPair
    from align.model import TranslationUnit

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Span:
    """Characters `start:end` of the unit's `side` ("source" or "target") that the finding is about."""

    side: str
    start: int
    end: int


@dataclass
class Finding:
    """One problem in one unit. `unit` is the unit's tuid, or its 1-based position in the file when it has none."""

    unit: str
    check: str
    severity: str
    message: str
    source: str
    target: str
    spans: list[Span] = field(default_factory=list)
    position: int = 0  # 1-based position of the unit in the file (stable order for reports)
    file: str = ""  # the checked file's name (set by the runner)
    line: int | None = None  # the unit's line in that file, when its reader knows it

    @property
    def where(self) -> str:
        """`file:line` (or what is known of it): where an editor opens the unit."""
        place = self.file or ""
        if self.line is not None:
            place = f"{place}:{self.line}" if place else f"line {self.line}"
        return place

    @property
    def target_hash(self) -> str:
        """Ties an accepted finding to this exact target: editing the target makes the finding come back."""
        from align.qa.suppress import text_hash

        return text_hash(self.target)

    def as_dict(self) -> dict:
        return {
            "unit": self.unit,
            "position": self.position,
            "file": self.file,
            "line": self.line,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "source": self.source,
            "target": self.target,
            "target_hash": self.target_hash,
            "spans": [{"side": s.side, "start": s.start, "end": s.end} for s in self.spans],
        }


def unit_label(unit: "TranslationUnit", position: int) -> str:
    """The id a finding names: the unit's tuid, else its 1-based position."""
    return unit.tuid if unit.tuid else str(position)


class QAContext:
    """What checks may consult besides the unit: the whole file, the glossary, extracted term pairs.

    The term engine's analysis (`align.glossary.analyse_terms`: word alignment over the whole file) is
    computed lazily, once per run: checks that never ask for it cost nothing, and its signature goes into
    the QA signature when it ran (`term_settings`).
    """

    def __init__(self, units: Sequence["TranslationUnit"], glossary: "Glossary | None" = None,
                 use_extractor: bool = False) -> None:
        self.units = list(units)
        self.glossary = glossary
        self.use_extractor = use_extractor
        self.cache: dict[object, object] = {}  # shared work between checks (e.g. acronym statistics)

    @cached_property
    def term_analysis(self) -> "TermAnalysis":
        """The term engine's analysis of the file (`align.glossary.analyse_terms`), computed once."""
        from align.glossary.extract import TermSettings, analyse_terms  # lazily: it loads lexicons

        first = self.units[0] if self.units else None
        settings = TermSettings(first.src_lang, first.tgt_lang) if first else TermSettings()
        return analyse_terms(self.units, settings)

    def term_settings(self) -> dict[str, object]:
        """The term engine's signature settings (`terms.*`) when a check used it in this run, else
        `terms: off`: the QA signature then says which aligner, thresholds and lexicons found the terms."""
        if "term_analysis" not in self.__dict__:
            return {"terms": "off"}
        return {f"terms.{key}": value for key, value in self.term_analysis.settings.signature().settings.items()}

    @cached_property
    def extracted_pairs(self) -> list["TermPair"]:
        """Candidate term pairs of the term engine (empty unless `use_extractor`)."""
        if not self.use_extractor or not self.units:
            return []
        return list(self.term_analysis.glossary.pairs)

    def label(self, position: int) -> str:
        return unit_label(self.units[position - 1], position)


class Check:
    """Base class of a QA check.

    Subclasses set `id` (stable, used in reports, config and accept files), `severity` (the default,
    overridable per check in the config file), `description` (one line for `--help` and reports) and
    `options` (tunable settings with their defaults; the config file may override them).
    """

    id: str = ""
    severity: str = "warning"
    description: str = ""
    scope: str = "unit"  # "unit": check(unit) per unit; "corpus": check_all(units) once
    options: dict[str, object] = {}
    skip_empty_target: bool = True  # most checks have nothing to say about a missing translation

    def __init__(self, severity: str | None = None, **options: object) -> None:
        if severity is not None:
            self.severity = severity
        unknown = set(options) - set(self.options)
        if unknown:
            from align.errors import ConfigError

            raise ConfigError(f"check {self.id!r} has no option {', '.join(sorted(unknown))} "
                              f"(known: {', '.join(sorted(self.options)) or 'none'})")
        self.settings = {**self.options, **options}

    def finding(self, unit: "TranslationUnit", position: int, message: str,
                spans: Iterable[Span] = (), weak: bool = False) -> Finding:
        """A finding of this check; `weak` ones (a check's case measured as often not a problem) are `info`."""
        severity = "info" if weak else self.severity
        return Finding(unit=unit_label(unit, position), check=self.id, severity=severity,
                       message=message, source=unit.source, target=unit.target, spans=list(spans),
                       position=position, line=unit.line)

    def check(self, unit: "TranslationUnit", position: int, context: QAContext) -> Iterator[Finding]:
        """Findings for one unit (`position` is 1-based). Unit-scope checks override this."""
        return iter(())

    def check_all(self, context: QAContext) -> Iterator[Finding]:
        """Findings over the whole file. Corpus-scope checks override this."""
        for position, unit in enumerate(context.units, start=1):
            if self.skip_empty_target and not unit.target.strip():
                continue
            yield from self.check(unit, position, context)
