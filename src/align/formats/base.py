"""The small contract every bilingual file format follows, and what all writers share.

A format is one class with `name`, `extensions`, `sniff`, `read` and `write` (one module per format:
`tmx.py`, `tsv.py`, `xliff.py`); `registry.py` picks one by extension or content. Writers stream: they
consume an iterable of units once and never hold it in memory. `UnitFilter` applies the options every
writer honours (min_score, keep_null, dedupe, XML-forbidden characters, long-segment warnings) and
counts what it did, so that `WriteReport` can tell the user what was skipped and why.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar, Iterable, Iterator

from align.errors import ConfigError
from align.formats.languages import normalise_lang, primary
from align.formats.xmlsafe import has_forbidden, strip_forbidden
from align.model import TranslationUnit
from align.signature import Signature

LONG_SEGMENT = 2000  # characters; Trados Cloud rejects longer segments
#: Alignment scores below this are worth a reviewer's look (the build report's low-confidence line, 0.5).
REVIEW_BELOW = 0.5
_EXAMPLES = 10  # long-segment warnings kept verbatim in a report (the rest are counted)


@dataclass
class WriteOptions:
    """Options of `write_units` (all formats; a format ignores the ones it has no use for).

    lang_style:     "region" (fr-FR, en-GB) or "bare" (fr, en) language codes in the file.
    min_score:      skip units whose alignment score is below this (units without a score are kept).
    keep_null:      keep units with an empty side (1:0 / 0:1 beads); skipped by default.
    dedupe:         write identical source+target pairs once.
    creation_date:  a fixed `datetime` or `YYYYMMDDThhmmssZ` string for reproducible files; default now.
    max_segment_chars: segments longer than this are written but reported (Trados Cloud limit).
    original:       XLIFF `<file original=...>`; default the output file name.
    review_below:   XLIFF targets of units scoring below this get `state="needs-review-translation"`
                    (None: every target is `translated`).
    """

    lang_style: str = "region"
    min_score: float | None = None
    keep_null: bool = False
    dedupe: bool = False
    creation_date: datetime | str | None = None
    max_segment_chars: int = LONG_SEGMENT
    original: str | None = None
    review_below: float | None = REVIEW_BELOW

    @classmethod
    def from_kwargs(cls, options: dict) -> "WriteOptions":
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(f"unknown write option(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**options)

    def tmx_date(self) -> str:
        """The creation date in TMX form, UTC: `20231212T093000Z`."""
        date = self.creation_date
        if isinstance(date, str):
            try:
                datetime.strptime(date, "%Y%m%dT%H%M%SZ")
            except ValueError:
                raise ConfigError(f"creation_date {date!r} is not YYYYMMDDThhmmssZ") from None
            return date
        if date is None:
            date = datetime.now(timezone.utc)
        elif date.tzinfo is None:
            date = date.replace(tzinfo=timezone.utc)
        return date.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


@dataclass
class WriteReport:
    """What a writer did: units written, units skipped by reason, characters removed, long segments."""

    path: Path
    format: str
    src_lang: str
    tgt_lang: str
    written: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count: null, empty, below-min-score, duplicate
    chars_removed: int = 0  # XML-forbidden characters removed from texts and props
    units_with_removed_chars: int = 0
    long_segments: int = 0
    long_segment_examples: list[str] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """Human-readable warnings (empty when there is nothing to say)."""
        lines = []
        if self.chars_removed:
            lines.append(f"{self.chars_removed} character(s) that XML 1.0 forbids were removed "
                         f"from {self.units_with_removed_chars} unit(s)")
        if self.long_segments:
            lines.append(f"{self.long_segments} segment(s) longer than {LONG_SEGMENT} characters "
                         f"(Trados Cloud rejects them): " + "; ".join(self.long_segment_examples)
                         + (" ..." if self.long_segments > len(self.long_segment_examples) else ""))
        return lines

    def summary(self) -> str:
        text = f"wrote {self.written} unit(s) ({self.src_lang} -> {self.tgt_lang}) to {self.path}"
        if self.skipped:
            text += "; skipped " + ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
        return text


@dataclass
class UnitStore:
    """A bilingual file opened for reading: its languages, header properties and a stream of units.

    `units` is an iterator (read once). `skipped` counts units the reader did not yield, by reason
    (`missing-language`: a TMX `tu` without the pair; `not-translatable`: XLIFF `translate="no"`;
    `untranslated`: with `translated_only`); it fills up while `units` is consumed. Unpacks as a 3-tuple:
    `src_lang, tgt_lang, units = read_store(path)`.
    """

    path: Path
    format: str
    src_lang: str
    tgt_lang: str
    units: Iterator[TranslationUnit]
    header: dict[str, str] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)

    def __iter__(self):
        return iter((self.src_lang, self.tgt_lang, self.units))


def unit_score(unit: TranslationUnit) -> float | None:
    """The alignment score of a unit: `unit.score`, else its `score` prop, else None."""
    if unit.score is not None:
        return unit.score
    value = unit.props.get("score")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def prop_score(props: dict[str, str]) -> float | None:
    """The alignment score a reader finds in a unit's `score` prop (None when absent or not a number)."""
    try:
        return float(props["score"]) if "score" in props else None
    except ValueError:
        return None


def bare_key(key: str) -> str:
    """A prop name as read from a file, without the `x-` prefix TMX and XLIFF user props carry on disk."""
    return key[2:] if key.startswith("x-") else key


def provenance(unit: TranslationUnit) -> dict[str, str]:
    """The props a writer records (bare keys, as `TranslationUnit.props` holds them; TMX and XLIFF add the
    `x-` prefix on disk), plus `score` (4 decimals) from `unit.score` when the unit has no score prop."""
    props = dict(unit.props)
    if "score" not in props and unit.score is not None:
        props["score"] = f"{unit.score:.4f}"
    return props


class UnitFilter:
    """Applies the write options to a stream of units and records what it did in a WriteReport.

    Why one shared class: every format must skip, dedupe and clean the same way, so a TMX and a TSV
    written from the same units hold the same pairs.
    """

    def __init__(self, options: WriteOptions, report: WriteReport, *, xml: bool):
        self.options = options
        self.report = report
        self.xml = xml
        self._seen: set[bytes] = set()
        self._src_primary = primary(report.src_lang)
        self._tgt_primary = primary(report.tgt_lang)
        self._checked_pairs: set[tuple[str, str]] = set()  # language pairs already accepted

    def __call__(self, units: Iterable[TranslationUnit]) -> Iterator[TranslationUnit]:
        for number, unit in enumerate(units, 1):
            self._check_languages(unit, number)
            if self.xml:
                unit = self._clean(unit)
            reason = self._skip_reason(unit)
            if reason:
                self.report.skipped[reason] += 1
                continue
            self._check_length(unit, number)
            self.report.written += 1
            yield unit

    def _check_languages(self, unit: TranslationUnit, number: int) -> None:
        if (unit.src_lang, unit.tgt_lang) in self._checked_pairs:
            return
        if primary(unit.src_lang) != self._src_primary or primary(unit.tgt_lang) != self._tgt_primary:
            raise ConfigError(
                f"unit {number} is {unit.src_lang} -> {unit.tgt_lang} but {self.report.path} is being written as "
                f"{self.report.src_lang} -> {self.report.tgt_lang} (one language pair per file)")
        self._checked_pairs.add((unit.src_lang, unit.tgt_lang))

    def _clean(self, unit: TranslationUnit) -> TranslationUnit:
        everything = "".join((unit.source, unit.target, unit.tuid or "", *unit.notes,
                              *map(str, unit.props), *map(str, unit.props.values())))
        if not has_forbidden(everything):
            return unit  # the common case: one regex search per unit
        source, n_source = strip_forbidden(unit.source)
        target, n_target = strip_forbidden(unit.target)
        removed = n_source + n_target
        props = {}
        for key, value in unit.props.items():
            clean_key, n_key = strip_forbidden(str(key))
            clean_value, n_value = strip_forbidden(str(value))
            props[clean_key] = clean_value
            removed += n_key + n_value
        notes = []
        for note in unit.notes:
            clean_note, n_note = strip_forbidden(note)
            notes.append(clean_note)
            removed += n_note
        tuid = unit.tuid
        if tuid is not None:
            tuid, n_tuid = strip_forbidden(tuid)
            removed += n_tuid
        if not removed:
            return unit
        self.report.chars_removed += removed
        self.report.units_with_removed_chars += 1
        return TranslationUnit(source, target, unit.src_lang, unit.tgt_lang, tuid, props, notes, unit.score)

    def _skip_reason(self, unit: TranslationUnit) -> str | None:
        has_source, has_target = bool(unit.source.strip()), bool(unit.target.strip())
        if not has_source and not has_target:
            return "empty"
        if not (has_source and has_target) and not self.options.keep_null:
            return "null"
        if self.options.min_score is not None:
            score = unit_score(unit)
            if score is not None and score < self.options.min_score:
                return "below-min-score"
        if self.options.dedupe:
            key = hashlib.blake2b(f"{unit.source}\x00{unit.target}".encode("utf-8", "surrogatepass"),
                                  digest_size=16).digest()
            if key in self._seen:
                return "duplicate"
            self._seen.add(key)
        return None

    def _check_length(self, unit: TranslationUnit, number: int) -> None:
        limit = self.options.max_segment_chars
        for side, text in (("source", unit.source), ("target", unit.target)):
            if len(text) > limit:
                self.report.long_segments += 1
                if len(self.report.long_segment_examples) < _EXAMPLES:
                    self.report.long_segment_examples.append(
                        f"unit {unit.tuid or number} {side} {len(text)} chars")


class Format:
    """One bilingual file format. Subclasses set `name` and `extensions` and implement the three methods."""

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    read_extensions: ClassVar[tuple[str, ...]] = ()  # more extensions it reads but never writes
    xml: ClassVar[bool] = False  # XML formats strip characters XML 1.0 forbids

    def sniff(self, head: str) -> bool:
        """True when the first characters of a file (decoded) look like this format."""
        raise NotImplementedError

    def read(self, path: Path, *, src_lang: str | None = None, tgt_lang: str | None = None,
             inline: str = "text", translated_only: bool = False) -> UnitStore:
        """Open `path`: languages known at once, units streamed, each with the `line` it starts on.

        `src_lang`/`tgt_lang` choose (or, for formats without languages, declare) which language is read
        as source and which as target. `inline`: inline codes flattened to "text" or kept as "tags"
        (see `inline.py`; formats without codes ignore it). `translated_only`: skip the units the file
        marks as not translated yet (XLIFF: no target, or an empty one), counted in `store.skipped`;
        formats without that notion ignore it (an empty TMX or TSV target is an empty translation)."""
        raise NotImplementedError

    def write(self, path: Path, units: Iterable[TranslationUnit], report: WriteReport, options: WriteOptions,
              signature: Signature | None) -> None:
        """Write `units` (already filtered and cleaned) atomically to `path`, counting into `report`."""
        raise NotImplementedError

    def file_langs(self, src_lang: str, tgt_lang: str, options: WriteOptions) -> tuple[str, str]:
        """The language codes as this format writes them (normalised to the requested style)."""
        return normalise_lang(src_lang, options.lang_style), normalise_lang(tgt_lang, options.lang_style)
