"""A static server for a built site, as GitHub Pages serves it: under the site's path, gzip,
keep-alive. The browser tests and ``benchmarks.lighthouse`` load pages from it."""

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"


def base_path(site_url: str | None) -> str:
    """The path a site is served under on its host (``/rnn-docs/``; ``/`` without an address)."""
    path = urlsplit(site_url).path if site_url else "/"
    return path if path.endswith("/") else path + "/"

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".ipynb"}


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix`` only, as GitHub Pages serves the project site."""

    prefix = "/"
    # Keep-alive, as every real host has: Lighthouse's simulated network charges a fresh
    # connection (a round trip) to every request of an HTTP/1.0 server.
    protocol_version = "HTTP/1.1"

    def translate_path(self, path):
        path = urlsplit(path).path
        if not unquote(path).startswith(self.prefix):
            return str(Path(self.directory) / "\0not-under-prefix")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_head(self):
        # GitHub Pages compresses text with gzip; Lighthouse's timings depend on it.
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        if not self.path.split("?")[0].endswith("/") and path.name == "index.html":
            return super().send_head()  # the redirect to the folder's URL
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser that drops a connection it no longer needs is no error of the site


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve the built site in ``directory`` under ``prefix`` on a free port; yield its address
    (ends with ``/``)."""
    handler_class = type("SiteHandler", (_SiteHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
