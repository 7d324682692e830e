"""Build step picked up by `python -m observatoire build`: the committed geography of geo/ as tables
the queries read (data/build/communes.parquet). ml_communes comes from data/sources/ml_communes.csv,
compiled like every other source."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

GEO_DIR = Path(__file__).resolve().parent
COMMUNES_CSV = GEO_DIR / "communes.csv"
TYPES = {"code_commune": str, "nom": str, "departement": str, "code_epci": str, "nom_epci": str,
         "population": "int64", "lon": "float64", "lat": "float64"}


def lire_communes() -> pd.DataFrame:
    """The 2 644 communes of Normandy: code, full name, department, EPCI, INSEE 2017 population, inner point."""
    return pd.read_csv(COMMUNES_CSV, dtype=TYPES, keep_default_na=False, encoding="utf-8")


def construire(build_dir: Path) -> list[Path]:
    # Imported here: observatoire.build imports this module while it loads.
    from observatoire.build import ecrire_parquet_atomique

    dest = Path(build_dir) / "communes.parquet"
    if dest.exists() and dest.stat().st_mtime >= COMMUNES_CSV.stat().st_mtime:
        return []
    ecrire_parquet_atomique(lire_communes(), dest)
    return [dest]
