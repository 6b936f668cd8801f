"""Who may talk to the server and what every response promises the browser.

Article text is hostile (scraped pages), so the server is built to be safe to
expose: it binds loopback by default and refuses a public address without a
token; tokens are compared in constant time; every response carries a strict
Content-Security-Policy (scripts only from the server itself, no framing, no
`<base>` or form targets elsewhere), so even a slip in escaping could not run
injected code.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
from pathlib import Path

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",  # chart and camp colours are style attributes the server writes
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class UnsafeBind(ValueError):
    """The server was asked to listen beyond this machine without any token."""


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine ("localhost", 127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]")
    if name.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # any other host name may resolve to a public address


def load_tokens(token: str | None, tokens_file: Path | None) -> list[str]:
    """Tokens from `--token` and a tokens file (one per line; blank lines and `#` comments ignored)."""
    tokens = [token.strip()] if token and token.strip() else []
    if tokens_file is not None:
        try:
            lines = Path(tokens_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise ValueError(f"cannot read tokens file {tokens_file}: {error}") from error
        tokens += [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
        if not tokens:
            raise ValueError(f"tokens file {tokens_file} holds no token")
    return tokens


def check_bind(host: str, tokens: list[str]) -> None:
    """Refuse to serve beyond loopback without a token (raises `UnsafeBind`)."""
    if not is_loopback(host) and not tokens:
        raise UnsafeBind(
            f"refusing to listen on {host!r} without a token: pass --token or --tokens-file, or use --host 127.0.0.1"
        )


def presented_token(authorization: str | None) -> str | None:
    """The token in an `Authorization` header: `Bearer TOKEN`, or HTTP basic with the token as password."""
    if not authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.casefold() == "bearer":
        return value.strip()
    if scheme.casefold() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2]
    return None


def token_accepted(presented: str | None, tokens: list[str]) -> bool:
    """Compare against every token in constant time (no early exit that would leak which one, or how close)."""
    candidate = (presented or "").encode("utf-8")
    accepted = False
    for token in tokens:
        accepted |= hmac.compare_digest(candidate, token.encode("utf-8"))
    return accepted and presented is not None
