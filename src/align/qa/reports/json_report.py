"""JSON report: `{"findings": [{unit, check, severity, message, source, target, target_hash, spans}], "summary": {...}}`.

A JSON report can be given back as `--accept` to accept every finding it lists.
"""

from __future__ import annotations

import json


def render_json(result) -> str:
    return json.dumps({"findings": [f.as_dict() for f in result.findings], "summary": result.summary()},
                      ensure_ascii=False, indent=2) + "\n"
