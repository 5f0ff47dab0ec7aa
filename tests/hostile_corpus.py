"""A fuzz corpus of hostile and broken inputs, generated (never stored), and the judge of each outcome.

Shared by the tests (`test_hostile_inputs.py`, in-process) and the probe (`bench/hardening/probe.py`,
through the real `align` command). Each `Case` is a folder of files, a command line run in that folder,
and what a careful tool must do with it:

    expect="refused": exit 2, exactly one `align: error:` line naming the file, no traceback, no file
                      written, no input changed;
    expect="ok":      exit 0, no traceback, no input changed, the outputs hold the text (`output_has`)
                      and nothing garbled (`output_lacks`), any warning asked for (`stderr_has`) printed.

Categories follow the issue: overwrite (an output that is an input), xml (hostile XML per reader), docx
(broken archives), encoding (bad bytes), os (unwritable outputs, odd inputs), limits, lost (silent loss).
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

FR = "Le Groupe de contact s'est réuni à Nouakchott. Il a adopté une déclaration sur le château."
EN = "The Contact Group met in Nouakchott. It adopted a declaration on the castle."


@dataclass
class Case:
    category: str
    name: str
    argv: list[str]
    files: dict[str, bytes | Callable[[], bytes]]  # big ones are made when the case runs
    expect: str = "refused"
    stderr_has: str = ""
    output_has: dict[str, str] = field(default_factory=dict)
    output_lacks: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # symlink name -> target
    slow: bool = False  # embeds text (loads the encoder)

    @property
    def id(self) -> str:
        return f"{self.category}/{self.name}"

    def create(self, folder: Path) -> None:
        for name, data in self.files.items():
            data = data() if callable(data) else data
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for name, target in self.links.items():
            os.symlink(target, folder / name)


# ------------------------------------------------------------------------------------------ documents

def tmx(fr: str = "Bonjour le monde.", en: str = "Hello world.", declaration: str = '<?xml version="1.0" '
        'encoding="UTF-8"?>', doctype: str = "") -> str:
    return (f'{declaration}\n{doctype}<tmx version="1.4"><header srclang="fr" creationtool="t" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>'
            f'<tu tuid="1"><tuv xml:lang="fr"><seg>{fr}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
            f'<tu tuid="2"><tuv xml:lang="fr"><seg>Merci.</seg></tuv><tuv xml:lang="en"><seg>Thanks.</seg></tuv>'
            '</tu></body></tmx>\n')


def xliff(fr: str = "Bonjour le monde.", en: str = "Hello world.", declaration: str = '<?xml version="1.0" '
          'encoding="UTF-8"?>', doctype: str = "") -> str:
    return (f'{declaration}\n{doctype}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            '<file original="x" source-language="fr" target-language="en" datatype="plaintext"><body>'
            f'<trans-unit id="1"><source>{fr}</source><target>{en}</target></trans-unit>'
            '</body></file></xliff>\n')


def tbx(fr: str = "groupe de contact", en: str = "contact group", declaration: str = '<?xml version="1.0" '
        'encoding="UTF-8"?>', doctype: str = "") -> str:
    return (f'{declaration}\n{doctype}<tbx type="TBX-Basic" style="dca" xml:lang="fr" '
            'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc>'
            '</fileDesc></tbxHeader><text><body><conceptEntry id="c1">'
            f'<langSec xml:lang="fr"><termSec><term>{fr}</term></termSec></langSec>'
            f'<langSec xml:lang="en"><termSec><term>{en}</term></termSec></langSec>'
            '</conceptEntry></body></text></tbx>\n')


def srx(fr: str = r"[.?!]\s", en: str = "", declaration: str = '<?xml version="1.0" encoding="UTF-8"?>',
        doctype: str = "") -> str:
    return (f'{declaration}\n{doctype}<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header '
            'segmentsubflows="yes" cascade="no"/><body><languagerules><languagerule languagerulename="fr">'
            f'<rule break="yes"><beforebreak>{fr}</beforebreak><afterbreak>{en}</afterbreak></rule>'
            '</languagerule></languagerules><maprules><languagemap languagepattern="fr.*" '
            'languagerulename="fr"/></maprules></body></srx>\n')


def docx_bytes(transform=None, extra: dict[str, bytes] | None = None) -> bytes:
    """A real .docx (python-docx) whose document.xml goes through `transform(str) -> str | bytes`."""
    import docx

    document = docx.Document()
    for sentence in FR.split(". "):
        document.add_paragraph(sentence.rstrip(".") + ".")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml" and transform is not None:
                data = transform(data.decode("utf-8"))
                data = data.encode("utf-8") if isinstance(data, str) else data
            archive.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb(megabytes: int) -> bytes:
    """A .docx with one extra part of `megabytes` MB of zeros (about 1 MB compressed per GB)."""
    out = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("word/media/image1.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as handle:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                handle.write(chunk)
    return out.getvalue()


# ----------------------------------------------------------------------------- hostile XML variants

LOL = ('<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
       '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n')
XXE = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
PARAMETER = '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>\n'
QUADRATIC = '<!DOCTYPE r [<!ENTITY q "' + "Q" * 50_000 + '">]>\n'
EXTERNAL_DTD = '<!DOCTYPE r SYSTEM "http://127.0.0.1:9/r.dtd">\n'
PADDING = "<!--" + "x" * (2 << 20) + "-->\n"  # pushes a DOCTYPE past the head a scanner would read


def xml_variants(make) -> dict[str, tuple[Callable[[], bytes], str]]:
    """Hostile or broken versions of one document kind: name -> (function making the bytes, expect)."""
    good = make()
    utf16 = make(declaration='<?xml version="1.0" encoding="UTF-16"?>')
    deep = "<x>" * 300 + "deep" + "</x>" * 300
    return {
        "billion-laughs": (lambda: make(fr="&d;", doctype=LOL).encode(), "refused"),
        "entities-after-2MB-comment": (lambda: make(fr="&d;", doctype=PADDING + LOL).encode(), "refused"),
        "xxe-file": (lambda: make(fr="&x;", doctype=XXE).encode(), "refused"),
        "parameter-entity-network": (lambda: make(doctype=PARAMETER).encode(), "refused"),
        "quadratic-blowup": (lambda: make(fr="&q;" * 2000, doctype=QUADRATIC).encode(), "refused"),
        "external-dtd-undefined-entity": (lambda: make(fr="groupe&nbsp;de contact", doctype=EXTERNAL_DTD).encode(),
                                          "refused"),
        "undefined-entity": (lambda: make(fr="a&nbsp;b").encode(), "refused"),
        "truncated": (lambda: good.encode()[: len(good) // 2], "refused"),
        "deep-nesting-300": (lambda: make(fr=deep).encode(), "refused"),
        "text-node-11MB": (lambda: make(fr="a" * (11 << 20)).encode(), "refused"),
        "invalid-utf8": (lambda: make(fr="Bonjour").encode().replace(b"Bonjour", b"Bon\xff\xfejour"), "refused"),
        "utf16-declared-in-8bit-file": (lambda: utf16.encode("utf-8"), "refused"),
        "unknown-encoding": (lambda: make(declaration='<?xml version="1.0" encoding="x-klingon"?>').encode(),
                             "refused"),
        "forbidden-char-reference": (lambda: make(fr="a&#1;b").encode(), "refused"),
        "surrogate-char-reference": (lambda: make(fr="a&#xD800;b").encode(), "refused"),
        "empty": (lambda: b"", "refused"),
        "binary": (lambda: random.Random(18).randbytes(4096), "refused"),
        "wrong-root": (lambda: b'<?xml version="1.0"?>\n<html><body>hello</body></html>\n', "refused"),
        "utf16le-without-bom": (lambda: utf16.encode("utf-16-le"), "ok"),
        "utf16be-without-bom": (lambda: utf16.encode("utf-16-be"), "ok"),
    }


def _xml_cases() -> list[Case]:
    cases = []
    doc = FR.encode()
    readers = [
        ("tmx", tmx, "in.tmx", ["convert", "in.tmx", "out.tsv"], {"out.tsv": "Merci."}),
        ("xliff", xliff, "in.xlf", ["convert", "in.xlf", "out.tsv"], {"out.tsv": "Hello world."}),
        ("tbx", tbx, "g.tbx", ["qa", "d.tmx", "--glossary", "g.tbx", "-o", "report.txt"], {"report.txt": ""}),
        ("srx", srx, "r.srx", ["segment", "doc.txt", "--lang", "fr", "--srx", "r.srx", "-o", "out.txt"],
         {"out.txt": "Nouakchott."}),
    ]
    for reader, make, name, argv, output in readers:
        for variant, (data, expect) in xml_variants(make).items():
            if reader == "srx" and variant.endswith("without-bom"):
                continue  # choppa reads SRX with its own SAX parser; UTF-16 rules are not in scope
            files = {name: data, "d.tmx": tmx().encode(), "doc.txt": doc}
            cases.append(Case("xml", f"{reader}-{variant}", argv, files, expect,
                              stderr_has=name if expect == "refused" else "",
                              output_has=output if expect == "ok" else {}))
    latin1 = '<?xml version="1.0" encoding="ISO-8859-1"?>'
    cases.append(Case("xml", "tmx-declares-latin1-holds-utf8", ["convert", "in.tmx", "out.tsv"],
                      {"in.tmx": tmx(fr="Le château", declaration=latin1).encode("utf-8")}, "ok",
                      stderr_has="read as UTF-8", output_has={"out.tsv": "Le château"},
                      output_lacks={"out.tsv": "Ã"}))
    cases.append(Case("xml", "tmx-declares-utf8-holds-latin1", ["convert", "in.tmx", "out.tsv"],
                      {"in.tmx": tmx(fr="Le château").encode("latin-1")}, stderr_has="in.tmx"))
    cases.append(Case("xml", "tmx-external-dtd-never-loaded", ["convert", "in.tmx", "out.tsv"],
                      {"in.tmx": tmx(doctype='<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">\n').encode()},
                      "ok", output_has={"out.tsv": "Merci."}))
    return cases


def _docx_cases() -> list[Case]:
    argv = ["segment", "in.docx", "--lang", "fr", "-o", "out.txt"]

    def insert(text: str):
        return lambda xml: xml.replace("Nouakchott", text, 1)

    def with_doctype(doctype: str, text: str):
        return lambda xml: xml.replace("<w:document", doctype + "<w:document", 1).replace("Nouakchott", text, 1)

    variants = {
        "malformed-document-xml": lambda xml: xml[: len(xml) // 2],
        "billion-laughs": with_doctype(LOL, "&d;"),
        "internal-entity-mid-paragraph": with_doctype('<!DOCTYPE w:document [<!ENTITY e "X">]>', "Nouak&e;chott"),
        "external-dtd-entity": with_doctype(EXTERNAL_DTD, "Nouak&nbsp;chott"),
        "undefined-entity": insert("Nouak&nbsp;chott"),
        "deep-nesting-300": insert("<w:x>" * 300 + "y" + "</w:x>" * 300),
        "text-node-11MB": insert("a" * (11 << 20)),
        "invalid-utf8": lambda xml: xml.encode().replace(b"Nouakchott", b"Nouak\xff\xfechott"),
        "utf16-declared-in-8bit": lambda xml: xml.replace("encoding='UTF-8'", "encoding='UTF-16'", 1),
    }
    cases = [Case("docx", name, argv, {"in.docx": lambda t=transform: docx_bytes(t)}, stderr_has="in.docx")
             for name, transform in variants.items()]
    good = docx_bytes()
    cases += [
        Case("docx", "good-document", argv, {"in.docx": good}, "ok", output_has={"out.txt": "Nouakchott."}),
        Case("docx", "not-a-zip", argv, {"in.docx": b"PK\x03\x04" + b"garbage" * 50}, stderr_has="in.docx"),
        Case("docx", "truncated-zip", argv, {"in.docx": good[: len(good) // 2]}, stderr_has="in.docx"),
        Case("docx", "zip-without-document", argv, {"in.docx": _zip({"hello.txt": b"hi"})}, stderr_has="in.docx"),
        Case("docx", "crc-damaged-part", argv, {"in.docx": _damage_crc(good)}, stderr_has="in.docx"),
        Case("docx", "zip-bomb-300MB", argv, {"in.docx": lambda: zip_bomb(300)},
             stderr_has="ALIGN_MAX_DECOMPRESSED_MB"),
        Case("docx", "main-part-renamed-with-entity", argv, {"in.docx": _renamed_main_part(good)},
             stderr_has="in.docx"),
        Case("docx", "bad-rels-part", argv, {"in.docx": _replace_part(good, "_rels/.rels", b"<Relationships")},
             stderr_has="in.docx"),
    ]
    return cases


def _renamed_main_part(data: bytes) -> bytes:
    """The main document stored as `word/document.bin` (its content type says what it is), with an entity."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {}
    for info in source.infolist():
        content, name = source.read(info), info.filename
        if name == "word/document.xml":
            name = "word/document.bin"
            content = content.replace(b"<w:document", b'<!DOCTYPE w:document [<!ENTITY e "X">]>\n<w:document', 1)
            content = content.replace(b"Nouakchott", b"Nouak&e;chott")
        elif name in ("[Content_Types].xml", "_rels/.rels"):
            content = content.replace(b"/document.xml", b"/document.bin")
        parts[name] = content
    return _zip(parts)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zip({info.filename: content if info.filename == name else source.read(info)
                 for info in source.infolist()})


def _damage_crc(data: bytes) -> bytes:
    """The same archive with one byte of word/document.xml's compressed data flipped (CRC no longer matches)."""
    archive = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    name_length, extra_length = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little"), \
        int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_length + extra_length
    archive[start + info.compress_size // 2] ^= 0x55
    return bytes(archive)


def _encoding_cases() -> list[Case]:
    text = "Le château de Versailles est célèbre.\nLa réunion a eu lieu à Genève.\n"
    argv = ["segment", "in.txt", "--lang", "fr", "-o", "out.txt"]
    html_argv = ["segment", "in.html", "--lang", "fr", "-o", "out.txt"]
    clean = {"out.txt": "château"}
    no_mojibake = {"out.txt": "Ã"}
    page = ('<html><head><meta charset="utf-8"></head><body><p>Le château de Versailles est célèbre.</p>'
            '<p>Une ligne abîmée ici.</p></body></html>').encode()
    return [
        Case("encoding", "one-invalid-utf8-byte", argv, {"in.txt": text.encode() + b"Une ligne ab\xffm\xc3\xa9e.\n"},
             "ok", stderr_has="line 3", output_has=clean, output_lacks=no_mojibake),
        Case("encoding", "truncated-utf8-sequence", argv, {"in.txt": text.encode() + b"Fin du texte \xc3"}, "ok",
             stderr_has="line 3", output_has=clean, output_lacks=no_mojibake),
        Case("encoding", "cesu-surrogate-bytes", argv, {"in.txt": text.encode() + b"Un \xed\xa0\x80 ici.\n"}, "ok",
             stderr_has="invalid UTF-8", output_has=clean, output_lacks=no_mojibake),
        Case("encoding", "overlong-slash", argv, {"in.txt": text.encode() + b"a \xc0\xaf b c.\n"}, "ok",
             stderr_has="invalid UTF-8", output_has=clean, output_lacks=no_mojibake),
        Case("encoding", "windows-1252-file", argv, {"in.txt": text.encode("cp1252")}, "ok", output_has=clean,
             output_lacks=no_mojibake),
        Case("encoding", "utf16le-without-bom", argv, {"in.txt": text.encode("utf-16-le")}, "ok", output_has=clean),
        Case("encoding", "utf16-with-bom", argv, {"in.txt": text.encode("utf-16")}, "ok", output_has=clean),
        Case("encoding", "utf8-bom-then-invalid", argv, {"in.txt": b"\xef\xbb\xbf" + text.encode("cp1252")},
             stderr_has="in.txt"),
        Case("encoding", "binary-with-nul", argv, {"in.txt": random.Random(5).randbytes(3000)}, stderr_has="in.txt"),
        Case("encoding", "empty", argv, {"in.txt": b""}, stderr_has="in.txt"),
        Case("encoding", "bom-only", argv, {"in.txt": b"\xef\xbb\xbf"}, stderr_has="in.txt"),
        Case("encoding", "html-utf8-meta-invalid-byte", html_argv,
             {"in.html": page.replace(b"ab\xc3\xaem", b"ab\xffm")},
             "ok", stderr_has="invalid UTF-8", output_has=clean, output_lacks=no_mojibake),
    ]


def _overwrite_cases() -> list[Case]:
    files = {"d.tmx": tmx().encode(), "fr.txt": FR.encode(), "en.txt": EN.encode(),
             "g.csv": b"source,target\ngroupe de contact,contact group\n", "r.srx": srx().encode()}
    pair = ["pair", "fr.txt", "en.txt", "--presegmented"]
    return [Case("overwrite", name, argv, files, stderr_has=named) for name, argv, named in [
        ("qa-report-over-its-input", ["qa", "d.tmx", "-o", "d.tmx"], "d.tmx"),
        ("qa-report-over-its-glossary", ["qa", "d.tmx", "--glossary", "g.csv", "-o", "g.csv"], "g.csv"),
        ("segment-over-its-document", ["segment", "fr.txt", "--lang", "fr", "-o", "fr.txt"], "fr.txt"),
        ("segment-over-its-rules", ["segment", "fr.txt", "--lang", "fr", "--srx", "r.srx", "-o", "r.srx"], "r.srx"),
        ("segment-over-document-by-other-spelling", ["segment", "fr.txt", "--lang", "fr", "-o", "./sub/../fr.txt"],
         "fr.txt"),
        ("pair-output-is-stats", [*pair, "-o", "x.tmx", "--stats", "x.tmx"], "x.tmx"),
        ("pair-stats-over-input", [*pair, "-o", "x.tmx", "--stats", "en.txt"], "en.txt"),
        ("pair-output-link-to-input", [*pair, "-o", "link.tsv"], "link.tsv"),
        ("mine-over-its-input", ["mine", "fr.txt", "--with", "en.txt", "-o", "fr.txt"], "fr.txt"),
        ("convert-over-its-input", ["convert", "d.tmx", "d.tmx"], "d.tmx"),
        ("glossary-over-hardlinked-input", ["glossary", "d.tmx", "-o", "hard.csv"], "hard.csv"),
    ]]


def _os_cases() -> list[Case]:
    good = {"d.tmx": tmx().encode(), "fr.txt": FR.encode()}
    return [
        Case("os", "output-under-a-file", ["convert", "d.tmx", "fr.txt/out.tsv"], good, stderr_has="out.tsv"),
        Case("os", "output-in-proc", ["convert", "d.tmx", "/proc/align-no/out.tsv"], good, stderr_has="out.tsv"),
        Case("os", "input-is-a-folder", ["segment", "folder.txt", "--lang", "fr", "-o", "out.txt"],
             {**good, "folder.txt/x": b"x"}, stderr_has="folder.txt"),
        Case("os", "input-missing", ["segment", "missing.txt", "--lang", "fr", "-o", "out.txt"], good,
             stderr_has="missing.txt"),
        Case("os", "input-dangling-link", ["convert", "dangling.tmx", "out.tsv"], good,
             links={"dangling.tmx": "nowhere"},
             stderr_has="dangling.tmx"),
        Case("os", "input-is-a-fifo-like-device", ["convert", "/dev/null", "out.tsv"], good, stderr_has="/dev/null"),
    ]


def _limit_cases() -> list[Case]:
    return [
        Case("limits", "file-over-size-limit", ["segment", "big.txt", "--lang", "fr", "-o", "out.txt"],
             {"big.txt": lambda: (FR + "\n").encode() * 25_000}, env={"ALIGN_MAX_FILE_MB": "1"},
             stderr_has="ALIGN_MAX_FILE_MB"),
        Case("limits", "tmx-over-size-limit", ["convert", "big.tmx", "out.tsv"],
             {"big.tmx": lambda: tmx(fr="a" * (2 << 20)).encode()}, env={"ALIGN_MAX_FILE_MB": "1"},
             stderr_has="ALIGN_MAX_FILE_MB"),
        Case("limits", "bad-limit-value", ["segment", "fr.txt", "--lang", "fr", "-o", "out.txt"],
             {"fr.txt": FR.encode()}, env={"ALIGN_MAX_FILE_MB": "lots"}, stderr_has="ALIGN_MAX_FILE_MB"),
        Case("limits", "tbx-2MB-term", ["qa", "d.tmx", "--glossary", "g.tbx", "-o", "r.txt"],
             {"d.tmx": tmx().encode(), "g.tbx": lambda: tbx(fr="terme " * 350_000).encode()},
             stderr_has="ALIGN_MAX_PATTERN_CHARS"),
        Case("limits", "csv-glossary-20k-term", ["qa", "d.tmx", "--glossary", "g.csv", "-o", "r.txt"],
             {"d.tmx": tmx().encode(), "g.csv": ("source,target\n" + "terme " * 3500 + ",term\n").encode()},
             stderr_has="ALIGN_MAX_PATTERN_CHARS"),
        Case("limits", "csv-glossary-200k-field", ["qa", "d.tmx", "--glossary", "g.csv", "-o", "r.txt"],
             {"d.tmx": tmx().encode(), "g.csv": ("source,target\n" + "a" * 200_000 + ",b\n").encode()},
             stderr_has="g.csv"),
        Case("limits", "srx-9MB-rule", ["segment", "fr.txt", "--lang", "fr", "--srx", "r.srx", "-o", "out.txt"],
             {"fr.txt": FR.encode(), "r.srx": lambda: srx(fr="(?:a|b)" * 1_300_000).encode()},
             stderr_has="ALIGN_MAX_PATTERN_CHARS"),
        Case("limits", "docx-over-decompressed-limit", ["segment", "in.docx", "--lang", "fr", "-o", "out.txt"],
             {"in.docx": lambda: zip_bomb(3)}, env={"ALIGN_MAX_DECOMPRESSED_MB": "2"},
             stderr_has="ALIGN_MAX_DECOMPRESSED_MB"),
        Case("limits", "one-line-100k-characters", ["pair", "fr.txt", "en.txt", "-o", "out.tsv"],
             {"fr.txt": ("mot " * 25_000).encode(), "en.txt": ("word " * 20_000).encode()}, "ok",
             stderr_has="ALIGN_MAX_ENCODE_CHARS", output_has={"out.tsv": "mot mot"}, slow=True),
    ]


def _lost_cases() -> list[Case]:
    return [
        Case("lost", "pair-drops-control-characters", ["pair", "fr.txt", "en.txt", "--presegmented", "-o", "out.tmx"],
             {"fr.txt": "Le groupe\x01 de contact.\nMerci.\n".encode(),
              "en.txt": "The contact\x02 group.\nThanks.\n".encode()}, "ok",
             stderr_has="2 character(s) that XML 1.0 forbids were removed", output_has={"out.tmx": "Le groupe de"},
             slow=True),
    ]


def make_cases() -> list[Case]:
    """Every case of the corpus (a few hundred MB are generated in memory for the archive cases)."""
    return [*_overwrite_cases(), *_xml_cases(), *_docx_cases(), *_encoding_cases(), *_os_cases(),
            *_limit_cases(), *_lost_cases()]


def prepare(case: Case, folder: Path) -> dict[str, str]:
    """Create the case's files (and the hard link its name asks for); return the snapshot to judge by."""
    case.create(folder)
    if case.name == "glossary-over-hardlinked-input":
        os.link(folder / "d.tmx", folder / "hard.csv")
    if case.name == "pair-output-link-to-input":
        os.symlink("en.txt", folder / "link.tsv")
    return snapshot(folder)


# ------------------------------------------------------------------------------------------ judging

def snapshot(folder: Path) -> dict[str, str]:
    """Relative name -> content hash (or link target) of everything under `folder`."""
    state = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            state[name] = "link:" + os.readlink(path)
        elif path.is_file():
            state[name] = hashlib.sha1(path.read_bytes()).hexdigest()
    return state


def judge(case: Case, folder: Path, code: int, stderr: str, before: dict[str, str]) -> tuple[bool, str]:
    """(handled, why) for one run of `case` in `folder`; see the module docstring for the rules."""
    if "Traceback" in stderr:
        return False, "traceback: " + stderr.strip().splitlines()[-1][:160]
    after = snapshot(folder)
    changed = [name for name, digest in before.items() if after.get(name) != digest]
    if changed:
        return False, f"input changed or removed: {', '.join(changed)}"
    written = sorted(set(after) - set(before))
    # click's own usage errors ("Error: Invalid value for 'FILE': ... is a directory") count as the one line
    errors = [line for line in stderr.splitlines() if line.startswith(("align: error:", "Error: "))]
    if case.expect == "refused":
        if code != 2:
            return False, f"exit {code} (expected 2)" + (f", wrote {', '.join(written)}" if written else "")
        if written:
            return False, f"exit 2 but wrote {', '.join(written)}"
        if len(errors) != 1:
            return False, f"{len(errors)} error lines: {stderr.strip()[:160]!r}"
        if case.stderr_has not in errors[0]:
            return False, f"message does not name {case.stderr_has!r}: {errors[0][:160]}"
        return True, errors[0].split("error: ", 1)[-1][:160]
    if code != 0:
        return False, f"exit {code}: {stderr.strip()[-160:]}"
    if case.stderr_has and case.stderr_has not in stderr:
        return False, f"no warning with {case.stderr_has!r}"
    for name, text in case.output_has.items():
        path = folder / name
        if not path.is_file() or text not in path.read_text(encoding="utf-8", errors="replace"):
            return False, f"{name} lacks {text!r}"
    for name, text in case.output_lacks.items():
        if text in (folder / name).read_text(encoding="utf-8", errors="replace"):
            return False, f"{name} holds {text!r}"
    return True, "read as expected"
