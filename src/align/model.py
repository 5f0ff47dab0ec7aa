"""The one data model that travels through every stage, keeping provenance.

Document -> Segment (sentences with offsets back into the normalised text)
         -> Bead (m source : n target segment indices, with a confidence)
         -> TranslationUnit (what file formats read and write).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Paragraph:
    """A block of the normalised text: a heading, a list item or running text.

    `marker` is list numbering (`1.`, `i.`, `a)`, `-`) that belongs to the paragraph; it is kept here
    and never emitted as a segment of its own. `start`/`end` are offsets into `Document.text` and cover
    the paragraph body *after* the marker.
    """

    start: int
    end: int
    kind: str = "text"  # "text" | "heading" | "list-item"
    marker: str | None = None


@dataclass(frozen=True)
class Segment:
    """One sentence (or heading) of a document.

    `start`/`end` are character offsets into `Document.text` (`text == doc.text[start:end]` always holds),
    `paragraph` is the index into `Document.paragraphs`.
    """

    text: str
    start: int
    end: int
    paragraph: int


@dataclass
class Document:
    """A document after ingest: normalised text split into paragraphs; segments after segmentation."""

    text: str
    paragraphs: list[Paragraph]
    path: Path | None = None
    lang: str | None = None
    format: str = "txt"  # reader that produced it: txt, presegmented, docx, html, pdf
    segments: list[Segment] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # e.g. detected encoding, "unwrapped": "yes"

    @property
    def name(self) -> str:
        return self.path.name if self.path else "<memory>"

    def segment_texts(self) -> list[str]:
        return [s.text for s in self.segments]


@dataclass(frozen=True)
class Bead:
    """An alignment link: source segment indices : target segment indices (0-based, consecutive).

    Either side may be empty (1:0 / 0:1 beads list segments without a counterpart). `score` is a
    confidence in [0, 1] (higher is better); the aligner documents how it is computed.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0

    @property
    def is_null(self) -> bool:
        return not self.src or not self.tgt

    def to_text(self) -> str:
        """The Vecalign/Bertalign gold-file form: `[0, 1]:[2]`."""
        return "[{}]:[{}]".format(", ".join(map(str, self.src)), ", ".join(map(str, self.tgt)))


@dataclass
class TranslationUnit:
    """A bilingual unit as file formats see it (TMX `tu`, TSV row, XLIFF `trans-unit`).

    `props` holds provenance under bare keys: document, bead, origin ("parallel" or "mined"), ...; TMX and
    XLIFF write them as `x-document` etc. and their readers give them back bare. The alignment confidence
    is `score`. `tuid` is optional; readers fill it when the file has one. `line` is where a reader found
    the unit (1-based), so that QA findings point into the file; it is bookkeeping, not content: no writer
    records it and it takes no part in equality (a unit read back equals the unit written).
    """

    source: str
    target: str
    src_lang: str = "fr"
    tgt_lang: str = "en"
    tuid: str | None = None
    props: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    score: float | None = None
    line: int | None = field(default=None, compare=False)
