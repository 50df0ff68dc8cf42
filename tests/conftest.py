"""Shared pytest fixtures.

``http_server``: a local threaded HTTP server on 127.0.0.1 (port chosen by the OS) so
tests can fetch URLs without touching the internet. Register what a path answers with
``http_server.route(...)``, fetch ``http_server.url(path)``, then inspect
``http_server.requests`` to see what the client sent::

    def test_fetch(http_server):
        url = http_server.route("/a.html", "<html>...</html>", content_type="text/html")
        http_server.route("/gone", "", status=404)
        http_server.route("/slow", "late", delay_s=2.0)        # sleeps before answering
        http_server.route("/drip", b"x" * 1000, chunk_size=100, chunk_delay_s=0.1)
        ...
        assert http_server.requests[-1].headers["User-Agent"].startswith("readaloud")

Unregistered paths answer 404. Sleeping handlers wake up when the fixture tears down,
so slow routes do not slow the test session beyond the client's own timeout.

``closed_port_url``: an http:// URL on 127.0.0.1 whose port was just bound and closed,
so connecting to it is refused.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

POLL_INTERVAL_S = 0.02
"""How often the server loop checks for shutdown (keeps teardown fast)."""


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    """Sleep this long before sending the status line."""
    chunk_size: int = 0
    """If > 0, send the body in pieces of this many bytes..."""
    chunk_delay_s: float = 0.0
    """...sleeping this long between pieces."""
    send_length: bool = True
    """Send a Content-Length header (False: close-delimited body, as some servers do)."""


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]


class LocalHTTPServer:
    """A tiny configurable HTTP server for tests (see the module docstring)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self._stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # keep test output clean

            def _answer(self) -> None:
                outer.requests.append(
                    RecordedRequest(self.command, self.path, {k: v for k, v in self.headers.items()})
                )
                route = outer.routes.get(self.path.split("?", 1)[0], Route(b"not found", status=404))
                if route.delay_s and outer._stop.wait(route.delay_s):
                    return
                try:
                    self.send_response(route.status)
                    if route.content_type:
                        self.send_header("Content-Type", route.content_type)
                    if route.send_length:
                        self.send_header("Content-Length", str(len(route.body)))
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    if self.command == "HEAD":
                        return
                    step = route.chunk_size or len(route.body) or 1
                    for start in range(0, len(route.body), step):
                        self.wfile.write(route.body[start : start + step])
                        self.wfile.flush()
                        if route.chunk_delay_s and outer._stop.wait(route.chunk_delay_s):
                            return
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                    pass  # the client gave up (timeout, size cap): that's what tests provoke
                self.close_connection = True

            do_GET = do_HEAD = do_POST = _answer

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": POLL_INTERVAL_S}, daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = "text/plain; charset=utf-8",
        headers: dict[str, str] | None = None,
        delay_s: float = 0.0,
        chunk_size: int = 0,
        chunk_delay_s: float = 0.0,
        send_length: bool = True,
    ) -> str:
        """Register what ``path`` answers; returns its full URL. A str body is sent as UTF-8."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(
            data, status, content_type, dict(headers or {}), delay_s, chunk_size, chunk_delay_s, send_length
        )
        return self.url(path)


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A running LocalHTTPServer on 127.0.0.1, stopped after the test."""
    server = LocalHTTPServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def closed_port_url() -> str:
    """An http:// URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/article.html"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's cache, voices or settings."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("READALOUD_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("READALOUD_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("READALOUD_VOICES", raising=False)
    monkeypatch.delenv("READALOUD_VOICE", raising=False)
