"""``detente serve``: the local web workbench (FastAPI + uvicorn)."""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import Annotated

import typer

from detente.cli.saving import StoreOpt
from detente.errors import DetenteError

__all__ = ["register"]


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or a one-line error (port in use, unknown address)."""
    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((bare, port))
    except OSError as exc:
        sock.close()
        reason = exc.strerror or str(exc)
        raise DetenteError(
            f"--port {port}: cannot listen on {host}:{port} ({reason}); if another server "
            "(another `detente serve`?) has it, stop that one or choose another --port"
        ) from None
    return sock


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; keep the default unless you know why.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    store: StoreOpt = None,
    max_jobs: Annotated[
        int, typer.Option(min=1, max=64, help="Jobs waiting or running at once, at most.")
    ] = 8,
    max_draws: Annotated[
        int, typer.Option(min=1, help="Draws per sweep, at most (larger requests are refused).")
    ] = 100_000,
) -> None:
    """Open the workbench in your browser: scenarios, editor, runs, comparisons, downloads.

    Runs are kept in the store (see `detente runs --help`).  The server listens on 127.0.0.1
    only, so no other machine can reach it.  A port already in use is refused with exit code 2.
    """
    try:
        import uvicorn

        from detente.web import create_app
    except ImportError as exc:
        raise DetenteError(
            f"the workbench needs the [web] extra ({exc.name} is missing): "
            'pip install "detente[web]"'
        ) from None
    hosts = None
    if not _loopback(host):
        sys.stderr.write(
            f"warning: listening on {host}: anyone who can reach this address can use the "
            "workbench and its store\n"
        )
        hosts = ["*"]
    sock = _listen(host, port)  # before anything is printed: a port in use is a one-line error
    app = create_app(store, max_jobs=max_jobs, max_draws=max_draws, allowed_hosts=hosts)
    sys.stderr.write(f"detente workbench on http://{host}:{port}/  (Ctrl-C stops it)\n")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])


def register(app: typer.Typer) -> None:
    """Add ``detente serve`` to ``app``."""
    app.command()(serve)
