"""Shared browser machinery: start the app, open pages in Debian's chromium with every
non-localhost request blocked and recorded, wait for Streamlit to settle, take screenshots."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = ROOT / "artifacts" / "screenshots"
CHROMIUM_CANDIDATS = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
ARGS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--lang=fr-FR"]
HOTES_LOCAUX = {"localhost", "127.0.0.1", "::1", "[::1]"}


def chromium() -> str | None:
    for c in CHROMIUM_CANDIDATS:
        if os.path.exists(c):
            return c
    return shutil.which("chromium")


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serveur_app(port: int | None = None, env: dict | None = None):
    """Runs the app as `make run` does (`streamlit run serveur.py`) on a free port until the block ends; yields
    the base URL."""
    port = port or port_libre()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "serveur.py"), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    # The server's output goes to a file, read back if it fails to start: a pipe nobody reads would block the
    # server once its logs fill it.
    journal = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=journal, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        limite = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > limite:
                journal.seek(0)
                sortie = journal.read().decode(errors="replace")
                raise RuntimeError(f"l'application n'a pas démarré :\n{sortie[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        journal.close()


@dataclass
class Hors_ligne:
    """Records (and aborts) every request that would leave this machine."""
    bloquees: list[str] = field(default_factory=list)

    def __call__(self, route):
        hote = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or hote in HOTES_LOCAUX:
            route.continue_()
        else:
            self.bloquees.append(route.request.url)
            route.abort()


def attendre(page, timeout_ms: int = 60_000) -> None:
    """Waits until Streamlit has finished its script run and the front end has painted it: no element
    still marked stale from the previous run, no lazy component still showing its skeleton. On a loaded
    machine the script state alone says "notRunning" before the last elements are drawn."""
    for _ in range(2):
        page.wait_for_timeout(300)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                               timeout=timeout_ms, state="attached")
        page.wait_for_function(
            "() => !document.querySelector(\"[data-stale='true'], [data-testid='stSkeleton']\")",
            timeout=timeout_ms)


def texte_affiche(page, attendus: list[str], timeout_ms: int = 20_000) -> str:
    """The main block's text once every expected string is in it (or after timeout_ms, for the
    assertion to report what is missing): a browser paints in steps, a one-shot read can be early."""
    principal = page.locator("[data-testid='stMain']")
    limite = time.monotonic() + timeout_ms / 1000
    while True:
        texte = principal.inner_text()
        if all(a.lower() in texte.lower() for a in attendus) or time.monotonic() > limite:
            return texte
        page.wait_for_timeout(250)


def ouvrir(contexte, url: str, hors_ligne: Hors_ligne | None = None):
    page = contexte.new_page()
    if hors_ligne is not None:
        page.route("**/*", hors_ligne)
    page.goto(url, wait_until="domcontentloaded")
    attendre(page)
    return page


def capture(page, nom: str, hauteur_max: int = 12_000) -> Path:
    """A PNG of the whole page. Streamlit scrolls inside its main block, so `full_page` alone stops at the
    first screen: the viewport is stretched to the content's height for the shot, then put back."""
    CAPTURES.mkdir(parents=True, exist_ok=True)
    chemin = CAPTURES / f"{nom}.png"
    taille = page.viewport_size
    hauteur = page.evaluate("() => Math.max(...[...document.querySelectorAll("
                            "\"[data-testid='stMain'], [data-testid='stSidebarContent']\")]"
                            ".map(e => e.scrollHeight), 0)")
    if taille and hauteur > taille["height"]:
        page.set_viewport_size({"width": taille["width"], "height": min(hauteur + 40, hauteur_max)})
        page.wait_for_timeout(600)  # charts re-lay out to the new size
    try:
        page.screenshot(path=str(chemin), full_page=True)
    finally:
        if taille:
            page.set_viewport_size(taille)
    return chemin


def exceptions(page) -> list[str]:
    return page.locator("[data-testid='stException']").all_inner_texts()
