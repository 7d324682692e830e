"""Entries against an objective over a year: the weekly cumulative curve (with statistical secrecy),
whether the extract of a year is complete, and, for a year in progress, where the year would end.

Used by the page « Contrat d'Engagement Jeune ». Everything here works on DataFrames returned by
queries/cej_*.sql and queries/emploi_*.sql, so it can be tested without Streamlit.

Projection methods (stated on screen with their result):
- linear: the pace of the last 8 weeks of the extract (entries per calendar day over the 56 days ending
  on the last day covered) is carried on to 31 December;
- seasonal: the share of the previous year's entries already made by the same calendar day is assumed
  to hold again; the year's total is the entries so far divided by that share. It needs a complete
  previous year in the extracts.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from observatoire import formats, secret

SEMAINES_RYTHME = 8
# An extract covers the whole year when its last entry falls in the year's last week: entries are
# signed on working days, so 31 December itself (a Saturday in 2022) is often empty.
JOURS_DE_TOLERANCE = 7


def fin_annee(annee: int) -> dt.date:
    return dt.date(annee, 12, 31)


def annee_en_cours(date_fin_extraits, annee: int) -> bool:
    """True when the extract of `annee` stops before the year's last week (a year still in progress).
    `date_fin_extraits` is the last entry of the whole region, not of one territory: a small Mission
    Locale may have no entry in December without the extract being partial."""
    if date_fin_extraits is None or pd.isna(date_fin_extraits):
        return False
    fin = pd.Timestamp(date_fin_extraits).date()
    return fin < fin_annee(annee) - dt.timedelta(days=JOURS_DE_TOLERANCE - 1)


# --- the weekly curve ------------------------------------------------------------------------------

def _par_jour(par_jour: pd.DataFrame) -> pd.Series:
    """Entries per day as a Series indexed by date (datetime.date)."""
    if par_jour.empty:
        return pd.Series(dtype="int64")
    dates = pd.to_datetime(par_jour["date_entree"]).dt.date
    return pd.Series(par_jour["nb_entrees"].to_numpy(dtype="int64"), index=dates).groupby(level=0).sum()


def courbe_hebdomadaire(par_jour: pd.DataFrame, annee: int, date_arret=None) -> pd.DataFrame:
    """Cumulative entries at the end of each week (Sunday, or 31 December, or the last day covered).

    Columns: fin_semaine (date), nb_entrees (entries of the week), cumul_entrees, nb_entrees_gj and
    nb_entrees_cej of the week (when `par_jour` has them). Starts with a point at 1 January (0 entries).
    """
    arret = fin_annee(annee) if date_arret is None or pd.isna(date_arret) else pd.Timestamp(date_arret).date()
    jours = pd.date_range(dt.date(annee, 1, 1), arret, freq="D")
    df = pd.DataFrame({"jour": jours.date})
    if not par_jour.empty:
        src = par_jour.copy()
        src["jour"] = pd.to_datetime(src["date_entree"]).dt.date
        cols = [c for c in ("nb_entrees", "nb_entrees_gj", "nb_entrees_cej") if c in src.columns]
        df = df.merge(src.groupby("jour")[cols].sum().reset_index(), on="jour", how="left")
    for c in ("nb_entrees", "nb_entrees_gj", "nb_entrees_cej"):
        df[c] = df[c].fillna(0).astype("int64") if c in df.columns else 0
    # End of the ISO week (Sunday), clipped to the last day covered.
    fins = pd.to_datetime(df["jour"]) + pd.to_timedelta(6 - pd.to_datetime(df["jour"]).dt.day_of_week, unit="D")
    df["fin_semaine"] = np.minimum(fins.dt.date.to_numpy(), np.array(arret))
    sem = df.groupby("fin_semaine", as_index=False)[["nb_entrees", "nb_entrees_gj", "nb_entrees_cej"]].sum()
    sem["cumul_entrees"] = sem["nb_entrees"].cumsum()
    debut = pd.DataFrame({"fin_semaine": [dt.date(annee, 1, 1)], "nb_entrees": [0], "nb_entrees_gj": [0],
                          "nb_entrees_cej": [0], "cumul_entrees": [0]})
    if sem.empty or sem["fin_semaine"].iloc[0] != dt.date(annee, 1, 1):
        sem = pd.concat([debut, sem], ignore_index=True)
    return sem[["fin_semaine", "nb_entrees", "nb_entrees_gj", "nb_entrees_cej", "cumul_entrees"]]


def points_publiables(increments, seuil: int | None = None) -> np.ndarray:
    """Which points of a cumulative series may be shown so that no step between two shown points is a
    count of 1 to N−1 (two shown cumulative values would give it back by difference).

    A point is shown when the entries since the previous shown point are 0 or at least N; a small tail
    at the end is merged backwards (earlier points hidden) because the series' total is shown elsewhere.
    """
    seuil = secret.seuil_actif(seuil)
    inc = np.asarray(increments, dtype="int64")
    montre = np.zeros(inc.size, dtype=bool)
    attente = 0
    for i, n in enumerate(inc):
        attente += int(n)
        if attente == 0 or attente >= seuil:
            montre[i] = True
            attente = 0
    if inc.size:
        montre[-1] = True
        while True:
            precedents = np.flatnonzero(montre[:-1])
            dernier = int(precedents[-1]) if precedents.size else -1
            queue = int(inc[dernier + 1:].sum())
            if queue == 0 or queue >= seuil or dernier <= 0:
                break
            montre[dernier] = False
    return montre


def calendrier_commun(increments, seuil: int | None = None) -> np.ndarray:
    """The weeks at which EVERY series of `increments` (one row per series, one column per week, the same
    weeks) may show its cumulative value: between two shown weeks each series' entries are 0 or at least N.

    Curves of territories nested in one another (Missions Locales, departments, region) must share their
    shown weeks: otherwise a department's point minus its other Missions Locales' points gives a Mission
    Locale's cumulated entries at a week its own curve hides, and two such weeks a small count. The series
    passed are the curves drawn and what a reader can derive from them (a department minus its shown
    Missions Locales). A small tail at the end is merged backwards, as in `points_publiables`."""
    seuil = secret.seuil_actif(seuil)
    inc = np.atleast_2d(np.asarray(increments, dtype="int64"))
    k, w = inc.shape
    montre = np.zeros(w, dtype=bool)

    def ok(n):
        return bool(np.all((n == 0) | (n >= seuil)))

    attente = np.zeros(k, dtype="int64")
    for i in range(w):
        attente += inc[:, i]
        if ok(attente):
            montre[i] = True
            attente[:] = 0
    if w:
        montre[-1] = True
        while True:
            precedents = np.flatnonzero(montre[:-1])
            dernier = int(precedents[-1]) if precedents.size else -1
            if dernier <= 0 or ok(inc[:, dernier + 1:].sum(axis=1)):
                break
            montre[dernier] = False
    return montre


def calendrier_territoires(territoires: pd.DataFrame, caches: set[str], entrees_par_jour, annee: int,
                           date_arret=None, seuil: int | None = None) -> dict[str, list[bool]]:
    """The weeks each territory's weekly curve may show, per territory code (region, departments, Missions
    Locales of `territoires`: columns niveau, code, departement). `caches`: codes whose curve is not drawn
    (entries hidden); `entrees_par_jour(codes_ml)`: their daily entries (queries/cej_entrees_par_jour.sql).

    A hidden week could only be given back by subtraction at a week where a total AND all but one of its
    parts are shown. So the parts of one total share their weeks (`calendrier_commun`): the Missions Locales
    of a department, the departments of the region; a total may show more weeks than its parts (at those,
    no part is shown). Where a curve is hidden, what a reader can still subtract (a department minus its
    drawn Missions Locales, the region minus its drawn departments) is constrained too, and then, to stay
    simple and safe, every curve shares one calendar."""
    mls = territoires[territoires["niveau"] == "mission_locale"]
    par_ml = {c: courbe_hebdomadaire(entrees_par_jour([c]), annee, date_arret)["nb_entrees"].to_numpy("int64")
              for c in mls["code"]}
    if not par_ml:
        return {}
    zero = np.zeros_like(next(iter(par_ml.values())))
    deps = {d: list(mls.loc[mls["departement"] == d, "code"]) for d in mls["departement"].unique()}
    serie_dep = {d: sum((par_ml[c] for c in codes), zero) for d, codes in deps.items()}
    region = sum(serie_dep.values(), zero)
    if caches:
        series = [par_ml[c] for c in par_ml if c not in caches]
        residu_region = region.copy()
        for d, codes in deps.items():
            vues = sum((par_ml[c] for c in codes if c not in caches), zero)
            if d not in caches:
                series += [serie_dep[d], serie_dep[d] - vues]
                residu_region = residu_region - serie_dep[d]
            else:
                residu_region = residu_region - vues
        if "Normandie" not in caches:
            series += [region, residu_region]
        commun = calendrier_commun(series, seuil).tolist()
        return {c: commun for c in territoires["code"]}
    calendriers = {"Normandie": points_publiables(region, seuil).tolist()}
    pour_deps = calendrier_commun(list(serie_dep.values()), seuil).tolist()
    for d, codes in deps.items():
        calendriers[d] = pour_deps
        pour_mls = calendrier_commun([par_ml[c] for c in codes], seuil).tolist()
        calendriers.update({c: pour_mls for c in codes})
    return calendriers


def courbe_publiable(courbe: pd.DataFrame, seuil: int | None = None, calendrier=None) -> pd.DataFrame:
    """The weekly curve with a boolean column `publiable`; hidden points have cumul_entrees = NaN.
    `calendrier`: the weeks shared by every territory's curve (`calendrier_commun`), when known."""
    out = courbe.copy()
    out["publiable"] = (points_publiables(out["nb_entrees"], seuil) if calendrier is None
                        else np.asarray(calendrier, dtype=bool))
    if len(out) and secret.est_primaire(int(out["cumul_entrees"].iloc[-1]), seuil):
        out["publiable"] = out["cumul_entrees"] == 0
    out["cumul_affiche"] = out["cumul_entrees"].astype(float).where(out["publiable"])
    return out


# --- projection of a year in progress --------------------------------------------------------------

@dataclass(frozen=True)
class Projection:
    methode: str            # 'lineaire' | 'saisonniere'
    explication: str        # the method in one French sentence, with its inputs
    entrees_projetees: float
    objectif: float | None

    @property
    def pct_objectif(self) -> float | None:
        if not self.objectif:
            return None
        return 100.0 * self.entrees_projetees / self.objectif


def projeter_lineaire(par_jour: pd.DataFrame, annee: int, date_arret, objectif: float | None = None,
                      semaines: int = SEMAINES_RYTHME) -> Projection:
    """Entries so far + (entries of the last `semaines` weeks / their number of days) × days left."""
    arret = pd.Timestamp(date_arret).date()
    serie = _par_jour(par_jour)
    cumul = int(serie[serie.index <= arret].sum())
    debut_fenetre = max(arret - dt.timedelta(days=7 * semaines - 1), dt.date(annee, 1, 1))
    jours_fenetre = (arret - debut_fenetre).days + 1
    recentes = int(serie[(serie.index >= debut_fenetre) & (serie.index <= arret)].sum())
    rythme = recentes / jours_fenetre
    reste = (fin_annee(annee) - arret).days
    projete = cumul + rythme * reste
    explication = (f"prolongation linéaire du rythme des {semaines} dernières semaines couvertes par les extraits "
                   f"({_n(recentes)} entrées du {formats.date(debut_fenetre)} au {formats.date(arret)}, soit "
                   f"{_n(rythme * 7, 1)} par semaine), appliqué aux {_n(reste)} jours restants jusqu'au "
                   f"31 décembre")
    return Projection("lineaire", explication, projete, objectif)


def projeter_saisonniere(par_jour: pd.DataFrame, annee: int, date_arret, par_jour_precedent: pd.DataFrame,
                         objectif: float | None = None) -> Projection | None:
    """Entries so far / share of the previous year's entries made by the same calendar day.
    None when the previous year has no entry up to that day."""
    arret = pd.Timestamp(date_arret).date()
    serie = _par_jour(par_jour)
    precedente = _par_jour(par_jour_precedent)
    total_prec = int(precedente.sum())
    if total_prec == 0:
        return None
    meme_jour = _meme_jour(arret, annee - 1)
    fait_prec = int(precedente[precedente.index <= meme_jour].sum())
    if fait_prec == 0:
        return None
    part = fait_prec / total_prec
    cumul = int(serie[serie.index <= arret].sum())
    projete = cumul / part
    explication = (f"même profil saisonnier que {annee - 1} : au {formats.date(meme_jour)}, "
                   f"{_n(100 * part, 1)} % des entrées de {annee - 1} étaient faites ; les entrées de {annee} "
                   f"au {formats.date(arret)} sont divisées par cette part")
    return Projection("saisonniere", explication, projete, objectif)


def _meme_jour(d: dt.date, annee: int) -> dt.date:
    try:
        return d.replace(year=annee)
    except ValueError:  # 29 February
        return dt.date(annee, 2, 28)


def _n(x, decimales: int | None = 0) -> str:
    return formats.nombre(round(x, decimales) if decimales else round(x), decimales)
