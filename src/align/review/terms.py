"""The terminologist's review: glossary candidates of the folder's TM with their concordance; accept,
reject, edit, merge variants, set a status; every decision stored at once; export to TBX and CSV.

A feature of the review app (`align.review.app.FEATURES`): same security (Host check, CSRF token,
escaping) and the same SQLite file as the alignment review. The candidates come from the term engine
(`align.glossary.extract.analyse_terms`) run once when the server starts, on the TMX that `align build`
wrote into the folder (named in its report); the page reads and changes everything through `/api/terms`.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from align.errors import InputError
from align.fileio import read_utf8_text
from align.glossary.consistency import term_span
from align.review.app import ReviewServer, render
from align.review.security import inside
from align.review.term_store import TermDecisions

api = APIRouter(prefix="/api/terms", tags=["terms"])
pages = APIRouter(include_in_schema=False)
EXPORTS = {"tbx": "terms.tbx", "csv": "terms.csv"}
MAX_CONCORDANCE = 200
WAIT_SECONDS = 120  # a request waits this long for the candidates of a large TM before a 503


def tm_file(folder: Path) -> Path | None:
    """The TMX of a build folder (its report names it), else the folder's only .tmx, else None."""
    report = folder / "corpus-report.json"
    if report.is_file():
        try:
            name = json.loads(read_utf8_text(report, "build report"))["tm"]["tmx"]["file"]
            return inside(folder, name)
        except (KeyError, TypeError, ValueError, InputError):
            pass
    found = sorted(folder.glob("*.tmx"))
    return found[0] if len(found) == 1 else None


def setup(server: ReviewServer) -> None:
    """Starts the term engine on the folder's TM in the background (seconds on a large TM: the alignment
    review must not wait for it); the terms API answers once its candidates are in the database."""
    ready = threading.Event()
    server.extras["terms-ready"] = ready
    threading.Thread(target=_analyse, args=(server, ready), daemon=True).start()


def _analyse(server: ReviewServer, ready: threading.Event) -> None:
    from align.formats import read_store
    from align.glossary.extract import TermSettings, analyse_terms

    try:
        path = tm_file(server.tm_dir)
        store = read_store(path) if path else None
        src_lang, tgt_lang = (store.src_lang, store.tgt_lang) if store else ("fr", "en")
        units = [u for u in store.units if u.source.strip() and u.target.strip()] if store else []
        analysis = analyse_terms(units, TermSettings(src_lang, tgt_lang))
        decisions = TermDecisions(server.store, src_lang, tgt_lang)
        decisions.load(analysis.rows)
        server.extras.update({"terms": decisions, "term-analysis": analysis, "term-tm": path.name if path else ""})
    except Exception as error:  # shown by the API instead of a server that never answers
        server.extras["terms-error"] = f"{type(error).__name__}: {error}"
    finally:
        ready.set()


def _decisions(request: Request) -> TermDecisions:
    server: ReviewServer = request.app.state.server
    if not server.extras["terms-ready"].wait(WAIT_SECONDS):
        raise HTTPException(503, "the term candidates are still being computed; try again in a moment")
    if "terms-error" in server.extras:
        raise HTTPException(500, f"term extraction failed: {server.extras['terms-error']}")
    return server.extras["terms"]


class TermAction(BaseModel):
    """One decision on a term entry, made against the entry's `version` as the client last saw it."""

    op: Literal["accept", "reject", "status", "edit", "merge", "unmerge"] = Field(
        description="accept (= preferred) | reject | status (set `status`) | edit (the rendering) | merge (into "
                    "entry `into`: a variant of its term) | unmerge")
    version: int = Field(description="the entry's version the client saw; 409 if it changed since")
    status: Literal["preferred", "admitted", "forbidden", "candidate", "rejected"] | None = None
    target: str | None = Field(None, max_length=500, description="edit: the corrected rendering")
    into: int | None = Field(None, description="merge: the entry this one is a variant of")
    by: str | None = Field(None, max_length=100, description="who decides (default: the server's reviewer)")


class TermExport(BaseModel):
    formats: list[Literal["tbx", "csv"]] = Field(list(EXPORTS), description="files to write into the TM folder")


@api.get("", summary="Glossary candidates with their decisions, in review order")
def list_entries(request: Request) -> dict:
    entries = _decisions(request).entries()
    return {"tm": request.app.state.server.extras["term-tm"], "entries": entries}


@api.get("/{entry_id}/concordance", summary="Every unit where the pair occurs, terms located")
def concordance(entry_id: int, request: Request) -> dict:
    """Units holding both the source term and its rendering (any inflection), with character spans of the
    two terms; `units_with_source` counts the units holding the source term at all."""
    server: ReviewServer = request.app.state.server
    entry = _decisions(request).entry(entry_id)
    analysis = server.extras["term-analysis"]
    by_unit = analysis.renderings.get(entry["source_key"], {})
    padded = f" {entry['target_key']} "
    lines = []
    for k in sorted(by_unit):
        if by_unit[k] != entry["target_key"] and padded not in analysis.target_lemmas.get(k, ""):
            continue
        unit = analysis.units[k]
        source = term_span(unit.source, entry["source_key"], analysis.glossary.src_lang)
        target = term_span(unit.target, entry["target_key"], analysis.glossary.tgt_lang)
        lines.append({"position": analysis.positions[k][0] + 1, "repeats": len(analysis.positions[k]),
                      "source": unit.source, "target": unit.target,
                      "source_spans": [list(source)] if source else [], "target_spans": [list(target)] if target else []})
    return {"entry": entry, "units_with_source": len(by_unit), "units": lines[:MAX_CONCORDANCE],
            "more": max(0, len(lines) - MAX_CONCORDANCE)}


@api.post("/{entry_id}/actions", summary="Decide on a term entry")
def act(entry_id: int, action: TermAction, request: Request) -> dict:
    """Stored at once (one SQLite transaction). 409 when the entry changed since `version`."""
    server: ReviewServer = request.app.state.server
    return _decisions(request).apply(entry_id, action.version, action.op, action.by or server.reviewer,
                                     status=action.status, target=action.target, into=action.into)


@api.post("/export", summary="Write the reviewed glossary (terms.tbx, terms.csv) into the TM folder")
def export(body: TermExport, request: Request) -> dict:
    from align.glossary.io import write_glossary

    server: ReviewServer = request.app.state.server
    glossary = _decisions(request).glossary(server.extras["term-analysis"].glossary.signature)
    written = {}
    for fmt in dict.fromkeys(body.formats):
        path = inside(server.tm_dir, EXPORTS[fmt])
        write_glossary(path, glossary)
        written[fmt] = path.name
    return {"written": written, "pairs": len(glossary.pairs)}


@pages.get("/terms")
def terms_page(request: Request):
    return render(request, "terms.html", title="Terms")
