"""Random damage to valid files, read by each reader in-process: how many answers are not data or one InputError.

    python -m bench.hardening.mutate            # 800 mutations per XML reader, 2500 .docx
    python -m bench.hardening.mutate --seed 3 --n 200

Each mutation flips bytes, inserts XML-significant snippets (`<`, `&#`, `<!DOCTYPE x [`, a NUL, 0xFF) or
cuts the file. A reader must return its data or raise InputError/ConfigError naming the file; anything else
(OSError, ValueError, a zipfile or lxml exception) is counted and its first examples printed.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import warnings
from pathlib import Path

from align.errors import ConfigError, InputError
from align.formats import read_store
from align.glossary import read_glossary
from align.ingest.docx import DocxReader
from align.segment import segment_text
from bench.hardening.probe import _corpus

SNIPPETS = [b"<", b">", b"&", b"&#", b";", b"]]>", b"<!", b"\x00", b"\xff", b"'", b'"', b"<!DOCTYPE x [", b"<![CDATA["]


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind, position = rng.random(), rng.randrange(len(out) + 1)
        if kind < 0.5 and out:
            out[min(position, len(out) - 1)] = rng.randrange(256)
        elif kind < 0.8:
            out[position:position] = rng.choice(SNIPPETS)
        else:
            del out[position:]
    return bytes(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--n", type=int, default=800, help="Mutations per XML reader (the .docx gets 3x).")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    rng = random.Random(args.seed)
    readers = [
        ("TMX", ".tmx", _corpus.tmx().encode(), lambda p: list(read_store(p).units), args.n),
        ("XLIFF", ".xlf", _corpus.xliff().encode(), lambda p: list(read_store(p).units), args.n),
        ("TBX", ".tbx", _corpus.tbx().encode(), read_glossary, args.n),
        ("SRX", ".srx", _corpus.srx().encode(), lambda p: segment_text(_corpus.FR, "fr", srx=p), args.n),
        ("DOCX", ".docx", _corpus.docx_bytes(), lambda p: DocxReader().read(p, "fr"), 3 * args.n),
    ]
    print("| reader | mutations | data | one clear error | anything else |\n|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="align-mutate-") as tmp:
        for name, suffix, data, read, count in readers:
            outcomes, examples = {"data": 0, "error": 0, "other": 0}, []
            for number in range(count):
                path = Path(tmp) / f"{number}{suffix}"
                path.write_bytes(mutate(data, rng))
                try:
                    read(path)
                    outcomes["data"] += 1
                except (InputError, ConfigError):
                    outcomes["error"] += 1
                except Exception as error:  # what the probe is looking for
                    outcomes["other"] += 1
                    examples.append(f"{type(error).__name__}: {str(error)[:120]}")
                path.unlink()
            print(f"| {name} | {count} | {outcomes['data']} | {outcomes['error']} | {outcomes['other']} |")
            for example in examples[:3]:
                print(f"  - {example}")


if __name__ == "__main__":
    main()
