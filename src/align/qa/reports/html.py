"""Standalone HTML report: findings grouped by check, source and target side by side, spans highlighted.

Every piece of text from the file goes through `html.escape`: a unit holding `<script>` shows it, never
runs it. No external resources (the page opens offline).
"""

from __future__ import annotations

import html
from collections import defaultdict

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2em}
th,td{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}
th{background:#f2f2f2} td.text{width:38%} mark{background:#ffd54f;padding:0 .1em}
.error{color:#b00020;font-weight:bold}.warning{color:#8a6d00}.info{color:#0b62a4}
.summary td,.summary th{width:auto}
td.text{white-space:pre-wrap} .ws{color:#c2185b;background:#fce4ec;border-radius:2px}
.ws.nnbsp{color:#6a1b9a;background:#f3e5f5}
"""

# Characters a browser would collapse or hide, shown as a visible mark with a tooltip naming them.
_INVISIBLE = {
    "\u00a0": ('<span class="ws" title="no-break space (U+00A0)">⍽</span>'),
    "\u202f": ('<span class="ws nnbsp" title="narrow no-break space (U+202F)">⍽</span>'),
    "\t": '<span class="ws" title="tab">→</span>',
    "\n": '<span class="ws" title="line break">↵</span>\n',
    "\u200b": '<span class="ws" title="zero-width space (U+200B)">∅</span>',
}
_SPACE = '<span class="ws" title="space">·</span>'


def visible(text: str, starts: bool = True, ends: bool = True) -> str:
    """`text` escaped, with NBSP, narrow NBSP, tabs, line breaks, and spaces that are doubled, leading or
    trailing shown as marks (a browser would collapse or hide them). `starts`/`ends`: whether this piece
    begins or ends the whole segment (a piece cut at a highlight keeps its single spaces plain)."""
    import re

    edges = ([r"^ +"] if starts else []) + ([r" +$"] if ends else [])
    out = []
    for piece in re.split("(" + "|".join([r" {2,}", *edges, "[\u00a0\u202f\t\n\u200b]"]) + ")", text):
        if not piece:
            continue
        if piece in _INVISIBLE:
            out.append(_INVISIBLE[piece])
        elif piece.strip(" ") == "":
            out.append(_SPACE * len(piece))
        else:
            out.append(html.escape(piece))
    return "".join(out)


def highlight(text: str, spans) -> str:
    """`text` escaped, with the given (start, end) ranges wrapped in <mark> (overlaps merged)."""
    ranges = sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s)
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        out.append(visible(text[cursor:start], cursor == 0, False))
        out.append(f"<mark>{visible(text[start:end], start == 0, end == len(text))}</mark>")
        cursor = end
    out.append(visible(text[cursor:], cursor == 0, True))
    return "".join(out)


def render_html(result) -> str:
    e = html.escape
    by_check = defaultdict(list)
    for finding in result.findings:
        by_check[finding.check].append(finding)
    counts = result.counts_by_severity()
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>align qa: {e(result.source_name or 'report')}</title><style>{_STYLE}</style></head><body>",
        f"<h1>QA report {e(result.source_name)}</h1>",
        f"<p>{result.units_checked} units checked: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} info; {result.suppressed} accepted findings not shown.</p>",
        '<table class="summary"><tr><th>check</th><th>error</th><th>warning</th><th>info</th></tr>',
    ]
    for check, row in result.counts_by_check().items():
        parts.append(f'<tr><td><a href="#{e(check)}">{e(check)}</a></td><td>{row["error"]}</td>'
                     f'<td>{row["warning"]}</td><td>{row["info"]}</td></tr>')
    parts.append("</table>")
    for check, findings in sorted(by_check.items()):
        parts.append(f'<h2 id="{e(check)}">{e(check)} ({len(findings)})</h2>')
        parts.append("<table><tr><th>where</th><th>unit</th><th>severity</th><th>message</th><th>source</th>"
                     "<th>target</th></tr>")
        for f in findings:
            source = highlight(f.source, [(s.start, s.end) for s in f.spans if s.side == "source"])
            target = highlight(f.target, [(s.start, s.end) for s in f.spans if s.side == "target"])
            unit = f.unit if len(f.unit) <= 80 else f.unit[:79] + "…"
            parts.append(f'<tr><td>{e(f.where)}</td><td>{e(unit)}</td><td class="{e(f.severity)}">{e(f.severity)}</td>'
                         f'<td>{e(f.message)}</td><td class="text">{source}</td>'
                         f'<td class="text">{target}</td></tr>')
        parts.append("</table>")
    parts.append(f"<footer><small>signature: {e(result.signature.format())}</small></footer></body></html>")
    return "\n".join(parts) + "\n"
