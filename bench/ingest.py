"""Import of a 1 000 000-row `jeunes` extract: time and peak memory against the targets of issue 8
(under 30 s and 2 GB on a 2-core machine). The extract is synthetic and deterministic
(observatoire/ingest/exemples.py, seed 8); the import runs as the user runs it, in a subprocess, into a
temporary data folder (the real data/ is never touched)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from observatoire import config, formats
from observatoire.ingest.exemples import ENTETES, ecrire_csv, iter_lignes

NB_LIGNES = 1_000_000
CIBLE_SECONDES = 30
CIBLE_MO = 2048


def _importer(fichier: Path, data_dir: Path) -> tuple[float, float, float, str]:
    """(wall-clock seconds, CPU seconds, peak resident memory in MB, last line said) of one import, run as
    the user runs it. os.wait4 gives the resources of this very child: `make bench` runs other benchmarks
    in the same process, whose children would blur resource.getrusage(RUSAGE_CHILDREN)."""
    env = {**os.environ, "OBSERVATOIRE_DATA_DIR": str(data_dir)}
    with tempfile.TemporaryFile("w+") as sortie:
        debut = time.perf_counter()
        enfant = subprocess.Popen([sys.executable, "-m", "observatoire", "ingest", str(fichier)], env=env,
                                  stdout=sortie, stderr=subprocess.STDOUT, text=True, cwd=config.ROOT)
        _, statut, usage = os.wait4(enfant.pid, 0)
        duree = time.perf_counter() - debut
        enfant.returncode = os.waitstatus_to_exitcode(statut)
        sortie.seek(0)
        texte = sortie.read()
    if enfant.returncode != 0:
        raise SystemExit(f"l'import a échoué (code {enfant.returncode}) :\n{texte}")
    return duree, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, texte.strip().splitlines()[-1]


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

        duree, cpu, pic_mo, fin = _importer(fichier, data_dir)   # ru_maxrss: kilobytes on Linux
        sortie = data_dir / "extraits" / "jeunes" / "annee=2023.parquet"
        print(f"import : {formats.nombre(duree, 1)} s (cible < {CIBLE_SECONDES} s) "
              f"{'OK' if duree < CIBLE_SECONDES else 'DÉPASSÉ'} ; temps processeur {formats.nombre(cpu, 1)} s "
              f"(charge de la machine : {formats.nombre(os.getloadavg()[0], 1)})")
        print(f"mémoire maximale : {formats.nombre(pic_mo, 0)} Mo (cible < {formats.nombre(CIBLE_MO)} Mo) "
              f"{'OK' if pic_mo < CIBLE_MO else 'DÉPASSÉ'}")
        print(f"parquet écrit : {formats.nombre(sortie.stat().st_size / 1e6, 1)} Mo ; {fin}")

        duree2, cpu2, _, fin2 = _importer(fichier, data_dir)
        print(f"second import du même fichier : {formats.nombre(duree2, 1)} s (processeur {formats.nombre(cpu2, 1)} s) ; {fin2}")
        print(f"(machine : {os.cpu_count()} cœurs)")


if __name__ == "__main__":
    main()
