"""Pairing documents by file name: `report.fr.docx` and `Report_EN.pdf` are one document in two languages.

Translators and institutions name the two versions of a document alike and mark the language with a suffix
(`.fr`, `_fr`, `-FR`, `_fr-CA`, `.fra`, `_french`). We compare names with the extension and such a suffix
removed, case-insensitively, inside the same sub-folder. A name that two files of the same side share
(`a.fr.txt` and `a.fr.pdf`) is ambiguous: those files are left to content pairing rather than guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

#: Extensions the ingest readers understand; other files in a corpus folder are listed as skipped.
DOCUMENT_EXTENSIONS = (".txt", ".docx", ".html", ".htm", ".xhtml", ".pdf")

#: Other spellings of a language code seen in file names (ISO 639-2/B and T, English and native names).
_LANGUAGE_NAMES = {
    "fr": ("fr", "fra", "fre", "french", "francais", "français"),
    "en": ("en", "eng", "english", "anglais"),
    "de": ("de", "deu", "ger", "german", "deutsch"),
    "es": ("es", "spa", "spanish", "espanol", "español"),
    "ar": ("ar", "ara", "arabic"),
}


@dataclass(frozen=True)
class NamedFile:
    """A document file and the key its name gives it (folder + name without extension and language)."""

    path: Path
    relative: str  # path relative to the corpus folder, with "/" separators (shown in reports)
    key: str


def language_suffix_pattern(lang: str) -> re.Pattern[str]:
    """A regex for a language marker at the end of a file stem: `.fr`, `_fr`, `-FR`, `_fr-CA`, `.fra`."""
    base = lang.split("-")[0].split("_")[0].lower()
    names = _LANGUAGE_NAMES.get(base, (base,))
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"[._\- ](?:{alternatives})(?:[-_][a-z]{{2}})?$", re.IGNORECASE)


def name_key(relative: str, lang: str) -> str:
    """The pairing key of a file: sub-folder + stem without extension(s) and language suffix, lower case."""
    path = Path(relative)
    stem = path.name
    while Path(stem).suffix.lower() in DOCUMENT_EXTENSIONS:
        stem = Path(stem).stem
    stem = language_suffix_pattern(lang).sub("", stem)
    parent = path.parent.as_posix()
    key = stem if parent in ("", ".") else f"{parent}/{stem}"
    return key.casefold()


def list_documents(folder: Path, lang: str) -> tuple[list[NamedFile], list[tuple[str, str]]]:
    """Every document file under `folder` (recursively, sorted), and the files skipped with the reason.

    Hidden files and folders (`.git`, `.DS_Store`) are ignored silently; other files with an extension no
    reader handles are reported as skipped, so that the report accounts for every file.
    """
    folder = Path(folder)
    documents: list[NamedFile] = []
    skipped: list[tuple[str, str]] = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in Path(relative).parts) or not path.is_file():
            continue
        if path.suffix.lower() not in DOCUMENT_EXTENSIONS:
            skipped.append((relative, f"unsupported file type {path.suffix or '(none)'!r}"))
            continue
        documents.append(NamedFile(path=path, relative=relative, key=name_key(relative, lang)))
    return documents, skipped


def pair_by_name(src_files: list[NamedFile], tgt_files: list[NamedFile]
                 ) -> tuple[list[tuple[NamedFile, NamedFile]], list[NamedFile], list[NamedFile]]:
    """Pairs whose keys match one-to-one, then the source and target files left for content pairing.

    Output order follows the sorted source files, so that a build is deterministic.
    """
    src_by_key: dict[str, list[NamedFile]] = defaultdict(list)
    tgt_by_key: dict[str, list[NamedFile]] = defaultdict(list)
    for item in src_files:
        src_by_key[item.key].append(item)
    for item in tgt_files:
        tgt_by_key[item.key].append(item)
    pairs = []
    paired_tgt: set[Path] = set()
    for item in src_files:
        sources, targets = src_by_key[item.key], tgt_by_key.get(item.key, [])
        if len(sources) == 1 and len(targets) == 1:
            pairs.append((item, targets[0]))
            paired_tgt.add(targets[0].path)
    paired_src = {s.path for s, _ in pairs}
    left_src = [s for s in src_files if s.path not in paired_src]
    left_tgt = [t for t in tgt_files if t.path not in paired_tgt]
    return pairs, left_src, left_tgt
