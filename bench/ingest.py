"""Import of a 1 000 000-row `jeunes` extract: time and peak memory against the targets of issue 8
(under 30 s and 2 GB on a 2-core machine). The extract is synthetic and deterministic
(observatoire/ingest_exemples.py, seed 8); the import runs as the user runs it, in a subprocess, into a
temporary data folder (the real data/ is never touched)."""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from observatoire import config, formats
from observatoire.ingest_exemples import ENTETES, ecrire_csv, iter_lignes

NB_LIGNES = 1_000_000
CIBLE_SECONDES = 30
CIBLE_MO = 2048


def _cpu_enfants() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _importer(fichier: Path, data_dir: Path) -> tuple[float, float, str]:
    """(wall-clock seconds, CPU seconds, last line said) of one import run as the user runs it."""
    env = {**os.environ, "OBSERVATOIRE_DATA_DIR": str(data_dir)}
    cpu = _cpu_enfants()
    debut = time.perf_counter()
    fini = subprocess.run([sys.executable, "-m", "observatoire", "ingest", str(fichier)], env=env,
                          capture_output=True, text=True, cwd=config.ROOT)
    duree = time.perf_counter() - debut
    if fini.returncode != 0:
        raise SystemExit(f"l'import a échoué (code {fini.returncode}) :\n{fini.stdout}\n{fini.stderr}")
    return duree, _cpu_enfants() - cpu, fini.stdout.strip().splitlines()[-1]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        tmp = Path(tmp)
        fichier = tmp / "jeunes_2023.csv"
        debut = time.perf_counter()
        ecrire_csv(fichier, ENTETES["jeunes"], iter_lignes("jeunes", NB_LIGNES, annee=2023, seed=8))
        print(f"extrait synthétique : {formats.nombre(NB_LIGNES)} lignes, "
              f"{formats.nombre(fichier.stat().st_size / 1e6, 1)} Mo, écrit en "
              f"{formats.nombre(time.perf_counter() - debut, 1)} s", flush=True)
        data_dir = tmp / "data"
        (data_dir / "build").mkdir(parents=True)
        communes = config.BUILD_DIR / "communes.parquet"
        if communes.exists():
            shutil.copy(communes, data_dir / "build" / "communes.parquet")

        duree, cpu, fin = _importer(fichier, data_dir)
        pic_mo = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024   # Linux: kilobytes
        sortie = data_dir / "extraits" / "jeunes" / "annee=2023.parquet"
        print(f"import : {formats.nombre(duree, 1)} s (cible < {CIBLE_SECONDES} s) "
              f"{'OK' if duree < CIBLE_SECONDES else 'DÉPASSÉ'} ; temps processeur {formats.nombre(cpu, 1)} s "
              f"(charge de la machine : {formats.nombre(os.getloadavg()[0], 1)})")
        print(f"mémoire maximale : {formats.nombre(pic_mo, 0)} Mo (cible < {formats.nombre(CIBLE_MO)} Mo) "
              f"{'OK' if pic_mo < CIBLE_MO else 'DÉPASSÉ'}")
        print(f"parquet écrit : {formats.nombre(sortie.stat().st_size / 1e6, 1)} Mo ; {fin}")

        duree2, cpu2, fin2 = _importer(fichier, data_dir)
        print(f"second import du même fichier : {formats.nombre(duree2, 1)} s (processeur {formats.nombre(cpu2, 1)} s) ; {fin2}")
        print(f"(machine : {os.cpu_count()} cœurs)")


if __name__ == "__main__":
    main()
