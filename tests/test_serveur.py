"""Streamlit's front end served from memory (observatoire/serveur.py): the same files, gzipped when the
browser accepts it, cached for a year like Streamlit's own answer; every other request goes on to Streamlit."""
from __future__ import annotations

import asyncio
import gzip
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from observatoire import serveur
from tests.outils import ROOT

ENTREE = re.search(r'src="\./static/js/([^"]+\.js)"', (serveur.DOSSIER.parent / "index.html").read_text()).group(1)


class _Streamlit:
    """Stands for Streamlit's stack: records what reached it."""

    def __init__(self) -> None:
        self.recus: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        self.recus.append(scope["path"])
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})


def _requete(app, chemin: str, methode: str = "GET", entetes: dict | None = None) -> tuple[int, dict, bytes]:
    messages: list[dict] = []

    async def recevoir():
        return {"type": "http.request", "body": b""}

    async def envoyer(message):
        messages.append(message)

    scope = {"type": "http", "method": methode, "path": chemin,
             "headers": [(k.encode(), v.encode()) for k, v in (entetes or {}).items()]}
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as fil:
        fil.submit(asyncio.run, app(scope, recevoir, envoyer)).result()
    debut = messages[0]
    return debut["status"], dict(debut["headers"]), b"".join(m.get("body", b"") for m in messages[1:])


@pytest.fixture(scope="module")
def app():
    streamlit = _Streamlit()
    return serveur.StatiquesEnMemoire(streamlit), streamlit


def test_le_bundle_d_entree_part_compresse_et_identique(app):
    statiques, streamlit = app
    statut, entetes, corps = _requete(statiques, f"/static/js/{ENTREE}", entetes={"accept-encoding": "gzip, br"})
    original = (serveur.DOSSIER / "js" / ENTREE).read_bytes()
    assert statut == 200 and streamlit.recus == []
    assert entetes[b"content-encoding"] == b"gzip"
    assert gzip.decompress(corps) == original
    assert len(corps) < len(original) / 2
    assert int(entetes[b"content-length"]) == len(corps)
    assert entetes[b"cache-control"] == b"public, immutable, max-age=31536000"
    assert entetes[b"content-type"].startswith(b"text/javascript") or b"javascript" in entetes[b"content-type"]
    assert entetes[b"vary"] == b"Accept-Encoding"


def test_sans_gzip_le_fichier_tel_quel_et_head_sans_corps(app):
    statiques, _ = app
    _, entetes, corps = _requete(statiques, f"/static/js/{ENTREE}")
    assert b"content-encoding" not in entetes
    assert corps == (serveur.DOSSIER / "js" / ENTREE).read_bytes()
    statut, entetes_head, corps_head = _requete(statiques, f"/static/js/{ENTREE}", "HEAD")
    assert statut == 200 and corps_head == b"" and entetes_head[b"content-length"] == entetes[b"content-length"]


def test_une_police_deja_compressee_n_est_pas_recompressee(app):
    statiques, _ = app
    police = next((serveur.DOSSIER / "media").glob("*.woff2"))
    _, entetes, corps = _requete(statiques, f"/static/media/{police.name}", entetes={"accept-encoding": "gzip"})
    assert b"content-encoding" not in entetes and corps == police.read_bytes()
    assert entetes[b"content-type"] == b"font/woff2"


@pytest.mark.parametrize("methode, chemin, entetes", [
    ("GET", "/", {}),  # the page itself (index.html, no-cache): Streamlit's
    ("GET", "/emploi_formation", {}),
    ("GET", "/static/js/absent.js", {}),  # not a file of the package
    ("GET", "/static/../../../etc/passwd", {}),  # never looked up on disk: Streamlit answers 400
    ("GET", "/app/static/favicon.png", {}),  # the app's own static folder
    ("POST", f"/static/js/{ENTREE}", {}),
    ("GET", f"/static/js/{ENTREE}", {"range": "bytes=0-99"}),  # partial content: Streamlit's FileResponse
])
def test_le_reste_va_a_streamlit(methode, chemin, entetes):
    streamlit = _Streamlit()
    statut, _, corps = _requete(serveur.StatiquesEnMemoire(streamlit), chemin, methode, entetes)
    assert (statut, corps, streamlit.recus) == (299, b"streamlit", [chemin])


def test_make_run_et_les_tests_navigateur_passent_par_le_serveur():
    """`make run` and the browser tests start the same entry point: what is measured is what is run."""
    assert "streamlit run serveur.py" in (ROOT / "Makefile").read_text()
    assert '"serveur.py"' in (ROOT / "tests" / "browser" / "navigateur.py").read_text()
    assert "StatiquesEnMemoire" in (ROOT / "serveur.py").read_text()
