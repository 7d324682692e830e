"""Reference data that is not a figure: the territories' names and how many Missions Locales each holds, the
Missions Locales' contacts as printed in the report. Channels (sentences, slides, sheets, file names) read them
here, not from the queries (observatoire/db.py): one place for each answer. Nothing here is a count of young
people, so nothing here is under statistical secrecy."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from observatoire import config, db


@lru_cache(maxsize=4)
def _territoires(version: str) -> pd.DataFrame:
    t = db.requete("territoires_normandie")[["code", "libelle", "niveau", "departement"]].copy()
    mls = t[t["niveau"] == "mission_locale"]
    par_departement = mls.groupby("departement")["code"].count()
    t["nb_missions_locales"] = [
        len(mls) if niveau == "region" else int(par_departement.get(dep, 0)) if niveau == "departement" else 1
        for niveau, dep in zip(t["niveau"], t["departement"])]
    return t.reset_index(drop=True)


def territoires() -> pd.DataFrame:
    """Every territory (queries/territoires_normandie.sql): code, libelle ('Calvados (14)', the Mission Locale's
    name), niveau, departement, nb_missions_locales (24 for the region, a department's own, 1)."""
    return _territoires(db.version_donnees()).copy()


def libelle(code: str | None) -> str:
    """'14' -> 'Calvados (14)', '14-CAE' -> the Mission Locale's name, None -> the region; an unknown code as is."""
    if not code or str(code).lower() == config.REGION.lower():
        return config.REGION
    t = _territoires(db.version_donnees())
    trouve = t.loc[t["code"] == str(code), "libelle"]
    return str(trouve.iloc[0]) if len(trouve) else str(code)


def nb_missions_locales(code: str | None = None) -> int:
    """How many Missions Locales the territory holds (the region's when `code` is None)."""
    t = _territoires(db.version_donnees())
    code = config.REGION if not code or str(code).lower() == config.REGION.lower() else str(code)
    trouve = t.loc[t["code"] == code, "nb_missions_locales"]
    return int(trouve.iloc[0]) if len(trouve) else 0


def coordonnees(code: str | None = None) -> pd.DataFrame:
    """Seat and contacts of the Missions Locales of the territory as printed in the report (« Points d'accueil »,
    queries/coordonnees_missions_locales.sql): code_ml, nom, departement, ville_siege, telephone, email."""
    ml = db.requete("coordonnees_missions_locales")
    if code and str(code).lower() != config.REGION.lower():
        ml = ml[(ml["code_ml"] == code) | (ml["departement"] == code)]
    return ml.reset_index(drop=True)
