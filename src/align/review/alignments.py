"""The alignment review feature: the documents view, the pair view and their JSON API.

Pages are thin shells; the page's script reads and changes everything through `/api/`, the same API a
script would use (see /api/docs).
"""

from __future__ import annotations

import threading
import time
from typing import Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from align.review.app import ReviewServer, render
from align.review.decisions import Decisions
from align.review.export import FORMATS, export
from align.review.view import PairViews

api = APIRouter(prefix="/api", tags=["alignments"])
pages = APIRouter(include_in_schema=False)

Op = Literal["accept", "reject", "machine", "merge", "split", "move", "detach", "edit", "undo"]


def setup(server: ReviewServer) -> None:
    """Opens the decisions of every pair of the corpus the CLI loaded (`server.extras["corpus"]`)."""
    decisions = Decisions(server.store, server.extras["corpus"])
    server.extras["decisions"] = decisions
    server.extras["views"] = views = PairViews(decisions)
    # Read every pair's signals once in the background, so that the first page opens fast.
    threading.Thread(target=_warm, args=(views,), daemon=True).start()


def _warm(views: PairViews) -> None:
    for number in range(len(views.decisions.corpus.pairs)):
        views.summary(number)


def _views(request: Request) -> PairViews:
    return request.app.state.server.extras["views"]


class Action(BaseModel):
    """One correction on a document pair, made against the pair's `version` as the client last saw it."""

    op: Op = Field(description="accept | reject | machine (back to the machine's verdict) | merge (with the "
                               "next bead) | split | move | detach (no counterpart) | edit (sentence text) | undo")
    version: int = Field(description="the pair's version the client saw; 409 if another client changed it since")
    bead: int | None = Field(None, description="the bead's position in the pair (0-based)")
    side: Literal["src", "tgt"] | None = Field(None, description="move, detach, edit: which side")
    direction: Literal["prev", "next"] | None = Field(None, description="move: first sentence to the previous "
                                                                        "bead, or last sentence to the next")
    src_at: int | None = Field(None, description="split: source sentences kept in the first half")
    tgt_at: int | None = Field(None, description="split: target sentences kept in the first half")
    sentence: int | None = Field(None, description="detach, edit: the sentence's index in its document")
    text: str | None = Field(None, max_length=20000, description="edit: the corrected sentence text")
    by: str | None = Field(None, max_length=100, description="who decides (default: the server's reviewer)")


class ExportRequest(BaseModel):
    formats: list[Literal["tmx", "tsv"]] = Field(list(FORMATS), description="files to write into the TM folder")


@api.get("/pairs", summary="The document pairs with review progress")
def list_pairs(request: Request) -> list[dict]:
    """Every document pair: beads, share reviewed, beads needing review, mean confidence, stale decisions."""
    views = _views(request)
    return [views.summary(n) for n in range(len(views.decisions.corpus.pairs))]


def _server_timing(response: Response, started: float) -> None:
    """The CPU time this request took in the server, in the standard `Server-Timing` header (browsers'
    developer tools and the speed benchmark read it; wall time on a loaded machine says less)."""
    response.headers["Server-Timing"] = f"app;dur={(time.thread_time() - started) * 1000:.1f}"


@api.get("/pairs/{number}", summary="A document pair's beads")
def get_pair(number: int, request: Request, start: int = Query(0, ge=0),
             count: int | None = Query(None, ge=1)) -> JSONResponse:
    """Beads in order with their sentences (`[index, text, corrected]`), status (machine, confirmed, edited,
    rejected), who/when, machine score, needs-review probability and reasons; the pair's `version`.
    With `start` / `count`, only those beads (`total` counts them all)."""
    started = time.thread_time()
    # Serialised here with the json module: FastAPI's generic encoder takes seconds on 5,000 beads.
    response = JSONResponse(_views(request).pair(number, start, count))
    _server_timing(response, started)
    return response


@api.post("/pairs/{number}/actions", summary="Correct a document pair")
def act(number: int, action: Action, request: Request, response: Response) -> dict:
    """Make one correction. The answer holds the new `version` and the changed stretch of beads: replace
    `remove` beads from `start` by `beads` (all beads when `remove` is null). 409 when the pair changed
    since `version` (another tab): reload it. 400 for a correction that cannot be made there."""
    started = time.thread_time()
    server: ReviewServer = request.app.state.server
    views = _views(request)
    args = action.model_dump(exclude={"op", "version", "by"}, exclude_none=True)
    with server.store.lock:  # the answer shows this correction's result, not a later one's
        state, change = views.decisions.apply(number, action.version, action.op, args, action.by or server.reviewer)
        answer = views.changed(number, state, change)
    _server_timing(response, started)
    return answer


@api.get("/pairs/{number}/history", summary="The last corrections on a pair, newest first")
def history(number: int, request: Request, limit: int = 50) -> list[dict]:
    return _views(request).decisions.history(number, min(max(limit, 1), 1000))


@api.get("/pairs/{number}/stale/{row}", summary="Decisions made on an earlier text of a pair's documents")
def stale(number: int, row: int, request: Request) -> list[dict]:
    """After a rebuild changed a document, its old decisions are kept, not applied: here with their texts."""
    return _views(request).decisions.stale_beads(number, row)


@api.post("/export", summary="Write the reviewed TMX/TSV into the TM folder")
def export_files(body: ExportRequest, request: Request) -> dict:
    """Corrected beads replace the machine's, rejected ones are left out, units carry `x-review`."""
    return export(_views(request).decisions, tuple(dict.fromkeys(body.formats)))


@pages.get("/")
def documents_page(request: Request):
    return render(request, "documents.html", title="Documents")


@pages.get("/pairs/{number}")
def pair_page(number: int, request: Request):
    pair = _views(request).decisions.pair(number)
    return render(request, "pair.html", title=f"{pair.src_name} ↔ {pair.tgt_name}", number=number, pair=pair)


@pages.get("/pairs/{number}/stale/{row}")
def stale_page(number: int, row: int, request: Request):
    decisions = _views(request).decisions
    pair = decisions.pair(number)
    changed = next((s["changed"] for s in decisions.stale(number) if s["row"] == row), [])
    return render(request, "stale.html", title=f"Earlier decisions: {pair.src_name}", number=number, pair=pair,
                  changed=changed, beads=decisions.stale_beads(number, row))
