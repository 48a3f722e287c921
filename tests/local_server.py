"""A local HTTP server on 127.0.0.1 whose answers a test writes as a function.

The network here reaches nothing else, and tests must not depend on it: the
archive and link tests speak to these servers only. Each server is stopped
by the test that started it, and a handler that hangs (to test time-outs)
is released when the server stops.
"""

from __future__ import annotations

import http.server
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str  # without the query
    query: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str] = field(default_factory=dict)


# (status, headers, body); body text is sent as UTF-8.
Answer = tuple[int, dict[str, str], str | bytes]


@dataclass
class LocalServer:
    url: str
    requests: list[Request]
    release: threading.Event  # set when the server stops: hanging handlers return

    def hang(self, seconds: float = 2.0) -> None:
        """Answer late (for time-out tests); returns early once the server stops."""
        self.release.wait(seconds)


@contextmanager
def local_server(answer: Callable[[Request, LocalServer], Answer]) -> Iterator[LocalServer]:
    requests: list[Request] = []
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def handle_one(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            request = Request(
                self.command,
                parts.path,
                dict(urllib.parse.parse_qsl(parts.query)),
                dict(self.headers.items()),
                dict(urllib.parse.parse_qsl(body)),
            )
            with lock:
                requests.append(request)
            status, headers, content = answer(request, server)
            data = content.encode() if isinstance(content, str) else content
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
            except OSError:
                pass  # the client gave up waiting (a time-out test)

        do_GET = do_POST = do_HEAD = handle_one

        def log_message(self, format, *args):  # noqa: A002 - the standard library's name
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    server = LocalServer(f"http://{host}:{port}", requests, threading.Event())
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
