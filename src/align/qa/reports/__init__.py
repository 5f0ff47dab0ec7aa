"""QA report formats, one module each; `render(result, format)` returns the report as a string."""

from __future__ import annotations

from align.errors import ConfigError

FORMATS = ("text", "json", "html", "junit")


def render(result, fmt: str, color: bool = False) -> str:
    if fmt == "text":
        from align.qa.reports.text import render_text

        return render_text(result, color=color)
    if fmt == "json":
        from align.qa.reports.json_report import render_json

        return render_json(result)
    if fmt == "html":
        from align.qa.reports.html import render_html

        return render_html(result)
    if fmt == "junit":
        from align.qa.reports.junit import render_junit

        return render_junit(result)
    raise ConfigError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")
