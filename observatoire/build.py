"""Builds data/build/ from data/sources/: each source CSV validated and compiled to parquet,
then the demonstration extracts generated where missing. Raw sources are never edited in place."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from observatoire import config, schemas


def ecrire_parquet_atomique(df: pd.DataFrame, dest: Path) -> None:
    """Writes beside the destination then renames: a reader never sees half a file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".parquet.tmp")
    os.close(fd)
    try:
        df.to_parquet(tmp, index=False)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def compiler_sources(build_dir: Path = config.BUILD_DIR) -> list[Path]:
    ecrits = []
    for src in sorted(config.SOURCES_DIR.glob("*.csv")):
        dest = build_dir / f"{src.stem}.parquet"
        if dest.exists() and dest.stat().st_mtime >= src.stat().st_mtime:
            continue
        df = pd.read_csv(src, dtype=str, keep_default_na=False, encoding="utf-8")
        df = schemas.valider_source(src.stem, df)
        ecrire_parquet_atomique(df, dest)
        ecrits.append(dest)
    return ecrits


def construire(build_dir: Path = config.BUILD_DIR) -> None:
    ecrits = compiler_sources(build_dir)
    for step in ETAPES_SUPPLEMENTAIRES:
        ecrits += step(build_dir) or []
    from observatoire import db, derive  # noqa: PLC0415
    from observatoire.publication import couche, stockees  # noqa: F401, PLC0415 - stockees registers its tables

    derive.preparer(db._tables(build_dir), build_dir)  # built now rather than at the first page view
    if build_dir == config.BUILD_DIR:  # and the publication layer of every year, at the configured threshold
        couche.construire_tout()
    for p in ecrits:
        print(f"écrit : {p.relative_to(config.ROOT) if p.is_relative_to(config.ROOT) else p}")
    print("données à jour" if not ecrits else f"{len(ecrits)} fichier(s) écrit(s)")


def _etapes() -> list:
    """Further build steps (geography tables, demonstration extracts), each a function(build_dir) -> [paths]."""
    import importlib
    import importlib.util

    etapes = []
    for module in ("geo.tables", "observatoire.demo"):
        if importlib.util.find_spec(module) is not None:
            etapes.append(importlib.import_module(module).construire)
    return etapes


ETAPES_SUPPLEMENTAIRES = _etapes()
