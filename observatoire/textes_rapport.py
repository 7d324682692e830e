"""What the network did in 2022 and plans for 2023, per section of the activity report, as short texts.

The texts are data (data/sources/textes_rapport.toml, reviewed and rewritten there without touching code),
paraphrased briefly from the ARML Normandie 2022 activity report. They carry no figure that is not in
data/sources/indicateurs_publies.csv: the figures themselves are shown by the pages, with their badge. Where
the text extraction leaves a heading uncertain (which list is "animation du réseau", which is "perspectives
2023"), `note` says so and the page shows it. The thematic pages and the generated activity report
(observatoire/sorties/rapport.py) read them through `TEXTES`.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass

from observatoire import config

FICHIER = config.SOURCES_DIR / "textes_rapport.toml"


@dataclass(frozen=True)
class Texte:
    section: str                       # the report's section title
    contexte: str                      # one or two sentences: why the network acts on this theme
    actions: tuple[str, ...]           # what was done in 2022
    perspectives: tuple[str, ...]      # what comes next (2023)
    note: str = ""                     # reading caveat, shown under the lists


def charger(fichier=FICHIER) -> dict[str, Texte]:
    """The texts by section key ('cej', 'emploi'…), in the file's order."""
    with open(fichier, "rb") as f:
        brut = tomllib.load(f)
    return {cle: Texte(section=t["section"], contexte=t["contexte"], actions=tuple(t.get("actions", ())),
                       perspectives=tuple(t.get("perspectives", ())), note=t.get("note", ""))
            for cle, t in brut.items()}


TEXTES: dict[str, Texte] = charger()
