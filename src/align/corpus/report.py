"""The build report: JSON for machines, one standalone HTML page for people.

Both are written as streams over the part files (one document pair in memory at a time) and both say the
same things: document pairs with how they were paired and how confident we are, each pair's beads with
their scores (low-confidence beads highlighted), segments left unaligned, unpaired and skipped documents,
mined pairs (and those the guards refused, with the reason), the signature.
"""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from string import Template
from typing import Callable, Iterable, Iterator

from align.corpus.mining import MinedPair, MiningResult
from align.fileio import atomic_write

Parts = Callable[[], Iterator[dict]]


def pair_record(part: dict, low: float) -> dict:
    """One document pair for the report: beads with their texts, unaligned segments, counts."""
    src, tgt = part["src_segments"], part["tgt_segments"]
    beads, unaligned_src, unaligned_tgt = [], [], []
    scores = []
    hesitations = part.get("hesitations") or [{}] * len(part["beads"])  # the aligner's gap and fit per bead
    for (s, t, score), hesitation in zip(part["beads"], hesitations):
        beads.append({"src": s, "tgt": t, "score": score, **hesitation, "source": " ".join(src[i] for i in s),
                      "target": " ".join(tgt[j] for j in t)})
        if s and t:
            scores.append(score)
        elif s:
            unaligned_src.extend(s)
        else:
            unaligned_tgt.extend(t)
    return {
        "src": part["src"], "tgt": part["tgt"], "method": part["method"], "confidence": part["confidence"],
        "detail": part["detail"],
        "stats": {"src_segments": len(src), "tgt_segments": len(tgt), "beads": len(beads),
                  "aligned_beads": len(scores), "low_confidence_beads": sum(1 for x in scores if x < low),
                  "mean_score": round(sum(scores) / len(scores), 4) if scores else 0.0,
                  "unaligned_src": len(unaligned_src), "unaligned_tgt": len(unaligned_tgt)},
        "unaligned": {"src": unaligned_src, "tgt": unaligned_tgt},
        "beads": beads,
        # every sentence of both documents, so a reviewer (`align review`) gets m:n beads' sentences exactly
        "src_segments": src, "tgt_segments": tgt,
    }


def mined_record(pair: MinedPair, reason: str | None = None) -> dict:
    record = {"source": pair.source, "target": pair.target, "margin": round(pair.margin, 4),
              "cosine": round(pair.cosine, 4),
              "support": pair.support,
              "src": [[o.document, o.index] for o in pair.src], "tgt": [[o.document, o.index] for o in pair.tgt]}
    if reason:
        record["refused"] = reason
    return record


def write_json(path, summary: dict, parts: Parts, mined: MiningResult) -> None:
    """The machine report; `pairs` is streamed, everything else comes from `summary`."""
    low = summary["low_confidence"]
    with atomic_write(path) as out:
        out.write("{\n")
        for key, value in summary.items():
            out.write(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
        out.write('"pairs": [')
        for number, part in enumerate(parts()):
            out.write(",\n" if number else "\n")
            out.write(json.dumps(pair_record(part, low), ensure_ascii=False))
        out.write("\n],\n")
        settings = {"threshold": mined.threshold, "support_threshold": mined.support_threshold, "k": mined.k}
        out.write('"mining": ' + json.dumps(settings) + ",\n")
        _write_list(out, "mined", (mined_record(p) for p in mined.pairs))
        out.write(",\n")
        _write_list(out, "mined_refused", (mined_record(p, why) for p, why in mined.refused))
        out.write("\n}\n")


def _write_list(out, key: str, records: Iterable[dict]) -> None:
    out.write(f'"{key}": [')
    for number, record in enumerate(records):
        out.write(",\n" if number else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n]")


def _table(headers: list[str], rows: Iterable[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n"


def _summary_html(summary: dict, pairs: list[dict], mined: MiningResult) -> str:
    tm = summary["tm"].get("tmx", {})
    parts = [
        f"<p>{summary['documents']['src']} {escape(summary['src_lang'])} and {summary['documents']['tgt']} "
        f"{escape(summary['tgt_lang'])} documents; {len(pairs)} document pairs; "
        f"{tm.get('units', 0)} translation units in <code>{escape(tm.get('file', ''))}</code> "
        f"({len(mined.pairs)} mined); TMX date {escape(summary['date'])}.</p>",
        "<h2 id='pairs'>Document pairs</h2>",
        "<p>Confidence: 1 for a pair by file name; for a pair by content, the share of both documents' "
        "segments linked by mined sentence pairs. Mean score: mean confidence of the aligned beads.</p>",
    ]
    rows = []
    for n, p in enumerate(pairs):
        s = p["stats"]
        rows.append(
            f"<tr><td><a href='#pair-{n}'>{escape(p['src'])}</a></td><td>{escape(p['tgt'])}</td>"
            f"<td class='method-{escape(p['method'])}'>{escape(p['method'])}</td>"
            f"<td class='num'>{p['confidence']:.2f}</td><td class='num'>{s['aligned_beads']}</td>"
            f"<td class='num'>{s['mean_score']:.2f}</td><td class='num'>{s['low_confidence_beads']}</td>"
            f"<td class='num'>{s['unaligned_src']} / {s['unaligned_tgt']}</td></tr>")
    parts.append(_table(["source", "target", "paired by", "confidence", "aligned beads", "mean score",
                         "low-confidence beads", "unaligned src / tgt"], rows))
    unpaired = summary["unpaired"]
    parts.append("<h2 id='unpaired'>Unpaired documents</h2>")
    parts.append("<p>Documents without a counterpart (normal for documents never translated); their "
                 "sentences were used for mining.</p>")
    parts.append(_table(["side", "document"],
                        [f"<tr><td>{side}</td><td>{escape(name)}</td></tr>"
                         for side in ("src", "tgt") for name in unpaired[side]]))
    if summary["refused_content_pairs"]:
        parts.append("<h3>Content candidates refused (coverage below the threshold)</h3>")
        parts.append(_table(["source", "target", "coverage", "document margin"],
                            [f"<tr><td>{escape(c['src'])}</td><td>{escape(c['tgt'])}</td>"
                             f"<td class='num'>{c['coverage']:.2f}</td><td class='num'>{c['margin']:.3f}</td></tr>"
                             for c in summary["refused_content_pairs"]]))
    if summary["skipped"]:
        parts.append("<h2 id='skipped'>Skipped files</h2>")
        parts.append(_table(["file", "reason"], [f"<tr><td>{escape(s['file'])}</td><td>{escape(s['reason'])}</td></tr>"
                                                 for s in summary["skipped"]]))
    parts.append("<h2 id='mined'>Mined pairs</h2>")
    parts.append(f"<p>Sentence pairs found across unpaired documents (mutual best, ratio margin &ge; "
                 f"{mined.threshold}, or &ge; {mined.support_threshold} when a neighbouring sentence pair is "
                 f"matched too; k = {mined.k}), written with <code>x-origin=mined</code>. Identical and "
                 "near-duplicate sentences (a clause repeated with small changes) are grouped and listed "
                 "once, with all the places they occur.</p>")
    parts.append(_table(["margin", "source", "target", "documents"],
                        [f"<tr><td class='num'>{m.margin:.3f}</td><td>{escape(m.source)}</td>"
                         f"<td>{escape(m.target)}</td><td class='ix'>{_occurrences(m.src)}<br>"
                         f"{_occurrences(m.tgt)}</td></tr>" for m in mined.pairs]))
    if mined.refused:
        parts.append("<details><summary>Above the threshold but refused by a guard "
                     f"({len(mined.refused)})</summary>")
        parts.append(_table(["margin", "reason", "source", "target"],
                            [f"<tr><td class='num'>{m.margin:.3f}</td><td>{escape(why)}</td>"
                             f"<td>{escape(m.source)}</td><td>{escape(m.target)}</td></tr>"
                             for m, why in mined.refused]))
        parts.append("</details>")
    parts.append("<h2 id='beads'>Alignments</h2><p class='legend'><span class='low' style='background:#fff3cd'>"
                 f"confidence below {summary['low_confidence']}</span><span style='background:#f8d7da'>"
                 "unaligned segment</span></p>")
    return "\n".join(parts)


def _occurrences(occurrences) -> str:
    """`doc.txt #12`, and every other place that holds the same sentence or a near-duplicate of it
    (a recurring clause is reported once, with all its documents)."""
    first = f"{escape(occurrences[0].document)} #{occurrences[0].index}"
    if len(occurrences) == 1:
        return first
    others = ", ".join(f"{escape(o.document)} #{o.index}" for o in occurrences[1:])
    return f"{first}<details><summary>+{len(occurrences) - 1} in its group</summary>{others}</details>"


def _pair_html(n: int, record: dict, low: float) -> str:
    rows = []
    for bead in record["beads"]:
        css = "null" if not bead["src"] or not bead["tgt"] else ("low" if bead["score"] < low else "")
        index = escape(f"{bead['src']}:{bead['tgt']}".replace(" ", ""))
        score = "" if css == "null" else f"{bead['score']:.2f}"
        rows.append(f"<tr class='{css}'><td class='ix'>{index}</td><td class='num'>{score}</td>"
                    f"<td>{escape(bead['source'])}</td><td>{escape(bead['target'])}</td></tr>")
    title = f"{escape(record['src'])} &harr; {escape(record['tgt'])}"
    return (f"<h3 id='pair-{n}'>{title}</h3>\n<p>Paired by {escape(record['method'])}, confidence "
            f"{record['confidence']:.2f}.</p>\n" + _table(["bead", "score", "source", "target"], rows))


def write_html(path, summary: dict, parts: Parts, mined: MiningResult) -> None:
    """The human report: one standalone page (inline CSS, no scripts, no external resources)."""
    low = summary["low_confidence"]
    template = files("align.corpus").joinpath("templates/report.html").read_text(encoding="utf-8")
    head, tail = template.split("<!-- PAIRS -->")
    records = [pair_record_light(p, low) for p in parts()]  # summary rows only (no bead texts)
    signature = "|".join(f"{k}:{v}" for k, v in summary["signature"].items())
    title = f"align build report: {summary['src_dir']} ({summary['src_lang']}) / {summary['tgt_dir']} ({summary['tgt_lang']})"
    with atomic_write(path) as out:
        out.write(Template(head).substitute(title=escape(title), summary=_summary_html(summary, records, mined)))
        for n, part in enumerate(parts()):
            out.write(_pair_html(n, pair_record(part, low), low))
        out.write(Template(tail).substitute(signature=escape(signature)))


def pair_record_light(part: dict, low: float) -> dict:
    """`pair_record` without the bead texts: what the summary table needs, small for any corpus size."""
    record = pair_record(part, low)
    del record["beads"], record["src_segments"], record["tgt_segments"]
    return record
