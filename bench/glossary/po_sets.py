"""Real public FR/EN translation sets from gettext catalogues, as TSV translation memories.

    python -m bench.glossary.po_sets [OUT_DIR]      (default bench/out/glossary)

Two sets, both shipped by package registries and read here offline:
  - `django.tsv`: Django 5.1.4's French catalogues (framework + contrib apps), from the wheel that
    `pip download django==5.1.4 --no-deps` fetches (web framework UI strings and messages);
  - `debian.tsv`: the French catalogues Debian installs for git, gtk30, coreutils, dpkg and apt
    (`/usr/share/locale/fr/LC_MESSAGES/*.mo`, decompiled with `msgunfmt`): command-line help and UI;
  - `heldout.tsv`: eleven other Debian catalogues (bash, grep, gnupg2, glib20, binutils...), judged once
    after the term-consistency rules were settled on the two sets above (2026-11-30); its false findings
    then guided the second round of rules, so it is no longer held out;
  - `fresh.tsv`: eight catalogues never looked at before the second round was settled (PostgreSQL 15
    server, psql, pg_dump; tar, wget, make, shadow, procps-ng), judged once (2026-12-01).
Units are French -> English (msgstr -> msgid), as `align` reads its TMs. Accelerators (`_Open`,
`&Save`) and newlines are removed; untranslated, fuzzy and plural-only entries are skipped; a
catalogue entry appears once per catalogue (repeats across catalogues are kept: they are real).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

DEBIAN_CATALOGUES = ("git", "gtk30", "coreutils", "dpkg", "apt")
# Held out: judged once, after the consistency rules were settled on the sets above.
HELD_OUT_CATALOGUES = ("bash", "diffutils", "findutils", "grep", "gettext-tools", "glib20", "gnupg2",
                       "libapt-pkg6.0", "binutils", "bfd", "ld")
# Held out in the second round (judged once, after the second round of rules).
FRESH_CATALOGUES = ("postgres-15", "psql-15", "pg_dump-15", "tar", "wget", "make", "shadow", "procps-ng")
DJANGO = "django==5.1.4"
_ACCELERATOR = re.compile(r"(?<![\w_])[_&](?=\w)")


def _clean(text: str) -> str:
    return " ".join(_ACCELERATOR.sub("", text).replace("\\n", " ").split())


def po_units(po_text: bytes) -> list[tuple[str, str]]:
    """(French, English) pairs of one PO catalogue."""
    from translate.storage.po import pofile

    store = pofile.parsestring(po_text)
    pairs = []
    for unit in store.units:
        if unit.isheader() or unit.isfuzzy() or unit.isobsolete() or not unit.istranslated():
            continue
        source, target = str(unit.source), str(unit.target)
        english, french = _clean(source), _clean(target)
        if english and french and "\t" not in english + french:
            pairs.append((french, english))
    return pairs


def debian_units(catalogues: tuple[str, ...] = DEBIAN_CATALOGUES) -> list[tuple[str, str]]:
    pairs = []
    for name in catalogues:
        mo = Path(f"/usr/share/locale/fr/LC_MESSAGES/{name}.mo")
        po = subprocess.run(["msgunfmt", str(mo)], check=True, capture_output=True).stdout
        pairs += po_units(po)
    return pairs


def django_units() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", DJANGO, "--no-deps", "-q", "-d", folder], check=True)
        wheel = next(Path(folder).glob("*.whl"))
        pairs = []
        with zipfile.ZipFile(wheel) as archive:
            for name in sorted(archive.namelist()):
                if name.endswith("locale/fr/LC_MESSAGES/django.po"):
                    pairs += po_units(archive.read(name))
    return pairs


def write_tsv(path: Path, pairs: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("source\ttarget\n")
        for french, english in pairs:
            handle.write(f"{french}\t{english}\n")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out/glossary")
    for name, pairs in (("django", django_units()), ("debian", debian_units()),
                        ("heldout", debian_units(HELD_OUT_CATALOGUES)), ("fresh", debian_units(FRESH_CATALOGUES))):
        write_tsv(out / f"{name}.tsv", pairs)
        print(f"{out / name}.tsv: {len(pairs)} units")


if __name__ == "__main__":
    main()
