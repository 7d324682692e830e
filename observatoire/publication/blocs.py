"""The report's figures as a page lays them out: blocks drawn in order (a title, cards of published figures,
a text, a caption), written as data by each theme (publication/cej.py, publication/emploi_formation.py) and
drawn by one component (vue/composants.dessiner_blocs)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bloc:
    """One block of the published part: 'titre' (a section), 'sous_titre', 'cartes' (published figures: (id,
    label, complement) each, `colonnes` per row), 'texte' (markdown) or 'legende' (a caption)."""
    genre: str
    texte: str = ""
    cartes: tuple[tuple[str, str | None, str | None], ...] = ()
    colonnes: int = 3


def ids_dans_les_cartes(blocs: list[Bloc]) -> set[str]:
    """The published figures the cards of `blocs` show."""
    return {c[0] for b in blocs for c in b.cartes}
