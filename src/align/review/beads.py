"""The corrections a reviewer makes to a document pair's beads, as pure functions.

Every correction is a `Splice`: beads[start:start + len(old)] are replaced by `new`. A splice is
its own undo (swap `old` and `new`), small to store, and small to send to the page (which redraws only
the beads that changed, even in a pair of 5,000 sentences).

The invariant of `align pair` holds after every correction, whatever the reviewer does: every sentence
of both documents is in exactly one bead, in order, and no bead is empty (`check_cover`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from align.errors import InputError

STATUSES = ("machine", "confirmed", "edited", "rejected")


class CorrectionError(InputError):
    """A correction that cannot be made here (merge the last bead, split a 1:0 bead at its only sentence)."""


@dataclass(frozen=True)
class ReviewBead:
    """A bead under review: its sentences, the machine's score (None once a person reshaped it) and
    the last decision (`status`, who `by`, when `at`)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    status: str = "machine"
    score: float | None = None
    by: str | None = None
    at: str | None = None

    def to_json(self) -> dict:
        return {"src": list(self.src), "tgt": list(self.tgt), "status": self.status, "score": self.score,
                "by": self.by, "at": self.at}

    @classmethod
    def from_json(cls, data: dict) -> "ReviewBead":
        return cls(tuple(data["src"]), tuple(data["tgt"]), data["status"], data.get("score"), data.get("by"),
                   data.get("at"))

    def side(self, name: str) -> tuple[int, ...]:
        return self.src if name == "src" else self.tgt


@dataclass(frozen=True)
class Splice:
    start: int
    old: tuple[ReviewBead, ...]
    new: tuple[ReviewBead, ...]

    def inverse(self) -> "Splice":
        return Splice(self.start, self.new, self.old)

    def apply(self, beads: list[ReviewBead]) -> None:
        """Replace the old beads by the new ones in place; refuses a splice made against other beads."""
        end = self.start + len(self.old)
        if tuple(beads[self.start:end]) != self.old:
            raise CorrectionError("the beads changed since this correction was made")
        beads[self.start:end] = self.new

    def to_json(self) -> dict:
        return {"start": self.start, "old": [b.to_json() for b in self.old], "new": [b.to_json() for b in self.new]}

    @classmethod
    def from_json(cls, data: dict) -> "Splice":
        return cls(data["start"], tuple(map(ReviewBead.from_json, data["old"])),
                   tuple(map(ReviewBead.from_json, data["new"])))


def check_cover(beads: list[ReviewBead], n_src: int, n_tgt: int) -> None:
    """Raise AssertionError unless the beads cover 0..n_src-1 and 0..n_tgt-1 once each, in order."""
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    assert src == list(range(n_src)), "source sentences not covered once, in order"
    assert tgt == list(range(n_tgt)), "target sentences not covered once, in order"
    assert all(b.src or b.tgt for b in beads), "an empty bead"


def _bead(beads: list[ReviewBead], index: int) -> ReviewBead:
    if not 0 <= index < len(beads):
        raise CorrectionError(f"no bead {index} (the pair has {len(beads)})")
    return beads[index]


def _made(src, tgt, by: str, at: str, status: str = "edited") -> ReviewBead:
    return ReviewBead(tuple(src), tuple(tgt), status, None, by, at)


def decide(beads: list[ReviewBead], index: int, verdict: str, by: str, at: str) -> Splice:
    """Accept (`confirmed`, or `edited` for a bead a person reshaped), reject, or back to `machine`."""
    bead = _bead(beads, index)
    if verdict == "accept":
        status = "confirmed" if bead.score is not None and bead.status != "edited" else "edited"
    elif verdict in ("reject", "machine"):
        status = "rejected" if verdict == "reject" else "machine"
    else:
        raise CorrectionError(f"unknown verdict {verdict!r} (accept, reject, machine)")
    return Splice(index, (bead,), (replace(bead, status=status, by=by, at=at),))


def merge(beads: list[ReviewBead], index: int, by: str, at: str) -> Splice:
    """Merge bead `index` with the next one."""
    first = _bead(beads, index)
    if index + 1 >= len(beads):
        raise CorrectionError("the last bead has no next bead to merge with")
    second = beads[index + 1]
    return Splice(index, (first, second), (_made(first.src + second.src, first.tgt + second.tgt, by, at),))


def split(beads: list[ReviewBead], index: int, src_at: int, tgt_at: int, by: str, at: str) -> Splice:
    """Split bead `index` before its `src_at`-th source and `tgt_at`-th target sentence (0-based within
    the bead); each half must keep at least one sentence."""
    bead = _bead(beads, index)
    if not (0 <= src_at <= len(bead.src) and 0 <= tgt_at <= len(bead.tgt)):
        raise CorrectionError("split point outside the bead")
    head = (bead.src[:src_at], bead.tgt[:tgt_at])
    tail = (bead.src[src_at:], bead.tgt[tgt_at:])
    if not any(head) or not any(tail):
        raise CorrectionError("a split must leave at least one sentence on each side of the cut")
    return Splice(index, (bead,), (_made(*head, by, at), _made(*tail, by, at)))


def move(beads: list[ReviewBead], index: int, side: str, direction: str, by: str, at: str) -> Splice:
    """Move the first `side` sentence of bead `index` to the end of the previous bead (`direction` "prev")
    or its last one to the start of the next bead ("next"); a bead left empty disappears."""
    bead = _bead(beads, index)
    sentences = bead.side(side)
    if side not in ("src", "tgt") or direction not in ("prev", "next"):
        raise CorrectionError("move needs side src|tgt and direction prev|next")
    if not sentences:
        raise CorrectionError(f"bead {index} has no {side} sentence to move")
    other = index - 1 if direction == "prev" else index + 1
    if not 0 <= other < len(beads):
        raise CorrectionError(f"bead {index} has no {direction} bead")
    neighbour = beads[other]
    moved = sentences[:1] if direction == "prev" else sentences[-1:]
    rest = sentences[1:] if direction == "prev" else sentences[:-1]
    grown = neighbour.side(side) + moved if direction == "prev" else moved + neighbour.side(side)
    shrunk = _with_side(bead, side, rest, by, at)
    neighbour = _with_side(neighbour, side, grown, by, at)
    pair = (neighbour, shrunk) if direction == "prev" else (shrunk, neighbour)
    start = min(index, other)
    return Splice(start, (beads[start], beads[start + 1]), tuple(b for b in pair if b.src or b.tgt))


def _with_side(bead: ReviewBead, side: str, sentences: tuple[int, ...], by: str, at: str) -> ReviewBead:
    src, tgt = (sentences, bead.tgt) if side == "src" else (bead.src, sentences)
    return _made(src, tgt, by, at)


def detach(beads: list[ReviewBead], index: int, side: str, sentence: int, by: str, at: str) -> Splice:
    """Mark a sentence as having no counterpart: it leaves bead `index` as its own 1:0 / 0:1 bead, placed
    before the bead when it was the bead's first sentence on its side, after it when it was the last."""
    bead = _bead(beads, index)
    sentences = bead.side(side)
    if sentence not in sentences:
        raise CorrectionError(f"sentence {sentence} is not in bead {index}")
    if not (bead.src if side == "tgt" else bead.tgt) and len(sentences) == 1:
        raise CorrectionError("this sentence already has no counterpart")
    if sentence not in (sentences[0], sentences[-1]):
        raise CorrectionError("only the first or last sentence of a bead can be detached; split the bead first")
    alone = _made((sentence,), (), by, at) if side == "src" else _made((), (sentence,), by, at)
    rest = _with_side(bead, side, tuple(i for i in sentences if i != sentence), by, at)
    parts = (alone, rest) if sentence == sentences[0] else (rest, alone)
    return Splice(index, (bead,), tuple(b for b in parts if b.src or b.tgt))


def touch(beads: list[ReviewBead], index: int, by: str, at: str) -> Splice:
    """Mark bead `index` as edited by a person (its text was corrected)."""
    bead = _bead(beads, index)
    return Splice(index, (bead,), (replace(bead, status="edited", by=by, at=at),))


def bead_of(beads: list[ReviewBead], side: str, sentence: int) -> int:
    """The index of the bead holding sentence `sentence` of `side` (a linear scan; pairs are small)."""
    for index, bead in enumerate(beads):
        if sentence in bead.side(side):
            return index
    raise CorrectionError(f"no {side} sentence {sentence}")
