"""Validation of a TMX file against the TMX 1.4b DTD shipped with the package (offline, no network).

Why: a DTD-valid file is the first condition for a CAT tool to import it (OmegaT rejects a whole file with
a missing `srclang`); our tests validate every TMX they write, and users can check files from elsewhere.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from lxml import etree

from align.errors import InputError
from align.formats.xmlsafe import refuse_hostile


def tmx_dtd() -> etree.DTD:
    with resources.files("align.formats").joinpath("tmx14.dtd").open("rb") as handle:
        return etree.DTD(handle)


def validate_tmx(path: str | os.PathLike) -> list[str]:
    """DTD errors of `path` as `line N: message` strings; [] when the file is valid TMX 1.4b."""
    path = Path(path)
    refuse_hostile(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"{path}: malformed XML at line {error.lineno}: {error.msg}") from None
    dtd = tmx_dtd()
    if dtd.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in dtd.error_log.filter_from_errors()]
