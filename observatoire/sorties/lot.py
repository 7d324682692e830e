"""Every territory's activity report at once (`make rapports ANNEE=2022`): the region, the 5 departments and
the 24 Missions Locales, each as DOCX and PDF, in artifacts/rapports/ (not versioned)."""
from __future__ import annotations

import time
from pathlib import Path

from observatoire import config

DOSSIER = config.ROOT / "artifacts" / "rapports"


def codes() -> list[str]:
    from observatoire.publication import perimetre  # noqa: PLC0415

    return perimetre.territoires()["code"].tolist()


def ecrire(annee: int, code: str, dossier: Path) -> float:
    """Writes one territory's DOCX and PDF (one content for both); returns the seconds it took."""
    from observatoire.sorties import rapport, rapport_docx, rapport_pdf  # noqa: PLC0415

    debut = time.perf_counter()
    r = rapport.contenu(annee, code)
    (dossier / rapport_pdf.nom_fichier(annee, code, "pdf")).write_bytes(rapport_pdf.pdf(annee, rapport=r))
    (dossier / rapport_pdf.nom_fichier(annee, code, "docx")).write_bytes(rapport_docx.docx(annee, rapport=r))
    return time.perf_counter() - debut


def ecrire_tous(annee: int, dossier: Path = DOSSIER, afficher=print) -> dict[str, float]:
    dossier.mkdir(parents=True, exist_ok=True)
    durees = {}
    for code in codes():
        durees[code] = ecrire(annee, code, dossier)
        afficher(f"{code:<12} {durees[code]:5.2f} s")
    return durees


def main(args: list[str]) -> int:
    annee = int(args[0]) if args else config.ANNEE_RAPPORT
    durees = ecrire_tous(annee)
    print(f"{len(durees)} rapports ({2 * len(durees)} fichiers DOCX et PDF) dans {DOSSIER} ; "
          f"{max(durees.values()):.2f} s au plus par territoire, {sum(durees.values()):.1f} s en tout.")
    return 0
