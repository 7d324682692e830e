"""The one query runner: DuckDB SQL from queries/*.sql over the parquet files of data/.

Views: every `data/build/<name>.parquet` (compiled sources, geography) becomes `<name>`; every extract
table `<table>/annee=<YYYY>.parquet` becomes `<table>`, one file per year, taking the imported file
(data/extraits/) where there is one and the demonstration file (data/build/demo/) otherwise. Each
extract row carries its `provenance` column ('démonstration' or 'extraits'), so queries can say it. One
connection is cached per data version; each query takes its own cursor (a connection shared by Streamlit's
threads fails with "connection is busy"). Parameters are always bound, never pasted into SQL. No streamlit
here: the caches are functools' (keyed by the data version, like Streamlit's were), so the command line, the
exports and the tests share them with the app.
"""
from __future__ import annotations

import hashlib
import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from observatoire import config, derive

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
# Two page views may ask for a new data version's connection at once: only one builds its views (and the
# derived tables behind them).
_VERROU_CONNEXION = threading.Lock()


class RequeteInconnue(LookupError):
    pass


def _tables(build_dir: Path) -> dict[str, list[str]]:
    """View name -> parquet files, for everything present (see the module's docstring)."""
    tables: dict[str, list[str]] = {}
    if build_dir.exists():
        for path in sorted(build_dir.glob("*.parquet")):
            tables[path.stem] = [str(path)]
    par_annee: dict[str, dict[str, Path]] = {}
    for racine in (build_dir / "demo", build_dir.parent / "extraits"):  # later roots win
        if not racine.exists():
            continue
        for fichier in sorted(racine.glob("*/annee=*.parquet")):
            par_annee.setdefault(fichier.parent.name, {})[fichier.stem] = fichier
    for table, annees in par_annee.items():
        tables[table] = [str(annees[a]) for a in sorted(annees)]
    return tables


def _racines(build_dir: Path) -> list[Path]:
    return [build_dir, build_dir.parent / "extraits"]


def version_donnees(build_dir: Path | None = None) -> str:
    """Changes whenever a file of the build folder changes: part of every cache key, so an import shows at once.
    Inside `version_figee()` (a page run), read once per folder: the same version for the whole run."""
    build_dir = build_dir or config.BUILD_DIR
    figees = getattr(_FIGEE, "versions", None)
    if figees is None:
        return _version(build_dir)
    if str(build_dir) not in figees:
        figees[str(build_dir)] = _version(build_dir)
    return figees[str(build_dir)]


def _version(build_dir: Path) -> str:
    if not build_dir.exists():
        return "vide"
    stamps = sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                    for racine in _racines(build_dir) if racine.exists()
                    for p in racine.rglob("*.parquet"))
    # a digest rather than hash(): the same files give the same version in every process (file names of the
    # publication layer carry it, observatoire/publication/couche.py)
    return hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


# The data version frozen for the thread's current page run (None outside one).
_FIGEE = threading.local()


@contextmanager
def version_figee():
    """One data version for a whole page run (app.py wraps each run in it): every cache key of the run reads the
    files' stamps once instead of at each call — a page asked for it ~100 times per run, a walk over every extract
    file each time (a quarter of a page's server time on the national extracts) — and the run cannot mix the
    figures of two versions when an import lands during it. The next run sees the new version."""
    if getattr(_FIGEE, "versions", None) is not None:  # nested: the outer run's version holds
        yield
        return
    _FIGEE.versions = {}
    try:
        yield
    finally:
        _FIGEE.versions = None


def vues(build_dir: Path) -> dict[str, list[str]]:
    """Every view of the connection and its files: the tables, then the derived tables (observatoire/derive.py),
    built here when their inputs changed, i.e. once per data version."""
    tables = _tables(build_dir)
    return {**tables, **derive.preparer(tables, build_dir)}


def preparer_connexion(con: duckdb.DuckDBPyConnection, build_dir: Path) -> None:
    """The views over every table and derived table, and the macros the queries share (queries/macros/)."""
    for name, paths in vues(build_dir).items():
        con.read_parquet(paths, hive_partitioning=False, union_by_name=True).create_view(name)
    for macros in sorted((config.QUERIES_DIR / "macros").glob("*.sql")):
        con.execute(macros.read_text(encoding="utf-8"))


def _connecter(build_dir: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"threads": 2})
    preparer_connexion(con, build_dir)
    # Lock down: the SQL can read the data folders and nothing else, and cannot undo this.
    dossiers = [*_racines(build_dir), derive.dossier(build_dir)]
    con.execute("SET allowed_directories = $dirs", {"dirs": [f"{r}/" for r in dossiers]})
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def connexion(version: str, build_dir: str) -> duckdb.DuckDBPyConnection:
    # `version` is in the key so that a new set of files (an import) gets a connection with fresh views.
    with _VERROU_CONNEXION:
        return _connexion(version, build_dir)


@lru_cache(maxsize=4)  # a few data versions at most live at once (an import while readers are on the old one)
def _connexion(version: str, build_dir: str) -> duckdb.DuckDBPyConnection:
    return _connecter(Path(build_dir))


@lru_cache(maxsize=None)
def texte_requete(nom: str) -> str:
    path = config.QUERIES_DIR / f"{nom}.sql"
    if not path.exists():
        raise RequeteInconnue(f"Requête inconnue : queries/{nom}.sql")
    return path.read_text(encoding="utf-8")


def parametres_requete(nom: str) -> set[str]:
    sql = re.sub(r"--[^\n]*", "", texte_requete(nom))
    return set(_PARAM.findall(sql))


def _executer(nom: str, params: dict, version: str, build_dir: str) -> pd.DataFrame:
    sql = texte_requete(nom)
    attendus = parametres_requete(nom)
    manquants = attendus - params.keys()
    if manquants:
        raise TypeError(f"queries/{nom}.sql attend les paramètres {sorted(manquants)}")
    # DuckDB raises a binder error on parameters the SQL does not use: pass exactly those it names.
    lies = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items() if k in attendus}
    cur = connexion(version, build_dir).cursor()
    try:
        return cur.execute(sql, lies).df()
    finally:
        cur.close()


@lru_cache(maxsize=2000)
def _executer_cache(nom: str, params_items: tuple, version: str, build_dir: str) -> pd.DataFrame:
    return _executer(nom, dict(params_items), version, build_dir)


def _figer(v):
    return tuple(v) if isinstance(v, list) else v


def requete(nom: str, **params) -> pd.DataFrame:
    """Runs queries/<nom>.sql with bound parameters; results cached per query, parameters and data version.
    The caller gets its own copy: the cached frame is shared by every page view."""
    build_dir = str(config.BUILD_DIR)
    items = tuple(sorted((k, _figer(v)) for k, v in params.items()))
    df = _executer_cache(nom, items, version_donnees(Path(build_dir)), build_dir)
    return df.copy()


def tables_disponibles() -> set[str]:
    return set(_tables(config.BUILD_DIR))
