"""Tables derived from the extracts, built once per data version and read by the queries like the others.

`parcours` (queries/derives/parcours.sql) has one row per young person, Mission Locale and year with a
situation or an entry into a scheme: counting young people per territory from it needs no count(distinct)
over a million identifiers at every page view (at national scale, 0,6 s down to 0,05 s). `jeunes_par_ml`
counts the young people of each Mission Locale and year: a territory's key figures are sums of a few rows;
`profils_jeunes` counts them per combination of the characteristics the "Publics" breakdowns use;
`territoires` lists the region, its departments and Missions Locales with their labels, in one place.

Each year is one file (a table of reference data only, one file) whose name carries a fingerprint of its
inputs (the extract files of that year and the SQL): an import, a restore or a new demonstration changes the
fingerprint, the file is rebuilt on the next connection, and a file is never out of date with its sources.
Files are written aside then renamed (two processes building the same file is harmless). Where the data folder
cannot be written (a read-only deployment) they go to the system's temporary folder.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from observatoire import config

DOSSIER_SQL = config.QUERIES_DIR / "derives"
# Inputs of each derived table. A table built from yearly extracts is one file per year ($annee in its
# SQL); one built from reference tables only (territoires) is a single file.
ENTREES: dict[str, tuple[str, ...]] = {
    "parcours": ("situations", "entrees_dispositif", "jeunes"),
    "jeunes_par_ml": ("jeunes",),
    "profils_jeunes": ("jeunes",),
    "territoires": ("missions_locales", "departements"),
}
# A superseded file may still be read by another process's connection for a moment: removed later.
DELAI_SUPPRESSION_S = 600
_ANNEE = re.compile(r"annee=(\d{4})")
log = logging.getLogger(__name__)


def dossier(build_dir: Path) -> Path:
    """Where derived files live: beside data/build and data/extraits (outside the data version's stamps),
    or in the temporary folder when the data folder is read-only."""
    rep = build_dir.parent / "derive"
    try:
        rep.mkdir(exist_ok=True)
        if os.access(rep, os.W_OK):
            return rep
    except OSError:
        pass
    cle = hashlib.sha256(str(build_dir.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"observatoire-derive-{cle}"


def sql(nom: str) -> str:
    return (DOSSIER_SQL / f"{nom}.sql").read_text(encoding="utf-8")


def _annee(fichier: str) -> int | None:
    """The year of an extract file (…/annee=2022.parquet); None for a reference table."""
    trouve = _ANNEE.search(Path(fichier).name)
    return int(trouve.group(1)) if trouve else None


def _empreinte(nom: str, fichiers: list[str]) -> str:
    h = hashlib.sha256(sql(nom).encode())
    for f in sorted(fichiers):
        st = os.stat(f)
        h.update(f"{f}|{st.st_mtime_ns}|{st.st_size}".encode())
    return h.hexdigest()[:16]


def _construire(nom: str, annee: int | None, entrees: dict[str, list[str]], cible: Path) -> None:
    con = duckdb.connect(config={"threads": 2})
    try:
        for table, fichiers in entrees.items():
            con.read_parquet(fichiers, hive_partitioning=False, union_by_name=True).create_view(table)
        resultat = con.sql(sql(nom), params={} if annee is None else {"annee": annee}).to_arrow_table()
    finally:
        con.close()
    cible.parent.mkdir(parents=True, exist_ok=True)
    provisoire = cible.with_name(f".{cible.name}.{os.getpid()}.tmp")
    pq.write_table(resultat, provisoire, row_group_size=100_000)
    os.replace(provisoire, cible)


def _nettoyer(rep: Path, gardes: set[Path]) -> None:
    limite = time.time() - DELAI_SUPPRESSION_S
    for f in rep.glob("*"):
        try:
            if f not in gardes and f.stat().st_mtime < limite:
                f.unlink()
        except OSError:
            pass


def preparer(tables: dict[str, list[str]], build_dir: Path) -> dict[str, list[str]]:
    """For each derived table whose inputs are all present: its up-to-date files, built when missing."""
    derives: dict[str, list[str]] = {}
    for nom, sources in ENTREES.items():
        if not all(s in tables for s in sources):
            continue
        # one build per year of the extracts read (a single one, year None, for reference tables only)
        par_annee: dict[int | None, dict[str, list[str]]] = {}
        for s in sources:
            for f in tables[s]:
                par_annee.setdefault(_annee(f), {}).setdefault(s, []).append(f)
        rep = dossier(build_dir) / nom
        fichiers: list[Path] = []
        for annee, entrees in sorted(par_annee.items(), key=lambda a: a[0] or 0):
            for s in sources:  # a table without that year still needs a view: any file, filtered on the year
                entrees.setdefault(s, [tables[s][0]])
            prefixe = "" if annee is None else f"annee={annee}-"
            cible = rep / f"{prefixe}{_empreinte(nom, [f for fs in entrees.values() for f in fs])}.parquet"
            if not cible.exists():
                debut = time.perf_counter()
                _construire(nom, annee, entrees, cible)
                log.info("table dérivée %s %s construite en %.1f s", nom, annee, time.perf_counter() - debut)
            fichiers.append(cible)
        _nettoyer(rep, set(fichiers))
        derives[nom] = [str(f) for f in fichiers]
    return derives
