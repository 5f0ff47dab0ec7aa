"""What the page shows of a pair: beads with their sentences (corrections applied), status, who/when,
and the "needs review" score with its reasons; and the per-document summary of the documents view."""

from __future__ import annotations

from align.review.beads import ReviewBead
from align.review.decisions import Change, Corrected, Decisions, PairState
from align.review.signals import PairTexts, assess


class PairViews:
    """Renders pairs for the API; keeps each pair's usual length ratio (from the machine's beads)."""

    def __init__(self, decisions: Decisions) -> None:
        self.decisions = decisions
        self._usual: dict[int, float] = {}
        self._summaries: dict[int, tuple[int, dict]] = {}  # number -> (version, summary)

    def texts(self, number: int, state: PairState) -> PairTexts:
        pair = self.decisions.pair(number)
        src, tgt = Corrected(pair.src, state.edits, "src"), Corrected(pair.tgt, state.edits, "tgt")
        if number not in self._usual:
            self._usual[number] = PairTexts.of(pair.src, pair.tgt, pair.src_lang, pair.tgt_lang,
                                               pair.beads).usual_log_ratio
        return PairTexts(src, tgt, pair.src_lang, pair.tgt_lang, self._usual[number], pair.hesitations)

    @staticmethod
    def bead(beads: list[ReviewBead], index: int, texts: PairTexts, edits: dict[str, str]) -> dict:
        bead = beads[index]
        probability, why, flagged = assess(beads, index, texts)
        return {"src": [[i, texts.src[i], f"src:{i}" in edits] for i in bead.src],
                "tgt": [[j, texts.tgt[j], f"tgt:{j}" in edits] for j in bead.tgt],
                "status": bead.status, "score": bead.score, "by": bead.by, "at": bead.at,
                "review": round(probability, 3), "reasons": why,
                "flagged": bead.status == "machine" and flagged}

    def snapshot(self, number: int) -> PairState:
        """The pair's state now, copied under the lock: rendering it (0.3 s for 5,000 beads) then holds
        no lock, so a correction or another page's first screen never waits for it."""
        with self.decisions.store.lock:
            state = self.decisions.state(number)
            return PairState(state.pair_id, state.version, list(state.beads), dict(state.edits))

    def pair(self, number: int, start: int = 0, count: int | None = None) -> dict:
        """The pair with its beads from `start` (`count` of them, all by default; the page asks for its
        first screen, then the rest, so that a long pair opens at once); `total` counts them all."""
        state = self.snapshot(number)
        pair = self.decisions.pair(number)
        texts = self.texts(number, state)
        end = len(state.beads) if count is None else min(len(state.beads), start + count)
        beads = [self.bead(state.beads, i, texts, state.edits) for i in range(start, end)]
        return {"number": number, "src": pair.src_name, "tgt": pair.tgt_name, "src_lang": pair.src_lang,
                "tgt_lang": pair.tgt_lang, "version": state.version, "start": start, "total": len(state.beads),
                "beads": beads, "stale": self.decisions.stale(number), "recovered": pair.recovered}

    def changed(self, number: int, state: PairState, change: Change) -> dict:
        """The part of the bead list an action changed, widened by one bead each side (their signals
        depend on their neighbours): the page replaces `remove` beads from `start` by `beads`."""
        texts = self.texts(number, state)
        if len(change.splices) != 1:  # not made by today's actions; send everything
            start, remove, count = 0, None, len(state.beads)
        else:
            splice = change.splices[0]
            start = max(0, splice.start - 1)
            remove = splice.start - start + len(splice.old) + 1
            count = splice.start - start + len(splice.new) + 1
        count = min(count, len(state.beads) - start)
        beads = [self.bead(state.beads, i, texts, state.edits) for i in range(start, start + count)]
        return {"version": state.version, "start": start, "remove": remove, "beads": beads}

    def summary(self, number: int) -> dict:
        """One row of the documents view (computed again only when the pair changed)."""
        state = self.snapshot(number)
        cached = self._summaries.get(number)
        if cached and cached[0] == state.version:
            return cached[1]
        summary = self._summary(number, state)
        self._summaries[number] = (state.version, summary)
        return summary

    def _summary(self, number: int, state: PairState) -> dict:
        pair = self.decisions.pair(number)
        texts = self.texts(number, state)
        machine = [i for i, b in enumerate(state.beads) if b.status == "machine"]
        flagged = sum(1 for i in machine if assess(state.beads, i, texts)[2])
        scores = [b.score for b in pair.beads if b.src and b.tgt and b.score is not None]
        total = len(state.beads)
        return {"number": number, "src": pair.src_name, "tgt": pair.tgt_name, "method": pair.method,
                "beads": total, "reviewed": round(1 - len(machine) / total, 4) if total else 1.0,
                "needs_review": flagged, "mean_confidence": round(sum(scores) / len(scores), 4) if scores else None,
                "stale": sum(s["actions"] for s in self.decisions.stale(number)), "version": state.version}
