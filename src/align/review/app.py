"""The review web application: an app factory that wires the security guards, the database, the
templates and each feature's pages and JSON API.

Why FastAPI (on Starlette and uvicorn): the JSON API the page uses is also the API scripts use, and
FastAPI validates request bodies with pydantic and publishes an OpenAPI schema of every route for
free (`/api/openapi.json`, shown offline at `/api/docs`). Starlette underneath gives the middleware
(TrustedHost) and Jinja2 templates (autoescape on). No build step, no CDN: templates, CSS and
JavaScript are files of this package.

A feature (the alignment review, later the terminology review) is a module with `api` and `pages`
routers and an optional `setup(server)` that declares its tables; `FEATURES` lists them.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from align import __version__
from align.errors import AlignError
from align.review.security import CsrfMiddleware, SecurityHeaders, allowed_hosts, new_token
from align.review.store import DB_NAME, Store, VersionConflict

HERE = Path(__file__).parent
FEATURES = ("align.review.alignments", "align.review.apidocs", "align.review.terms")


@dataclass
class ReviewServer:
    """Everything a request handler needs: the TM folder, the database, the CSRF token, who reviews."""

    tm_dir: Path
    store: Store
    token: str
    reviewer: str
    host: str = "127.0.0.1"
    extras: dict = field(default_factory=dict)  # per-feature state (e.g. the loaded document pairs)


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): decisions still need a name
        return "reviewer"


def open_server(tm_dir: Path, host: str = "127.0.0.1", reviewer: str | None = None) -> ReviewServer:
    tm_dir = Path(tm_dir).resolve()
    return ReviewServer(tm_dir=tm_dir, store=Store(tm_dir / DB_NAME), token=new_token(),
                        reviewer=reviewer or default_reviewer(), host=host)


templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["version"] = __version__


def render(request: Request, name: str, **context):
    """A page from `templates/` (autoescaped), with the CSRF token and reviewer every page embeds."""
    server: ReviewServer = request.app.state.server
    return templates.TemplateResponse(request, name, {"csrf_token": server.token, "reviewer": server.reviewer,
                                                      "tm_dir": server.tm_dir.name, **context})


def create_app(server: ReviewServer) -> FastAPI:
    """The ASGI application for one TM folder (uvicorn serves it; tests may too)."""
    app = FastAPI(title="align review", version=__version__, openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="Check and correct alignments before they reach the translation memory. "
                              "State-changing requests need the `X-CSRF-Token` header (GET /api/session).")
    app.state.server = server
    for name in FEATURES:
        feature = import_module(name)
        if hasattr(feature, "setup"):
            feature.setup(server)
        app.include_router(feature.api)
        app.include_router(feature.pages)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/api/session", tags=["session"])
    def session() -> dict:
        """The CSRF token for scripts, the reviewer name and the TM folder's name."""
        return {"csrf_token": server.token, "reviewer": server.reviewer, "tm_dir": server.tm_dir.name,
                "version": __version__}

    @app.exception_handler(VersionConflict)
    def conflict(request: Request, error: VersionConflict):
        return JSONResponse({"detail": str(error), "current_version": error.current}, 409)

    @app.exception_handler(AlignError)
    def refused(request: Request, error: AlignError):
        return JSONResponse({"detail": str(error)}, 400)

    # Outermost first: the Host check runs before anything else, then the CSRF check.
    app.add_middleware(SecurityHeaders)
    app.add_middleware(CsrfMiddleware, token=server.token)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(server.host))
    return app
