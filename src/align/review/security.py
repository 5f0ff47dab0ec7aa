"""What keeps a local review server safe from the web pages a translator has open in other tabs.

Three guards, each small and explicit:
- `allowed_hosts`: the Host header must name the bound address (a DNS-rebinding page at evil.example
  resolving to 127.0.0.1 sends `Host: evil.example` and is refused by Starlette's TrustedHostMiddleware).
- `CsrfMiddleware`: every state-changing request (POST, PUT, PATCH, DELETE) must carry the server's
  random token in the `X-CSRF-Token` header. A cross-site form or fetch cannot set that header without
  a CORS preflight, which this server never answers, and cannot read the token from our pages.
- `inside`: a file name from a request resolves to a path inside the TM folder, or is refused.
Text is escaped by Jinja2 autoescape on the server and by `textContent` in the page's script; and
`SecurityHeaders` adds a Content-Security-Policy that runs only this server's own scripts, so even a
text that slipped through unescaped could not run.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from pathlib import Path

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from align.errors import InputError

CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def new_token() -> str:
    """A fresh per-server secret: the CSRF token the pages embed and scripts read from `/api/session`."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> list[str]:
    """Host names (port excluded, as TrustedHostMiddleware compares them) a request may carry.

    A loopback bind answers to its own names only; any other bind (a translator sharing with a colleague
    on the LAN, on purpose) answers to the address it was given.
    """
    if is_loopback(host):
        return sorted({host, "127.0.0.1", "localhost", "[::1]"})
    if host in ("0.0.0.0", "::"):
        raise InputError(f"--host {host}: bind to one named address, not all interfaces "
                         "(the Host-header check needs the name browsers will use)")
    return [host]


class CsrfMiddleware:
    """Refuses a state-changing request whose `X-CSRF-Token` header is not the server's token (403)."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in UNSAFE_METHODS:
            sent = dict(scope["headers"]).get(CSRF_HEADER.encode(), b"")
            if not hmac.compare_digest(sent, self.token):
                response = JSONResponse({"detail": "missing or wrong CSRF token (reload the page)"}, 403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    """Content-Security-Policy (our own scripts and styles only), no MIME sniffing, no framing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


def inside(folder: Path, name: str) -> Path:
    """`folder / name` when that names a file directly inside `folder`; InputError otherwise.

    Refuses separators, `..`, absolute paths and links leading out, so that no request can reach a path
    outside the TM folder.
    """
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise InputError(f"{name!r}: not a file name inside the TM folder")
    root = folder.resolve()
    path = (root / name).resolve()
    if path.parent != root:
        raise InputError(f"{name!r}: not a file name inside the TM folder")
    return path
