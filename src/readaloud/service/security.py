"""Checks that keep the service from being turned against its own network or users.

URL inputs and callback URLs are fetched/posted by the server, so a caller could
aim them at internal services (SSRF). Every host is resolved and every address
it resolves to must be public, unless the operator allows private addresses.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from ..errors import FetchError, InputError

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = ("http", "https")
SIGNATURE_HEADER = "X-Readaloud-Signature"
SIGNATURE_PREFIX = "sha256="
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "ip6-localhost"})
FETCH_CHUNK_BYTES = 64 * 1024

Resolver = Callable[[str, int], list[str]]


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_url(url: str, *, allow_private: bool = False, what: str = "url", resolver: Resolver = resolve_host) -> str:
    """``url`` if it is http(s) and (unless ``allow_private``) every address of its host is public.

    Raises InputError naming ``what`` (the request field) otherwise.
    """
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(f"{what}: {url!r} is not a valid URL ({exc})", fix="give a full http(s):// URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise InputError(
            f"{what}: the '{scheme or '(none)'}' scheme is not allowed",
            fix="give an http:// or https:// URL",
        )
    host = parts.hostname
    if not host:
        raise InputError(f"{what}: {url!r} has no host", fix="give a full http(s):// URL")
    if allow_private:
        return url
    try:
        addresses = [host] if _is_ip(host) else resolver(host, port or (443 if scheme == "https" else 80))
    except (OSError, UnicodeError) as exc:
        raise InputError(f"{what}: cannot resolve host {host!r} ({exc})", fix="check the URL") from None
    if not addresses:
        raise InputError(f"{what}: host {host!r} has no addresses", fix="check the URL")
    for address in addresses:
        if not is_public_address(address):
            raise InputError(
                f"{what}: host {host!r} resolves to the non-public address {address}",
                fix="give a URL on the public internet (the operator can allow private addresses with --allow-private-urls)",
            )
    return url


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_loopback_host(host: str) -> bool:
    """True if binding ``host`` exposes the server only to this machine."""
    if host.lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so response timing does not leak the token."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def sign(body: bytes, secret: str) -> str:
    """The signature header value for ``body``: ``sha256=<hex HMAC-SHA256>``."""
    return SIGNATURE_PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, header: str | None, secret: str) -> bool:
    """What a webhook receiver should do with our signature (documented, and used by the tests)."""
    return header is not None and hmac.compare_digest(header, sign(body, secret))


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Re-checks every redirect target, so a public page cannot bounce us to an internal one."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        check_url(newurl, allow_private=self.allow_private, what="url (redirect)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def safe_fetch(
    url: str, *, allow_private: bool, max_bytes: int, timeout_s: float, user_agent: str
) -> tuple[bytes, str | None, str]:
    """GET an article URL with SSRF checks on it and on every redirect: (body, content type, final URL)."""
    check_url(url, allow_private=allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept-Encoding": "identity"})
    try:
        with opener.open(request, timeout=timeout_s) as response:
            chunks: list[bytes] = []
            total = 0
            while chunk := response.read(FETCH_CHUNK_BYTES):
                total += len(chunk)
                if total > max_bytes:
                    raise FetchError(f"{url} is larger than {max_bytes} bytes", fix="give a smaller article")
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("Content-Type"), response.geturl() or url
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} answered HTTP {exc.code}", fix="check the URL") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(f"cannot fetch {url} ({exc})", fix="check the URL and that the site is up") from None
