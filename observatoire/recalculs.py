"""Each published figure beside its recomputation on the extracts of its year (Sources & méthodes), so that after a
real import the board sees at once where the imported data and the report differ. Which query, row and column give
a figure back is data (data/sources/correspondances.csv, read by observatoire/publies.py); tests/test_demo.py checks
that the demonstration reproduces each of them exactly."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from observatoire import formats, publies, secret
from observatoire.publication import couche, stockees  # noqa: F401 - stockees registers the table read here


def valeur_recalculee(id_: str, annee: int) -> float | None:
    """The published figure `id_` recomputed by the app's own query over the extracts of `annee`: read from the
    publication layer, where it is computed once per data version (observatoire/publication/stockees.py)."""
    t = couche.lire("recalculs", annee)
    v = t.loc[t["id"] == id_, "valeur"]
    return None if len(v) != 1 or pd.isna(v.iloc[0]) else float(v.iloc[0])


def extraire(df: pd.DataFrame, c: publies.Correspondance) -> float | None:
    """The one value of the correspondence's column in the rows of its query's result that match its filter
    (None when not one); params of the query: annee, codes_ml = the 24 Missions Locales."""
    for k, v in c.filtre:
        df = df[df[k] == v]
    return None if len(df) != 1 or pd.isna(df.iloc[0][c.colonne]) else float(df.iloc[0][c.colonne])


def arrondi_comme_publie(x: float, valeur_publiee: float) -> float:
    """x at the precision the report prints the figure (its decimals in the CSV), half up."""
    texte = repr(float(valeur_publiee))
    decimales = len(texte.split(".")[1].rstrip("0")) if "." in texte else 0
    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP))


def comparaison(annee: int) -> pd.DataFrame:
    """One row per published figure of `annee` the extracts can give back: published, recomputed (at the
    published precision), the same or not. Counts under the secrecy threshold read "secret"."""
    lignes = []
    for id_ in publies.recalculables():
        ind = publies.tous().get(id_)
        if ind is None or ind.annee != annee:
            continue
        x = valeur_recalculee(id_, annee)
        if x is None:
            recalcule, egal = "–", None
        else:
            x = arrondi_comme_publie(x, ind.valeur)
            compte = ind.unite != "%" and secret.est_primaire(x)
            recalcule = secret.SECRET if compte else formats.valeur(x, ind.unite)
            egal = None if compte else x == float(ind.valeur)
        lignes.append({"Indicateur": ind.libelle, "Publié": ind.texte, "Recalculé sur les extraits": recalcule,
                       "Identique": "oui" if egal else "non" if egal is False else "–",
                       "Section du rapport": ind.source})
    return pd.DataFrame(lignes)
