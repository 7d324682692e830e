"""`make rapports ANNEE=2022` timed: the 30 territories' activity reports (DOCX and PDF) on the demonstration
data, into a temporary folder. Target of issue 15: at most 5 s per territory. The first territory also pays
for the year's secrecy masks and the caches every page shares: it is shown apart."""
from __future__ import annotations

import tempfile
from pathlib import Path

from observatoire import config, formats
from observatoire.sorties import lot

CIBLE_SECONDES = 5.0


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-rapports-") as tmp:
        durees = lot.ecrire_tous(config.ANNEE_RAPPORT, Path(tmp), afficher=lambda _: None)
    valeurs = sorted(durees.values())
    premier = next(iter(durees.values()))
    mediane = valeurs[len(valeurs) // 2]
    pire_code = max(durees, key=durees.get)
    print(f"{len(durees)} rapports {config.ANNEE_RAPPORT} (DOCX + PDF) : {formats.nombre(sum(valeurs), 1)} s en tout ; "
          f"par territoire : médiane {formats.nombre(mediane, 2)} s, le plus long {formats.nombre(durees[pire_code], 2)} s "
          f"({pire_code}), le premier {formats.nombre(premier, 2)} s (caches froids)")
    verdict = "OK" if durees[pire_code] <= CIBLE_SECONDES else "AU-DESSUS DE LA CIBLE"
    print(f"verdict : {verdict} — cible ≤ {formats.nombre(CIBLE_SECONDES, 0)} s par territoire", flush=True)
