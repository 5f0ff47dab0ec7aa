"""Reading speed of the TMX and XLIFF readers, as `align convert` (codes flattened) and `align qa` (tag tokens)
read a file. Uses only APIs that exist before and after the readers were merged (`read_units`,
`read_qa_units`), so the same script times another checkout: `PYTHONPATH=OTHER/src python -m
bench.formats.read_speed`.

    python -m bench.formats.read_speed [--units 50000] [--repeat 3]

Files are generated under bench/out/formats/ (units with Level 2 inline codes, numbers, notes).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

OUT = Path("bench/out/formats")

_TU = ('<tu tuid="t{n}"><prop type="x-document">doc{d}.txt</prop><tuv xml:lang="fr-FR"><seg>Le <bpt i="1" x="1">'
       '&lt;b&gt;</bpt>Conseil<ept i="1">&lt;/b&gt;</ept> a adopté la résolution {n} le 12 mars.<ph x="2">'
       '&lt;br/&gt;</ph></seg></tuv><tuv xml:lang="en-GB"><seg>The <bpt i="1" x="1">&lt;b&gt;</bpt>Council'
       '<ept i="1">&lt;/b&gt;</ept> adopted resolution {n} on 12 March.</seg></tuv></tu>\n')
_TRANS_UNIT = ('<trans-unit id="u{n}"><source>Le <g id="1">Conseil</g> a adopté la résolution {n}.<x id="2"/> '
               'Il se réunira demain.</source><seg-source><mrk mtype="seg" mid="1">Le <g id="1">Conseil</g> a '
               'adopté la résolution {n}.<x id="2"/></mrk> <mrk mtype="seg" mid="2">Il se réunira demain.</mrk>'
               '</seg-source><target><mrk mtype="seg" mid="1">The <g id="1">Council</g> adopted resolution {n}.'
               '</mrk> <mrk mtype="seg" mid="2">It will meet tomorrow.</mrk></target><note>n{n}</note>'
               '</trans-unit>\n')


def make_files(units: int) -> dict[str, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    tmx, xlf = OUT / f"speed-{units}.tmx", OUT / f"speed-{units}.xlf"
    if not tmx.exists():
        tmx.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="b" '
                       'creationtoolversion="1" segtype="sentence" o-tmf="b" adminlang="en" srclang="fr-FR" '
                       'datatype="plaintext"/><body>\n' + "".join(_TU.format(n=n, d=n % 7) for n in range(units))
                       + "</body></tmx>\n", encoding="utf-8")
    if not xlf.exists():
        xlf.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:'
                       'xliff:document:1.2"><file source-language="fr-FR" target-language="en-GB" datatype="'
                       'plaintext" original="b"><body>\n' + "".join(_TRANS_UNIT.format(n=n) for n in range(units // 2))
                       + "</body></file></xliff>\n", encoding="utf-8")
    return {"tmx": tmx, "xliff": xlf}


def best_of(repeat: int, read) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        count = len(list(read()))
        best = min(best, time.process_time() - start)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import align
    from align.formats import read_units
    from align.qa.sources import read_qa_units

    print(f"align from {Path(align.__file__).parent}")
    print("| file | reader | units | CPU s (best of {}) | units/s |".format(args.repeat))
    print("|---|---|---|---|---|")
    for kind, path in make_files(args.units).items():
        for name, read in (("convert (text)", lambda: read_units(path)), ("qa (tags)", lambda: read_qa_units(path))):
            seconds, count = best_of(args.repeat, read)
            print(f"| {kind} | {name} | {count} | {seconds:.2f} | {count / seconds:,.0f} |")


if __name__ == "__main__":
    main()
