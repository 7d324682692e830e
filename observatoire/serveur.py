"""Streamlit's own front end (its hashed JavaScript, CSS and fonts under /static/) served from memory, gzipped.

Why: a browser with an empty cache (a shared link opened in a meeting room) fetches ~125 files, 4,8 MB, for
its first page. Streamlit serves each through Starlette's FileResponse (a stat, an open and 64 KB reads, each
a hop to a worker thread, then the whole middleware stack): ~0,22 s of server CPU per empty-cache visitor, two
thirds of what a whole page view costs (bench/charge.py). Here each file is read and compressed once per
process, then answered in one write, ~4 times smaller. It is Streamlit's package content, read-only: only
names listed at start-up are answered, so no request path ever reaches the file system. Anything else (the
app's pages, the websocket, our own static/ folder, a Range request) goes on to Streamlit unchanged.
"""
from __future__ import annotations

import gzip
import importlib.util
import mimetypes
from dataclasses import dataclass
from pathlib import Path

PREFIXE = "/static/"
# The installed package's files, found without importing it: this module serves them, it draws nothing.
DOSSIER = Path(importlib.util.find_spec("streamlit").submodule_search_locations[0]) / "static" / "static"
# Formats that are compressed already: gzip would cost CPU for nothing.
DEJA_COMPRESSES = {".woff2", ".woff", ".png", ".gif", ".jpg", ".jpeg", ".webp"}
# Streamlit's own header for its hashed bundles (starlette_static_routes.py): a name changes with its content.
CACHE = b"public, immutable, max-age=31536000"


@dataclass
class _Fichier:
    type_mime: bytes
    brut: bytes
    gzip: bytes | None  # None when not worth it


class StatiquesEnMemoire:
    """ASGI middleware; `streamlit run serveur.py` puts it in front of Streamlit's own stack."""

    def __init__(self, app, dossier: Path = DOSSIER) -> None:
        self.app = app
        self._chemins = {PREFIXE + p.relative_to(dossier).as_posix(): p
                         for p in dossier.rglob("*") if p.is_file()}
        self._fichiers: dict[str, _Fichier] = {}

    def _fichier(self, chemin: str) -> _Fichier:
        """Read and compressed at its first request (once per process: a few ms for the largest bundle)."""
        if chemin not in self._fichiers:
            source = self._chemins[chemin]
            brut = source.read_bytes()
            compresse = None
            if source.suffix not in DEJA_COMPRESSES:
                compresse = gzip.compress(brut, compresslevel=9, mtime=0)
                if len(compresse) >= len(brut):
                    compresse = None
            type_mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
            if type_mime.startswith("text/") or type_mime.endswith("javascript"):
                type_mime += "; charset=utf-8"
            self._fichiers[chemin] = _Fichier(type_mime.encode(), brut, compresse)
        return self._fichiers[chemin]

    async def __call__(self, scope, receive, send) -> None:
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD")
                or scope["path"] not in self._chemins):
            await self.app(scope, receive, send)
            return
        entetes = dict(scope["headers"])
        if b"range" in entetes:  # partial content: Streamlit's FileResponse knows how
            await self.app(scope, receive, send)
            return
        fichier = self._fichier(scope["path"])
        accepte_gzip = b"gzip" in entetes.get(b"accept-encoding", b"")
        corps = fichier.gzip if (accepte_gzip and fichier.gzip is not None) else fichier.brut
        reponse = [(b"content-type", fichier.type_mime), (b"content-length", str(len(corps)).encode()),
                   (b"cache-control", CACHE), (b"vary", b"Accept-Encoding")]
        if corps is fichier.gzip:
            reponse.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": 200, "headers": reponse})
        await send({"type": "http.response.body", "body": corps if scope["method"] == "GET" else b""})
