"""CSRF tokens, one-time form keys and the sign-in token of ``hotlist web``.

Every form carries ``csrf``: a fresh random nonce and an HMAC of it bound to the browser's ``hotlist_csrf``
cookie, under a secret of this server process. A cross-site page can neither read one nor forge one, and the
nonce doubles as the form's idempotency key: posting the same form twice (a double click) records one call.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

CSRF_COOKIE = "hotlist_csrf"
AUTH_COOKIE = "hotlist_auth"
LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost (a host only this machine can reach)."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Signer:
    """Signs and checks CSRF tokens and the sign-in cookie with one process secret."""

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)

    def _mac(self, *parts: str) -> str:
        return hmac.new(self._secret, "\x00".join(parts).encode(), hashlib.sha256).hexdigest()

    def new_csrf(self, browser: str) -> str:
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._mac('csrf', browser, nonce)}"

    def check_csrf(self, browser: str, token: str) -> str | None:
        """The token's nonce when it was issued to this browser by this server, else None."""
        nonce, _, mac = (token or "").partition(".")
        if not nonce or not browser or not hmac.compare_digest(mac, self._mac("csrf", browser, nonce)):
            return None
        return nonce

    def auth_cookie(self) -> str:
        return self._mac("signed-in")

    def check_auth_cookie(self, value: str | None) -> bool:
        return bool(value) and hmac.compare_digest(value, self.auth_cookie())


def same_token(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())
