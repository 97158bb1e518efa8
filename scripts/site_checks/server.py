"""A local static server for a built site, on 127.0.0.1, that answers like a static host."""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like a static host: the language's own 404 page for unknown URLs."""

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            root = Path(self.directory)
            first = self.path.lstrip("/").split("/", 1)[0]
            page = root / first / "404.html" if first else root / "404.html"
            if not page.is_file():
                page = root / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().send_error(code, message, explain)


class _QuietServer(http.server.ThreadingHTTPServer):
    """Says nothing when the browser drops a connection it no longer needs (a closed page, a cancelled
    prefetch): that is normal, and the tracebacks buried the test output. Other errors still print."""

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def free_port() -> int:
    """A port on 127.0.0.1 that is free now, to build a site for the server that will use it."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(site_dir: Path, port: int = 0):
    """Serve ``site_dir`` on 127.0.0.1 (``port``, or a free one). Returns (server, base_url); call server.shutdown()."""
    server = start(functools.partial(_StaticHandler, directory=str(site_dir)), port)
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def start(handler, port: int = 0) -> http.server.ThreadingHTTPServer:
    """Run ``handler`` on 127.0.0.1 (``port``, or a free one) in a background thread; call .shutdown()."""
    server = _QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
