"""The publication layer at national scale: time and peak memory to build it once (every count per territory,
the reference mask, the CEJ series, and every other stored table: observatoire/publication/stockees.py), and the
time a channel takes to read it afterwards (every table of the layer, from the files).

Each size runs in a worker process pointed at the synthetic extracts (bench/national.py) with
OBSERVATOIRE_DATA_DIR, so that its peak memory (ru_maxrss of the worker) is the build's own. The layer is
built cold (derived tables already there: they are the build step before, timed by bench.queries).

    python -m bench publication                 # national_10ans (~11 million rows)
    BENCH_TAILLES=region_1an python -m bench publication
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

from bench import national
from observatoire import config

CIBLE_CONSTRUCTION_S = 60.0
CIBLE_MEMOIRE_MO = 2048.0
CIBLE_LECTURE_MS = 50.0


def travailleur(annee: int) -> dict:
    """In a process of its own: derived tables, then the layer (timed), then reads (timed)."""
    import logging  # noqa: PLC0415

    logging.disable(logging.WARNING)
    from observatoire import db, derive  # noqa: PLC0415
    from observatoire.publication import cej, couche, stockees  # noqa: F401, PLC0415 - stockees registers its tables

    derive.preparer(db._tables(config.BUILD_DIR), config.BUILD_DIR)
    debut = time.perf_counter()
    chemin = couche.fichier(annee)
    construction = time.perf_counter() - debut
    # the other stored tables (what a page view used to recompute: Sources & méthodes, provenance, CEJ year,
    # Publics' categories, Emploi & formation's labels and monthly starts), each built once per data version
    tables = {}
    for nom in couche.CONSTRUCTEURS:
        t = time.perf_counter()
        couche.stockee(nom, annee)
        tables[nom] = time.perf_counter() - t
    lectures = []
    for _ in range(20):
        couche._lire.cache_clear()
        couche._lire_table.cache_clear()
        t = time.perf_counter()
        couche.chiffres(annee)
        cej.serie(annee, config.REGION)
        lectures.append(1000 * (time.perf_counter() - t))
    lectures.sort()
    # each other stored table read cold (a page reads the one or two it draws, once per process and data version)
    par_table = {}
    for nom in couche.CONSTRUCTEURS:
        temps = []
        for _ in range(10):
            couche._lire_table.cache_clear()
            t = time.perf_counter()
            couche.lire(nom, annee)
            temps.append(1000 * (time.perf_counter() - t))
        par_table[nom] = sorted(temps)[int(0.95 * (len(temps) - 1))]
    return {"construction_s": construction + sum(tables.values()), "comptes_s": construction, "tables_s": tables,
            "fichier_ko": chemin.stat().st_size / 1024,
            "lecture_p95_ms": lectures[int(0.95 * (len(lectures) - 1))], "lecture_tables_p95_ms": par_table,
            "rss_max_mo": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(tailles: list[str] | None = None) -> None:
    choix = tailles or [t for t in os.environ.get("BENCH_TAILLES", "national_10ans").split(",") if t]
    print(f"Cibles : construction ≤ {CIBLE_CONSTRUCTION_S:.0f} s et ≤ {CIBLE_MEMOIRE_MO:.0f} Mo à 11 M de lignes ; "
          f"lecture par un canal p95 ≤ {CIBLE_LECTURE_MS:.0f} ms.")
    manques = []
    for taille in choix:
        dossier = national.preparer(taille)
        env = {**os.environ, "OBSERVATOIRE_DATA_DIR": str(dossier)}
        sortie = subprocess.run([sys.executable, "-m", "bench.publication", "--travailleur", "2022"], cwd=config.ROOT,
                                env=env, check=True, capture_output=True, text=True).stdout
        m = json.loads(sortie.strip().splitlines()[-1])
        jeunes = f"{national.lignes(dossier)['jeunes']:,}".replace(",", "\u202f")
        print(f"{taille:<15} {jeunes:>12} jeunes : construction {m['construction_s']:.1f} s ; mémoire max "
              f"{m['rss_max_mo']:.0f} Mo ; fichier {m['fichier_ko']:.0f} Ko ; lecture p95 {m['lecture_p95_ms']:.1f} ms")
        print("    dont comptes protégés " + f"{m['comptes_s']:.1f} s ; " + " ; ".join(
            f"{nom} {s:.1f} s" for nom, s in m["tables_s"].items() if nom != "comptes"))
        print("    lecture à froid p95 par table : " + " ; ".join(
            f"{nom} {ms:.1f} ms" for nom, ms in m["lecture_tables_p95_ms"].items()))
        if taille == "national_10ans":
            if m["construction_s"] > CIBLE_CONSTRUCTION_S:
                manques.append(f"construction {m['construction_s']:.1f} s > {CIBLE_CONSTRUCTION_S:.0f} s")
            if m["rss_max_mo"] > CIBLE_MEMOIRE_MO:
                manques.append(f"mémoire {m['rss_max_mo']:.0f} Mo > {CIBLE_MEMOIRE_MO:.0f} Mo")
        if m["lecture_p95_ms"] > CIBLE_LECTURE_MS:
            manques.append(f"{taille} : lecture p95 {m['lecture_p95_ms']:.1f} ms > {CIBLE_LECTURE_MS:.0f} ms")
        manques += [f"{taille} : lecture de {nom} p95 {ms:.1f} ms > {CIBLE_LECTURE_MS:.0f} ms"
                    for nom, ms in m["lecture_tables_p95_ms"].items() if ms > CIBLE_LECTURE_MS]
    print(f"Charge de la machine (load average 1 min) : {os.getloadavg()[0]:.1f} pour {os.cpu_count()} cœurs")
    print("publication: " + ("cibles tenues" if not manques else "cibles manquées : " + " ; ".join(manques)))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--travailleur":
        print(json.dumps(travailleur(int(sys.argv[2]))))
    else:
        main(sys.argv[1:])
