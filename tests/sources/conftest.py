"""Fixtures for ingestion tests: a local HTTP server whose routes a test defines."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class LocalServer:
    """A threaded HTTP server on 127.0.0.1; ``routes`` maps a path to a handler function."""

    server: ThreadingHTTPServer
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[dict[str, str]] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _start() -> LocalServer:
    holder: dict[str, LocalServer] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            local = holder["server"]
            local.requests.append({"path": self.path, **dict(self.headers.items())})
            route = local.routes.get(self.path.split("?")[0])
            if route is None:
                self.send_error(404)
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                route(self)

        def log_message(self, format: str, *args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    holder["server"] = LocalServer(httpd)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return holder["server"]


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1, stopped after the test."""
    local = _start()
    yield local
    local.server.shutdown()
    local.server.server_close()


@pytest.fixture
def second_server() -> Iterator[LocalServer]:
    """Another local server (a redirect target that must not be reached)."""
    local = _start()
    yield local
    local.server.shutdown()
    local.server.server_close()


def respond(body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> Route:
    """A route answering 200 with ``body``."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(body)

    return route
