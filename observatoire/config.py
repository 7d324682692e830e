"""Paths and settings, in one place. Settings come from the environment so tests and deployments can change them."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DATA_DIR = Path(os.environ.get("OBSERVATOIRE_DATA_DIR", ROOT / "data"))
SOURCES_DIR = ROOT / "data" / "sources"
BUILD_DIR = DATA_DIR / "build"
# Extracts, one parquet file per table and year: <table>/annee=<YYYY>.parquet. An imported (real)
# year replaces the demonstration year of the same table; see observatoire/db.py.
DEMO_DIR = BUILD_DIR / "demo"
EXTRAITS_DIR = DATA_DIR / "extraits"
SAUVEGARDES_DIR = DATA_DIR / "sauvegardes"
GEO_DIR = ROOT / "geo"
STATIC_DIR = ROOT / "static"

# Statistical secrecy: counts computed from extracts below this are never shown (observatoire/secret/).
SEUIL_SECRET = int(os.environ.get("OBSERVATOIRE_SEUIL_SECRET", "11"))

REGION = "Normandie"
ANNEE_RAPPORT = 2022
