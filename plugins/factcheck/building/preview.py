"""`invoke serve`'s preview server: the site, a reload after each rebuild, errors on the page.

Built pages carry no JavaScript and a Content-Security-Policy that allows
none. Only this server, only in `invoke serve`, adds to each HTML page it
sends a script (``/__preview/reload.js``) and the CSP source that lets it
run and connect back; nothing is written into the output folder. The script
waits for the next rebuild (a long poll on ``/__preview/state``): a good one
reloads the page, a failed one shows every problem, as
``path:line:col: field: message`` with the lines of the file around it, in
an overlay that stays until the next good build.
"""

from __future__ import annotations

import errno
import http.server
import json
import re
import sys
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..content.problems import Problem

PREFIX = "/__preview/"
SCRIPT_TAG = b'<script src="/__preview/reload.js" defer></script>'
_CSP_META = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")', re.I)
CONTEXT_LINES = 2  # lines of the file shown before and after each problem
POLL_SECONDS = 20.0


class PreviewState:
    """What the last build gave: a generation number, and its problems if it failed."""

    def __init__(self, project_root: Path) -> None:
        self.project_root = project_root
        self.generation = 0
        self.errors: list[dict] = []
        self._changed = threading.Condition()

    def succeeded(self) -> None:
        self._publish([])

    def failed(self, problems: Iterable[Problem]) -> None:
        self._publish([self._describe(p) for p in problems if p.is_error])

    def wait_after(self, generation: int, timeout: float = POLL_SECONDS) -> dict:
        """The state once it is newer than `generation`, or as it is after `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation > generation, timeout)
            return {"generation": self.generation, "errors": self.errors}

    def _publish(self, errors: list[dict]) -> None:
        with self._changed:
            self.generation += 1
            self.errors = errors
            self._changed.notify_all()

    def _describe(self, problem: Problem) -> dict:
        try:
            text = (self.project_root / problem.path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        all_lines = text.split("\n")
        first = max(1, problem.line - CONTEXT_LINES)
        last = min(len(all_lines), problem.line + CONTEXT_LINES)
        lines: list[list] = [[n, all_lines[n - 1]] for n in range(first, last + 1)] if text else []
        return {"text": problem.format(), "line": problem.line, "lines": lines}


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder, with the preview script added to HTML pages."""

    state: PreviewState

    def __init__(self, *args, state: PreviewState, **kwargs) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        url = urlsplit(self.path)
        if url.path == PREFIX + "reload.js":
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT.encode())
        if url.path == PREFIX + "state":
            after = parse_qs(url.query).get("after", ["-1"])[0]
            try:
                generation = int(after)
            except ValueError:
                generation = -1
            body = json.dumps(self.state.wait_after(generation)).encode()
            return self._send(200, "application/json", body)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url.path.endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._send(
                200, "text/html; charset=utf-8", with_preview_script(path.read_bytes())
            )
        return super().do_GET()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def with_preview_script(html: bytes) -> bytes:
    """The page as served in the preview: its CSP allows this server's script, which is added."""
    html = _CSP_META.sub(
        lambda m: m[1] + m[2] + b"; script-src 'self'; connect-src 'self'" + m[3], html, count=1
    )
    if b"</head>" in html:
        return html.replace(b"</head>", SCRIPT_TAG + b"\n</head>", 1)
    return html + SCRIPT_TAG


def preview_server(output: Path, port: int, state: PreviewState) -> http.server.ThreadingHTTPServer:
    """The preview server bound to 127.0.0.1:port, or one line saying what to do."""
    handler = partial(PreviewHandler, directory=str(output), state=state)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            sys.exit(
                f"error: port {port} is busy (another invoke serve may be running): stop it, "
                f"or run uv run invoke serve --port {port + 1}"
            )
        sys.exit(f"error: cannot serve on 127.0.0.1:{port}: {error.strerror}")
    server.daemon_threads = True
    return server


def rebuild_and_report(
    rebuild: Callable[[], str], state: PreviewState, shown: list[str], out=sys.stdout
) -> list[str]:
    """One rebuild: print what happened, tell the preview pages; return the lines shown."""
    import time

    from ..content.problems import report_changes

    started = time.perf_counter()
    try:
        how = rebuild()
    except SystemExit as error:  # content problems: what changed, then keep serving
        if isinstance(error.code, str):
            text, shown = report_changes(shown, error.code)
            print(text, file=out)
        problems = getattr(error, "problems", None)
        if problems:
            state.failed(problems)
        print("the build failed; still serving the previous site", file=out)
        return shown
    except Exception as error:  # keep serving the last good site
        print(f"the build failed: {error}; still serving the previous site", file=out)
        return shown
    print(f"rebuilt ({how}) in {time.perf_counter() - started:.2f} s", file=out)
    state.succeeded()
    return []


RELOAD_SCRIPT = r"""// Added by invoke serve's preview server only; built pages have no script.
(function () {
  "use strict";
  var overlay = null;

  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = "factcheck-preview-errors";
      overlay.setAttribute("role", "alert");
      var s = overlay.style;
      s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
      s.background = "rgba(20, 20, 20, 0.96)"; s.color = "#fff"; s.padding = "1.5rem";
      s.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = "The last save has " + errors.length +
      (errors.length === 1 ? " error" : " errors") +
      ": the page shows the last good build until it is fixed";
    heading.style.font = "bold 16px/1.4 system-ui, sans-serif";
    overlay.appendChild(heading);
    errors.forEach(function (error) {
      var item = document.createElement("div");
      item.className = "factcheck-preview-error";
      item.style.margin = "1rem 0";
      var message = document.createElement("p");
      message.className = "factcheck-preview-message";
      message.style.color = "#ff8a80";
      message.textContent = error.text;
      item.appendChild(message);
      if (error.lines.length) {
        var code = document.createElement("pre");
        code.className = "factcheck-preview-lines";
        code.style.background = "#000"; code.style.padding = "0.5rem";
        code.style.whiteSpace = "pre-wrap";
        code.textContent = error.lines.map(function (pair) {
          return (pair[0] === error.line ? "> " : "  ") + String(pair[0]).padStart(4) + " | " + pair[1];
        }).join("\n");
        item.appendChild(code);
      }
      overlay.appendChild(item);
    });
  }

  function poll(after) {
    fetch("/__preview/state?after=" + after, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (after >= 0 && state.generation > after && !state.errors.length) {
          location.reload();
          return;
        }
        if (state.errors.length) { show(state.errors); }
        poll(state.generation);
      })
      .catch(function () { setTimeout(function () { poll(after); }, 1000); });
  }

  poll(-1);
})();
"""


def run_preview(
    settings_file: Path,
    output: Path,
    port: int,
    watched: list[Path],
    *,
    root: Path,
    after: Callable[[Path], None] | None = None,
    refresh: Callable[[Path], None] | None = None,
    stop_event: threading.Event | None = None,
    on_ready: Callable[[http.server.ThreadingHTTPServer], None] | None = None,
    out=sys.stdout,
) -> None:
    """Bind, build, serve and rebuild on every change until Ctrl-C (or `stop_event`).

    The port is bound first, so that a busy one is reported before a build.
    """
    try:
        from watchfiles import watch
    except ImportError:
        sys.exit("error: the watchfiles package is missing: run uv sync, then uv run invoke serve")

    from .incremental import Rebuilder

    state = PreviewState(root)
    server = preview_server(output, port, state)
    rebuilder = Rebuilder(settings_file, output, after=after, refresh=refresh)
    _first_build(rebuilder, server, output, out)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    names = ", ".join(path.relative_to(root).as_posix() for path in watched)
    bound = server.server_address[1]
    print(f"serving on http://127.0.0.1:{bound}/ (Ctrl-C to stop); watching {names}", file=out)
    if on_ready is not None:
        on_ready(server)
    shown: list[str] = []  # the last failed rebuild's report, not printed again
    try:
        for changes in watch(*watched, stop_event=stop_event):
            changed = sorted({Path(path).relative_to(root).as_posix() for _, path in changes})
            more = " ..." if len(changed) > 5 else ""
            print(f"changed: {', '.join(changed[:5])}{more}", file=out)
            paths = [root / path for path in changed]
            shown = rebuild_and_report(partial(rebuilder.rebuild, paths), state, shown, out)
    except KeyboardInterrupt:
        print("stopped", file=out)
    finally:
        server.shutdown()
        server.server_close()


def _first_build(rebuilder, server: http.server.ThreadingHTTPServer, output: Path, out) -> None:
    """The full build before serving; when it fails, the port is freed and serve stops."""
    import time

    started = time.perf_counter()
    try:
        rebuilder.build_all()
    except BaseException as error:
        server.server_close()
        if isinstance(error, (SystemExit, KeyboardInterrupt)):
            raise
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        sys.exit(f"error: the build failed: {first_line or type(error).__name__}")
    print(f"built {output.name}/ in {time.perf_counter() - started:.1f} s", file=out)
