"""Terminal report: a rich table of findings and a one-line summary."""

from __future__ import annotations

import io

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _short(label: str, limit: int = 60) -> str:
    """A unit id as one short line (a PO msgid may be a paragraph)."""
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1] + "…"


def render_text(result, color: bool = False, width: int = 140) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False)
    if result.findings:
        table = Table(show_lines=False, header_style="bold")
        table.add_column("line", no_wrap=True)
        table.add_column("unit", max_width=32)
        table.add_column("check", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("message")
        for finding in result.findings:
            table.add_row(Text("" if finding.line is None else str(finding.line)), Text(_short(finding.unit)),
                          Text(finding.check),
                          Text(finding.severity, style=SEVERITY_STYLES.get(finding.severity, "")),
                          Text(finding.message))
        console.print(table)
    counts = result.counts_by_severity()
    line = (f"{result.units_checked} units checked: {counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['info']} info")
    if result.suppressed:
        line += f" ({result.suppressed} accepted findings not shown)"
    console.print(Text(line))
    console.print(Text(f"signature: {result.signature.format()}", style="dim"))
    return buffer.getvalue()
