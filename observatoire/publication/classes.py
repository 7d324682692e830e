"""The one classification of every map (the screen's map, the slides' and the sheets' maps): class breaks from
mapclassify over the values shown, each class coloured from the one sequential scale (observatoire/palette.py),
a value hidden or missing in its own grey. No streamlit: file outputs classify as the screen does."""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from observatoire.palette import SANS_VALEUR, SEQUENTIELLE

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import mapclassify

# Method label shown to the user -> mapclassify classifier.
METHODES = {
    "Seuils naturels (Jenks)": "FisherJenks",
    "Quantiles (effectifs égaux)": "Quantiles",
    "Intervalles égaux": "EqualInterval",
}
METHODE_PAR_DEFAUT = next(iter(METHODES))


@dataclass(frozen=True)
class Classes:
    methode: str                 # label shown to the user
    bornes: tuple[float, ...]    # upper bound of each class
    minimum: float
    couleurs: tuple[str, ...]
    valeurs: tuple[float, ...] = ()  # the values classified, for a legend of the ranges really observed

    def classe(self, v) -> int:
        """Index of the class of `v`: the first whose upper bound it does not exceed (classes are ]b1, b2])."""
        for i, borne in enumerate(self.bornes):
            if v <= borne + 1e-9:
                return i
        return len(self.bornes) - 1

    def couleur(self, v) -> str:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return SANS_VALEUR
        return self.couleurs[self.classe(v)]

    def intervalles(self) -> list[tuple[float, float, str]]:
        """(lowest, highest, colour) of each class. With the values known, the range of the values each class
        really holds: printing the half-open bounds would give "14,2" then "14,2 – 15,5", a value seemingly
        in two classes once rounded."""
        basses = (self.minimum, *self.bornes[:-1])
        out = []
        for i, (bas, haut, c) in enumerate(zip(basses, self.bornes, self.couleurs)):
            dedans = [v for v in self.valeurs if self.classe(v) == i]
            out.append((min(dedans), max(dedans), c) if dedans else (bas, haut, c))
        return out


def _couleurs(k: int) -> tuple[str, ...]:
    idx = np.linspace(0, len(SEQUENTIELLE) - 1, k).round().astype(int) if k > 1 else [3]
    return tuple(SEQUENTIELLE[i] for i in idx)


def classer(valeurs, methode: str, k: int = 5) -> Classes | None:
    """Class breaks of the shown values (None when there is nothing to classify)."""
    v = np.asarray([x for x in valeurs if x is not None and not (isinstance(x, float) and np.isnan(x))], dtype=float)
    if v.size == 0:
        return None
    distinctes = np.unique(v)
    k = int(max(1, min(k, distinctes.size)))
    if k == 1:
        return Classes(methode, (float(v.max()),), float(v.min()), _couleurs(1), tuple(distinctes.tolist()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Numba not installed": the pure Python path is fast enough here
        classifieur = getattr(mapclassify, METHODES[methode])(v, k=k)
    bornes = tuple(dict.fromkeys(float(b) for b in classifieur.bins))  # quantiles may repeat a bound
    return Classes(methode, bornes, float(v.min()), _couleurs(len(bornes)), tuple(distinctes.tolist()))
