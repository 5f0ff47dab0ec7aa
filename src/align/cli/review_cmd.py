"""`align review`: check and correct alignments in the browser before they reach the TM. Exports `commands`."""

from __future__ import annotations

import socket
import threading
import webbrowser
from pathlib import Path

import click

from align.errors import ConfigError, InputError


def _open_corpus(target: Path, src: Path | None, tgt: Path | None, src_lang: str, tgt_lang: str, presegmented: bool,
                 srx: Path | None):
    from align.review.source import open_beads, open_folder

    if target.is_dir():
        return open_folder(target)
    if target.suffix.lower() == ".beads":
        if src is None or tgt is None:
            raise ConfigError(f"{target}: a .beads file needs the two documents it aligned: --src FILE --tgt FILE")
        return open_beads(target, src, tgt, src_lang, tgt_lang, presegmented, srx)
    raise InputError(f"{target}: not a TM folder from `align build` nor a .beads file from `align pair`")


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named explicitly: asyncio turns Nagle's algorithm off only on sockets whose proto says TCP
    # (proto 0 does not), and with it on, every answer on a kept-alive connection waited ~40 ms for the
    # browser's delayed ACK before its body was sent.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as error:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port} ({error.strerror}); "
                          "try another --port (0 picks a free one)") from None
    sock.listen(64)
    return sock


@click.command("review")
@click.argument("tm_dir", type=click.Path(path_type=Path, exists=True))
@click.option("--port", default=8765, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default keeps the review on this computer.")
@click.option("--no-browser", is_flag=True, help="Print the URL without opening a browser.")
@click.option("--export", "export_only", is_flag=True,
              help="Write the reviewed TMX and TSV into the TM folder and exit (no server).")
@click.option("--reviewer", default=None, metavar="NAME", help="Name stored with each decision (default: login name).")
@click.option("--src", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="With a .beads file: the source document it aligned.")
@click.option("--tgt", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="With a .beads file: the target document it aligned.")
@click.option("--src-lang", default="fr", show_default=True, metavar="LANG", help="With a .beads file: language of --src.")
@click.option("--tgt-lang", default="en", show_default=True, metavar="LANG", help="With a .beads file: language of --tgt.")
@click.option("--presegmented", is_flag=True, help="With a .beads file: the documents have one sentence per line.")
@click.option("--srx", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None, metavar="FILE",
              help="With a .beads file: the SRX rules `align pair --srx` segmented the documents with.")
def review_command(tm_dir: Path, port: int, host: str, no_browser: bool, export_only: bool, reviewer: str | None,
                   src: Path | None, tgt: Path | None, src_lang: str, tgt_lang: str, presegmented: bool,
                   srx: Path | None) -> None:
    """Review the alignments of TM_DIR (the folder `align build -o` wrote) in the browser.

    Starts a local web application and prints its URL. Every decision (accept, reject, merge, split, move
    a sentence, no counterpart, text correction, undo) is saved at once in TM_DIR/review.sqlite, with who
    and when; re-running `align build` keeps the decisions of unchanged documents. Export writes
    corpus.reviewed.tmx and .tsv into TM_DIR (units carry x-review: confirmed, edited or machine).
    TM_DIR may also be a .beads file from `align pair` with --src and --tgt.

    \b
    Examples:
      align review tm/
      align review tm/ --export
      align review doc.beads --src doc.fr.txt --tgt doc.en.txt --port 0 --no-browser
    """
    from align.review.app import create_app, open_server
    from align.review.security import allowed_hosts

    allowed_hosts(host)  # refuse 0.0.0.0 before doing any work
    corpus = _open_corpus(tm_dir, src, tgt, src_lang, tgt_lang, presegmented, srx)
    server = open_server(corpus.folder, host=host, reviewer=reviewer)
    server.extras["corpus"] = corpus
    app = create_app(server)
    if export_only:
        from align.review.export import export

        result = export(server.extras["decisions"])
        for info in result["files"].values():
            click.echo(f"wrote {info['units']} unit(s) to {corpus.folder / info['file']}")
        click.echo("units: " + ", ".join(f"{n} {what}" for what, n in sorted(result["counts"].items())))
        return
    _serve(app, host, port, no_browser, len(corpus.pairs))


def _serve(app, host: str, port: int, no_browser: bool, pairs: int) -> None:
    import uvicorn

    sock = _listen(host, port)
    bound = sock.getsockname()[1]
    name = f"[{host.strip('[]')}]" if ":" in host else host
    url = f"http://{name}:{bound}/"
    click.echo(f"align review: {pairs} document pair(s) at {url} (Ctrl+C to stop; every decision is already saved)")
    if not no_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])


commands = [review_command]
