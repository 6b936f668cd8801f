"""`storylens serve`: the store as a read-only web application and JSON API.

`serve` checks the bind is safe (loopback, or a token), then runs the FastAPI
app (`web.app.create_app`) under uvicorn. Needs the `[web]` extra
(`pip install 'storylens[web]'`).
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from storylens.web.security import UnsafeBind, check_bind, is_loopback, load_tokens
from storylens.web.settings import WebSettings

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def check_port_free(host: str, port: int) -> None:
    """Raise `RuntimeError` naming the address when nothing can listen there (in use, not this machine's).

    Without it the server announced "serving … at http://…" and then uvicorn failed with its own
    "ERROR: [Errno 98]" line and exit code 3, which no storylens page documents.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a TIME_WAIT port is free
        try:
            probe.bind((host, port))
        except OSError as error:
            reason = error.strerror or str(error)
            raise RuntimeError(
                f"cannot listen on {host}:{port}: {reason.lower()}: stop the program using it or choose another --port"
            ) from error


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    token: str | None = None,
    tokens_file: Path | None = None,
    outlets_file: Path | None = None,
    settings: WebSettings | None = None,
) -> None:
    """Serve the store at `db` until interrupted. Raises `UnsafeBind` for a public host without a token."""
    tokens = load_tokens(token, tokens_file)
    check_bind(host, tokens)
    try:
        import uvicorn

        from storylens.web.app import ServerConfig, create_app, open_read_only
    except ImportError as error:
        raise RuntimeError("`storylens serve` needs the web extra: pip install 'storylens[web]'") from error
    from storylens.api import load_outlet_profiles

    open_read_only(db).close()  # a missing or unreadable store fails here, before the server starts
    # Without a token the server is loopback-only; refusing other Host headers stops DNS rebinding.
    allowed = None if tokens else sorted({*LOOPBACK_HOSTS, host})
    config = ServerConfig(
        db=db,
        tokens=tokens,
        outlets=load_outlet_profiles(outlets_file),
        settings=settings or WebSettings(),
        allowed_hosts=allowed,
    )
    check_port_free(host, port)
    display = f"[{host}]" if ":" in host else host
    print(f"storylens: serving {db} at http://{display}:{port}/ (JSON API under /api)", file=sys.stderr)
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning", server_header=False)


__all__ = ["UnsafeBind", "is_loopback", "serve"]
