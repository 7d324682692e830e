"""Import: time and peak memory of `python -m observatoire ingest`, run as the user runs it (a subprocess,
into a temporary data folder: the real data/ is never touched).

- 1 and 5 million rows of a valid `jeunes` extract (synthetic and deterministic: observatoire/ingest/exemples.py,
  seed 8), against the targets of issue 8 (1 million rows: under 30 s and 2 GB on a 2-core machine); the second
  import of the same file is recognised as already done.
- Every hostile file of observatoire/ingest/hostiles.py (issue 16): each under 10 MB, each must be refused or read
  in under 30 s and 1 GB.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from observatoire import config, formats
from observatoire.ingest import hostiles
from observatoire.ingest.exemples import ENTETES, ecrire_csv, iter_lignes

VOLUMES = (1_000_000, 5_000_000)
CIBLE_SECONDES = 30
CIBLE_MO = 2048                # 1 million rows (issue 8)
CIBLE_MO_HOSTILE = 1024        # any file under 10 MB (issue 16)

HOSTILES = {
    "classeur, textes partagés de 640 Mo décompressés": lambda d: hostiles.xlsx_chaines_gonflees(d / "gonfle.xlsx"),
    "classeur, une cellule de 60 Mo": lambda d: hostiles.xlsx_cellule_geante(d / "cellule.xlsx"),
    "classeur, 15 Mo de textes partagés courts": lambda d: hostiles.xlsx_chaines_nombreuses(d / "chaines.xlsx"),
    "classeur, 3 millions de lignes déclarées": lambda d: hostiles.xlsx_lignes(d / "lignes.xlsx"),
    "classeur, 3 millions de lignes non déclarées": lambda d: hostiles.xlsx_lignes(d / "lignes_a1.xlsx",
                                                                                    dimension_vraie=False),
    "classeur, ligne numéro 999 999 999": lambda d: hostiles.xlsx_numero_de_ligne_geant(d / "geant.xlsx"),
    "classeur, 90 000 lignes jusqu'à la colonne XFD": lambda d: hostiles.xlsx_lignes_larges(d / "larges.xlsx",
                                                                                            90_000),
    "classeur, titre à séquences de terminal": lambda d: hostiles.xlsx_titre_sequence_terminal(d / "titre.xlsx"),
    "CSV, 50 000 colonnes": lambda d: hostiles.csv_colonnes_ignorees(d / "colonnes.csv"),
    "CSV, 10 000 colonnes ignorées": lambda d: hostiles.csv_colonnes_ignorees(d / "colonnes_10k.csv", 10_000),
    "CSV, octet nul à la ligne 4 000": lambda d: hostiles.csv_caractere_tardif(d / "nul.csv"),
}


# A small process between this one and the import: a child's peak memory (ru_maxrss) counts what it inherited
# at fork, so an import forked from this benchmark (pandas, DuckDB, the files it built) would be charged for
# them. The launcher, started without site packages, forks the import at about 10 MB and reports its resources.
LANCEUR = """import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, statut, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(statut) % 256)
"""


def _importer(fichier: Path, data_dir: Path, accepte: bool = True) -> tuple[float, float, float, int, str]:
    """(wall-clock seconds, CPU seconds, peak resident memory in MB, exit code, last line said) of one import,
    run as the user runs it, through LANCEUR."""
    env = {**os.environ, "OBSERVATOIRE_DATA_DIR": str(data_dir)}
    with tempfile.TemporaryFile("w+") as sortie, tempfile.NamedTemporaryFile("r") as mesure:
        debut = time.perf_counter()
        enfant = subprocess.run([sys.executable, "-S", "-c", LANCEUR, mesure.name, sys.executable, "-m", "observatoire",
                                 "ingest", str(fichier)], env=env, stdout=sortie, stderr=subprocess.STDOUT, text=True,
                                cwd=config.ROOT)
        duree = time.perf_counter() - debut
        maxrss, cpu = mesure.read().split()
        sortie.seek(0)
        texte = sortie.read()
    if accepte and enfant.returncode != 0:
        raise SystemExit(f"l'import a échoué (code {enfant.returncode}) :\n{texte}")
    lignes = texte.strip().splitlines()
    return duree, float(cpu), int(maxrss) / 1024, enfant.returncode, lignes[-1] if lignes else ""


def _dossier_de_donnees(tmp: Path) -> Path:
    data_dir = tmp / "data"
    shutil.rmtree(data_dir, ignore_errors=True)
    (data_dir / "build").mkdir(parents=True)
    communes = config.BUILD_DIR / "communes.parquet"
    if communes.exists():
        shutil.copy(communes, data_dir / "build" / "communes.parquet")
    return data_dir


def _ok(valeur: float, cible: float) -> str:
    return "OK" if valeur < cible else "DÉPASSÉ"


def volume(tmp: Path, nb_lignes: int) -> None:
    fichier = tmp / "jeunes_2023.csv"
    debut = time.perf_counter()
    ecrire_csv(fichier, ENTETES["jeunes"], iter_lignes("jeunes", nb_lignes, annee=2023, seed=8))
    print(f"extrait synthétique : {formats.nombre(nb_lignes)} lignes, "
          f"{formats.nombre(fichier.stat().st_size / 1e6, 1)} Mo, écrit en "
          f"{formats.nombre(time.perf_counter() - debut, 1)} s", flush=True)
    data_dir = _dossier_de_donnees(tmp)
    duree, cpu, pic_mo, _, fin = _importer(fichier, data_dir)   # ru_maxrss: kilobytes on Linux
    sortie = data_dir / "extraits" / "jeunes" / "annee=2023.parquet"
    cible = f" (cible < {CIBLE_SECONDES} s) {_ok(duree, CIBLE_SECONDES)}" if nb_lignes <= 1_000_000 else ""
    print(f"import de {formats.nombre(nb_lignes)} lignes : {formats.nombre(duree, 1)} s{cible} ; temps processeur "
          f"{formats.nombre(cpu, 1)} s (charge de la machine : {formats.nombre(os.getloadavg()[0], 1)})")
    cible = f" (cible < {formats.nombre(CIBLE_MO)} Mo) {_ok(pic_mo, CIBLE_MO)}" if nb_lignes <= 1_000_000 else ""
    print(f"mémoire maximale : {formats.nombre(pic_mo, 0)} Mo{cible}")
    print(f"parquet écrit : {formats.nombre(sortie.stat().st_size / 1e6, 1)} Mo ; {fin}")
    duree2, cpu2, _, _, fin2 = _importer(fichier, data_dir)
    print(f"second import du même fichier : {formats.nombre(duree2, 1)} s (processeur {formats.nombre(cpu2, 1)} s) ; "
          f"{fin2}", flush=True)
    fichier.unlink()


def hostiles_mesures(tmp: Path) -> None:
    print(f"fichiers hostiles (cibles : moins de {CIBLE_SECONDES} s et de {formats.nombre(CIBLE_MO_HOSTILE)} Mo "
          "chacun) :")
    for nom, fabriquer in HOSTILES.items():
        fichier = fabriquer(tmp)
        data_dir = _dossier_de_donnees(tmp)
        duree, _, pic_mo, code, _ = _importer(fichier, data_dir, accepte=False)
        print(f"  {nom} ({formats.nombre(fichier.stat().st_size / 1e6, 2)} Mo) : code {code}, "
              f"{formats.nombre(duree, 1)} s {_ok(duree, CIBLE_SECONDES)}, {formats.nombre(pic_mo, 0)} Mo "
              f"{_ok(pic_mo, CIBLE_MO_HOSTILE)}", flush=True)
        fichier.unlink()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        tmp = Path(tmp)
        hostiles_mesures(tmp)
        for nb_lignes in VOLUMES:
            volume(tmp, nb_lignes)
        print(f"(machine : {os.cpu_count()} cœurs)")


if __name__ == "__main__":
    main()
