"""Serve a built site on 127.0.0.1 for the browser, the link check and the audits."""

import functools
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class QuietSiteRequestHandler(SimpleHTTPRequestHandler):
    """Static files with the types a browser insists on, and no log noise in test output."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        # Pagefind loads its index with WebAssembly streaming, which needs this type.
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webp": "image/webp",
        ".avif": "image/avif",
    }

    def end_headers(self) -> None:
        # Every check wants the files as they are now, never a cached copy.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing address gets the site's own 404.html, with status 404, as on GitHub Pages."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def free_port() -> int:
    """A port of 127.0.0.1 free right now, for a site that must know its address before it is built."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve_site(site_dir: Path, port: int = 0) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 (a free port unless given); yield its base URL ending in '/'."""
    handler = functools.partial(QuietSiteRequestHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
