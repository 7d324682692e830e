"""Fetches Leaflet's files from a package registry at install time into static/vendor/leaflet/.

The map must draw with no internet in the room, so the app serves Leaflet itself; the files are
third-party code, so they are fetched by `make` rather than committed. npm's `leaflet` package at
folium's version comes first; where npm is absent, the PyPI wheel `datasette-leaflet` (which bundles
Leaflet 1.7.1, API-compatible for what folium draws) is unpacked without being installed.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from observatoire import config

LEAFLET_VERSION = "1.9.3"  # the version folium 0.20 names in its templates
DEST = config.STATIC_DIR / "vendor" / "leaflet"
FICHIERS = ("leaflet.js", "leaflet.css")


def present() -> bool:
    return all((DEST / f).exists() for f in FICHIERS) and (DEST / "images").is_dir()


def _depuis_npm(tmp: Path) -> bool:
    npm = shutil.which("npm")
    if not npm:
        return False
    res = subprocess.run([npm, "pack", f"leaflet@{LEAFLET_VERSION}", "--silent"], cwd=tmp,
                         capture_output=True, text=True, timeout=300)
    if res.returncode != 0:
        print(f"npm pack leaflet a échoué : {res.stderr.strip()[:300]}", file=sys.stderr)
        return False
    tgz = next(tmp.glob("leaflet-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, filter="data")
    dist = tmp / "package" / "dist"
    DEST.mkdir(parents=True, exist_ok=True)
    for f in FICHIERS:
        shutil.copy2(dist / f, DEST / f)
    shutil.copytree(dist / "images", DEST / "images", dirs_exist_ok=True)
    return True


def _depuis_pypi(tmp: Path) -> bool:
    res = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                          "datasette-leaflet==0.2.2", "-d", str(tmp)], capture_output=True, text=True, timeout=300)
    if res.returncode != 0:
        print(f"pip download datasette-leaflet a échoué : {res.stderr.strip()[:300]}", file=sys.stderr)
        return False
    whl = next(tmp.glob("datasette_leaflet-*.whl"))
    with zipfile.ZipFile(whl) as z:
        z.extractall(tmp / "whl")
    static = next((tmp / "whl").rglob("leaflet.css")).parent
    DEST.mkdir(parents=True, exist_ok=True)
    js = next(p for p in static.iterdir() if p.name.startswith("leaflet") and p.suffix == ".js" and "src" not in p.name)
    shutil.copy2(js, DEST / "leaflet.js")
    shutil.copy2(static / "leaflet.css", DEST / "leaflet.css")
    shutil.copytree(static / "images", DEST / "images", dirs_exist_ok=True)
    return True


def installer() -> None:
    if present():
        return
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not (_depuis_npm(tmp) or _depuis_pypi(tmp)):
            raise SystemExit("Impossible de récupérer Leaflet (ni npm ni PyPI) : la carte ne pourra pas s'afficher.")
    print(f"Leaflet installé dans {DEST.relative_to(config.ROOT)}")
