"""Demonstration extracts: a deterministic generator calibrated exactly on the 2022 activity report.

Writes data/build/demo/<table>/annee=<YYYY>.parquet for 2021 and 2022 (tables of observatoire/modele.py),
every row with provenance = 'démonstration'. Nothing here describes a real young person or a real
territory: the young people are spread over the 24 Missions Locales and their communes in proportion
to population with local variation drawn from a fixed seed, but every REGIONAL figure the report
publishes and the extracts can reproduce is reproduced exactly (integer apportionment, then exact
selections): see CIBLES_2022 and tests/test_demo.py, which checks them through the app's own queries.

2021 totals come from the published variations (indicateurs_publies.csv, status « dérivé »); the
other 2021 marginals reuse the 2022 shares (demonstration only). Rewritten only when the generator or
its inputs change (fingerprint stored beside the files).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from observatoire import config, modele

GRAINE = 20220301  # launch day of the CEJ: any fixed number would do
PROVENANCE = "démonstration"
FICHIER_EMPREINTE = "empreinte.txt"
ANNEES = (2021, 2022)

# Thresholds of the plausible geography: a QPV (priority neighbourhood) needs a town, a ZRR is rural.
POPULATION_MIN_QPV = 8_000
POPULATION_MAX_ZRR = 2_000
# Share of communes classified ZRR is much higher in the Orne and the south of the Manche.
ZRR_DEPARTEMENT = {"61": 1.0, "50": 0.85, "27": 0.55, "14": 0.45, "76": 0.25}


@dataclass(frozen=True)
class Cibles:
    """Regional counts the generated year must hit exactly."""
    annee: int
    jeunes: int
    premiers_accueils: int
    femmes: int
    tranche_age: dict[str, int]
    niveau: dict[str, int]
    qpv: int
    zrr: int
    rqth: int
    logement: dict[str, int]
    justice: int
    justice_sans_diplome: int
    justice_mineurs: int
    entrees_gj: int
    entrees_cej: int
    entrants_qpv: int | None
    entrants_femmes: int | None
    objectif: int | None
    emploi_jeunes: int
    emploi_contrats: int
    emploi_interim: int
    emploi_cdi: int
    alternance: int
    formation_jeunes: int
    formation_actions: int
    formation_region: int
    formation_marges: dict[str, int] = field(default_factory=dict)


# 2022: the report, page « Observatoire » and thematic sections. Counts chosen so that the published
# shares come back at the published precision (e.g. 4 511 / 50 687 = 8,899 % -> 8,9 %).
CIBLES_2022 = Cibles(
    annee=2022,
    jeunes=50_687,                      # 50 687 jeunes accompagnés
    premiers_accueils=18_024,           # 18 024 jeunes en premier accueil
    femmes=23_772,                      # 46,9 % (pairing of 46,9 / 53,1 with F / H uncertain)
    tranche_age={"16-17": 4_511, "18-20": 19_109, "21-23": 17_639, "24+": 9_428},  # 8,9 / 37,7 / 34,8 / 18,6 %
    niveau={"sans_diplome": 25_583, "cap_bep": 8_668, "bac": 13_192, "superieur": 3_244},  # 50,5 / 17,1 / 26 / 6,4 %
    qpv=7_857,                          # 15,5 %
    zrr=6_082,                          # 12 %
    rqth=2_636,                         # 5,2 % (Handicap)
    logement={"autonome": 10_291, "parents_famille": 33_056, "precaire": 7_340},  # Logement
    justice=733, justice_sans_diplome=634, justice_mineurs=64,  # Justice: 733, 86,5 % non diplômés, 8,7 % mineurs
    entrees_gj=1_905, entrees_cej=12_022,   # CEJ: 1 905 GJ (1er janv.–28 févr.) + 12 022 CEJ (1er mars–31 déc.)
    entrants_qpv=2_368, entrants_femmes=6_546,  # CEJ: 17 % QPV, 47 % / 53 %
    objectif=12_952,                    # objectif conventionné avec l'État
    emploi_jeunes=20_427, emploi_contrats=40_812,  # jeunes entrés en emploi, contrats hors alternance
    emploi_interim=15_509,              # 38 % des contrats en travail temporaire (Emploi)
    emploi_cdi=4_900,                   # not published: demonstration
    alternance=2_578,                   # jeunes entrés en alternance (Observatoire)
    formation_jeunes=6_651, formation_actions=8_086, formation_region=4_985,  # Formation
    # Formation: among the young people in training, 19,5 % QPV, 8,5 % ZRR, 5,3 % RQTH, 41,6 % « niveau 5
    # non validé et infra » (read as without diploma).
    # CEJ: « 18 % des jeunes ont fait ou sont en formation », read as: entrants of the year (GJ or CEJ)
    # with a training action in the year (scope uncertain).
    formation_marges={"qpv": 1_297, "zrr": 565, "rqth": 352, "sans_diplome": 2_767, "entrant": 2_507},
)


def _proportionnel(total: int, reference: dict[str, int]) -> dict[str, int]:
    cles = list(reference)
    return dict(zip(cles, repartir(total, np.array([reference[k] for k in cles], dtype=float)).tolist()))


def _cibles_2021() -> Cibles:
    """2021: totals derived from the published variations (−4,6 % supported, −12,8 % first welcomes)
    and the published RQTH share (4,3 %); everything else reuses 2022 shares — demonstration only."""
    c = CIBLES_2022
    n = 53_131        # 50 687 / (1 − 0,046), id jeunes_accompagnes_2021
    ratio = n / c.jeunes

    def r(x: int) -> int:
        return int(round(x * ratio))

    return Cibles(
        annee=2021, jeunes=n, premiers_accueils=20_670,  # id premiers_accueils_2021
        femmes=r(c.femmes),
        tranche_age=_proportionnel(n, c.tranche_age), niveau=_proportionnel(n, c.niveau),
        qpv=r(c.qpv), zrr=r(c.zrr), rqth=2_285,          # 4,3 % (Handicap: « contre 4.3% en 2021 »)
        logement=_proportionnel(n, c.logement),
        justice=r(c.justice), justice_sans_diplome=r(c.justice_sans_diplome), justice_mineurs=r(c.justice_mineurs),
        entrees_gj=9_700, entrees_cej=0,                 # no published figure; no CEJ before March 2022
        entrants_qpv=None, entrants_femmes=None, objectif=None,
        emploi_jeunes=r(c.emploi_jeunes), emploi_contrats=r(c.emploi_contrats), emploi_interim=r(c.emploi_interim),
        emploi_cdi=r(c.emploi_cdi), alternance=r(c.alternance), formation_jeunes=r(c.formation_jeunes),
        formation_actions=r(c.formation_actions), formation_region=r(c.formation_region),
    )


# --- exact integer tools ---------------------------------------------------------------------------

def repartir(total: int, poids: np.ndarray) -> np.ndarray:
    """Largest-remainder apportionment of `total` in proportion to `poids` (ties: lowest index first)."""
    poids = np.asarray(poids, dtype=float)
    if total == 0 or poids.sum() == 0:
        return np.zeros(len(poids), dtype=np.int64)
    quotas = total * poids / poids.sum()
    base = np.floor(quotas).astype(np.int64)
    reste = int(total - base.sum())
    ordre = np.lexsort((np.arange(len(poids)), -(quotas - base)))
    base[ordre[:reste]] += 1
    return base


def choisir(rng: np.random.Generator, poids: np.ndarray, k: int) -> np.ndarray:
    """Exactly k distinct indices, drawn without replacement with probability ~ poids (Gumbel top-k)."""
    poids = np.asarray(poids, dtype=float)
    if k > int((poids > 0).sum()):
        raise ValueError(f"impossible de choisir {k} éléments parmi {(poids > 0).sum()} candidats")
    if k == 0:
        return np.array([], dtype=np.int64)
    with np.errstate(divide="ignore"):
        cles = np.log(poids) + rng.gumbel(size=poids.size)
    return np.sort(np.argpartition(-cles, k - 1)[:k])


def attribuer(rng: np.random.Generator, comptes: dict[str, int], poids: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Categories with exact counts: each category in turn takes its count among the rows still free,
    with its own weights; the last category takes the rest."""
    assert sum(comptes.values()) == n, (comptes, n)
    out = np.empty(n, dtype=object)
    libres = np.ones(n, dtype=bool)
    cats = list(comptes)
    for cat in cats[:-1]:
        w = np.where(libres, poids.get(cat, np.ones(n)), 0.0)
        idx = choisir(rng, w, comptes[cat])
        out[idx] = cat
        libres[idx] = False
    out[libres] = cats[-1]
    return out


def ajuster_marges(rng: np.random.Generator, choisis: np.ndarray, attributs: dict[str, np.ndarray],
                   cibles: dict[str, int], poids: np.ndarray) -> np.ndarray:
    """Swaps chosen and unchosen rows until each boolean attribute counts exactly its target among the
    chosen, without moving the other attributes: a swap exchanges two rows identical on every other
    attribute. The selection size never changes."""
    choisis = choisis.copy()
    noms = list(attributs)
    for _ in range(4):
        for nom in noms:
            ecart = cibles[nom] - int(attributs[nom][choisis].sum())
            if ecart == 0:
                continue
            autres = [attributs[a] for a in noms if a != nom]
            signature = np.zeros(choisis.size, dtype=np.int64)
            for a in autres:
                signature = signature * 2 + a.astype(np.int64)
            valeur_entree = ecart > 0  # rows that come in have the attribute iff we need more of it
            for sig in np.unique(signature):
                if ecart == 0:
                    break
                sortants = np.flatnonzero(choisis & (attributs[nom] != valeur_entree) & (signature == sig))
                entrants = np.flatnonzero(~choisis & (attributs[nom] == valeur_entree) & (signature == sig)
                                          & (poids > 0))
                m = min(abs(ecart), sortants.size, entrants.size)
                if m == 0:
                    continue
                # The least likely leave, the most likely come in (with noise, so no visible cut-off).
                bruit = rng.gumbel(size=sortants.size)
                out = sortants[np.argsort(np.log(poids[sortants]) + bruit)[:m]]
                bruit = rng.gumbel(size=entrants.size)
                inn = entrants[np.argsort(-(np.log(poids[entrants]) + bruit))[:m]]
                choisis[out] = False
                choisis[inn] = True
                ecart -= m if ecart > 0 else -m
        if all(int(attributs[a][choisis].sum()) == cibles[a] for a in noms):
            return choisis
    raise ValueError(f"marges impossibles à atteindre : {cibles}")


def _dates(rng: np.random.Generator, n: int, debut: dt.date, fin: dt.date, poids_mois: dict[int, float]) -> np.ndarray:
    """n working days between debut and fin (inclusive): exact counts per month from the monthly
    weights, uniform over the working days of each month."""
    jours = pd.bdate_range(debut, fin)
    mois = jours.month.to_numpy()
    presents = sorted(set(mois))
    par_mois = repartir(n, np.array([poids_mois.get(m, 0.0) * (mois == m).sum() for m in presents]))
    out = []
    for m, k in zip(presents, par_mois):
        candidats = jours[mois == m]
        out.append(candidats[rng.integers(0, len(candidats), size=k)])
    dates = np.concatenate([np.asarray(d.date) for d in out]) if out else np.array([], dtype=object)
    rng.shuffle(dates)
    return dates


# Monthly profiles (weights per working day): GJ until February; CEJ launched 1 March 2022 (ramp-up,
# summer dip, autumn peak); work contracts (summer jobs, back to work in September); alternance
# (the school year starts in September); training (sessions start in autumn and in January).
PROFIL_GJ_2021 = {1: 1.0, 2: 1.05, 3: 1.15, 4: 1.0, 5: 0.95, 6: 1.05, 7: 0.8, 8: 0.55, 9: 1.25, 10: 1.2, 11: 1.1,
                  12: 0.8}
PROFIL_GJ_2022 = {1: 1.0, 2: 1.1}
PROFIL_CEJ_2022 = {3: 0.7, 4: 0.85, 5: 0.95, 6: 1.05, 7: 0.8, 8: 0.6, 9: 1.25, 10: 1.3, 11: 1.2, 12: 0.9}
PROFIL_EMPLOI = {1: 0.85, 2: 0.85, 3: 0.95, 4: 1.0, 5: 1.05, 6: 1.25, 7: 1.25, 8: 0.75, 9: 1.2, 10: 1.1, 11: 1.0,
                 12: 0.8}
PROFIL_ALTERNANCE = {1: 0.5, 2: 0.5, 3: 0.6, 4: 0.6, 5: 0.7, 6: 0.9, 7: 1.4, 8: 1.6, 9: 3.0, 10: 2.2, 11: 1.0, 12: 0.6}
PROFIL_FORMATION = {1: 1.4, 2: 1.2, 3: 1.2, 4: 1.0, 5: 0.9, 6: 0.7, 7: 0.4, 8: 0.3, 9: 1.5, 10: 1.4, 11: 1.2, 12: 0.6}


# --- geography ---------------------------------------------------------------------------------------

@dataclass
class Territoire:
    """Communes with their Mission Locale and the fixed local traits of the demonstration."""
    communes: pd.DataFrame   # code_commune, departement, population, code_ml, zrr, qpv_propension, poids
    ml: pd.DataFrame         # code_ml, departement, population, urbain, traits...


def preparer_territoire(communes: pd.DataFrame, ml_communes: pd.DataFrame) -> Territoire:
    rng = np.random.default_rng([GRAINE, 0])
    c = (communes[["code_commune", "departement", "population"]]
         .merge(ml_communes[["code_commune", "code_ml"]], on="code_commune", how="inner")
         .sort_values("code_commune", ignore_index=True))
    c["population"] = c["population"].astype(np.int64)
    pop = c["population"].to_numpy(dtype=float)
    # More young people supported per inhabitant in towns (younger population, more precarity).
    urbanite = 1.0 + 0.12 * np.clip(np.log10(np.maximum(pop, 1) / 1_000), 0, None)
    c["poids"] = np.maximum(pop, 1) * urbanite * rng.lognormal(0, 0.25, len(c))
    qpv = np.where(pop >= POPULATION_MIN_QPV,
                   np.clip(0.12 + 0.10 * np.log2(pop / POPULATION_MIN_QPV), 0.05, 0.6) * rng.lognormal(0, 0.35, len(c)),
                   0.0)
    c["qpv_propension"] = np.clip(qpv, 0, 0.8)
    c["zrr_poids"] = np.where(pop < POPULATION_MAX_ZRR, c["departement"].map(ZRR_DEPARTEMENT).fillna(0.3).to_numpy()
                              * rng.lognormal(0, 0.5, len(c)), 0.0)
    codes = sorted(c["code_ml"].unique())
    ml = pd.DataFrame({"code_ml": codes})
    ml["poids"] = ml["code_ml"].map(c.groupby("code_ml")["poids"].sum())
    ml["population"] = ml["code_ml"].map(c.groupby("code_ml")["population"].sum())
    ml["part_urbaine"] = ml["code_ml"].map(
        c.assign(u=np.where(pop >= 10_000, pop, 0)).groupby("code_ml")["u"].sum()) / ml["population"]
    # Local traits: multiplicative factors on odds, fixed per Mission Locale (the "plausible local variation").
    for trait, sigma in (("f_taux", 0.10), ("f_femmes", 0.06), ("f_jeunes", 0.15), ("f_sans_diplome", 0.15),
                         ("f_superieur", 0.25), ("f_rqth", 0.25), ("f_precaire", 0.25), ("f_autonome", 0.2),
                         ("f_premier", 0.15), ("f_entrees", 0.15), ("f_gj", 0.3), ("f_emploi", 0.12),
                         ("f_interim", 0.2), ("f_alternance", 0.2), ("f_formation", 0.2), ("f_region", 0.25)):
        ml[trait] = rng.lognormal(0, sigma, len(ml))
    # Towns: more degree holders and more autonomous housing, fewer minors.
    ml["f_superieur"] *= 1 + 0.8 * ml["part_urbaine"]
    ml["f_autonome"] *= 1 + 0.5 * ml["part_urbaine"]
    ml["f_jeunes"] *= 1 - 0.3 * ml["part_urbaine"]
    return Territoire(c, ml)


# --- one year ----------------------------------------------------------------------------------------

def _par_ml(ml: pd.DataFrame, codes: np.ndarray, trait: str) -> np.ndarray:
    return ml.set_index("code_ml")[trait].reindex(codes).to_numpy()


def _carte(valeurs: np.ndarray, table: dict) -> np.ndarray:
    return np.array([table[v] for v in valeurs], dtype=float)


def generer_annee(terr: Territoire, cib: Cibles) -> dict[str, pd.DataFrame]:
    """The year's tables, drawn in a fixed order from one seed (the year's): where the young people live, who
    they are, their entries into the Garantie jeunes / CEJ, their situations, the State objective."""
    rng = np.random.default_rng([GRAINE, cib.annee])
    n_com, zrr_com = _jeunes_par_commune(rng, terr, cib)
    jeunes, f = _jeunes(rng, terr, cib, n_com, zrr_com)
    entrees, entrants = _entrees_dispositif(rng, jeunes, f, cib)
    tables = {"jeunes": jeunes, "entrees_dispositif": entrees, "situations": _situations(rng, jeunes, f, cib, entrants)}
    ml = terr.ml  # the State objective per Mission Locale, in proportion to its young people supported
    if cib.objectif is not None:
        par_ml = jeunes.groupby("code_ml").size().reindex(ml["code_ml"]).fillna(0).to_numpy()
        tables["objectifs_cej"] = pd.DataFrame({"annee": cib.annee, "code_ml": ml["code_ml"].to_numpy(),
                                                "objectif": repartir(cib.objectif, par_ml),
                                                "provenance": PROVENANCE})
    return tables


def _jeunes_par_commune(rng: np.random.Generator, terr: Territoire, cib: Cibles) -> tuple[np.ndarray, np.ndarray]:
    """How many young people live in each commune, and which communes are in a ZRR."""
    ml, com = terr.ml, terr.communes
    n = cib.jeunes
    # Missions Locales, then communes, in proportion to (population × local factors).
    n_ml = repartir(n, ml["poids"].to_numpy() * _par_ml(ml, ml["code_ml"].to_numpy(), "f_taux"))
    n_com = np.zeros(len(com), dtype=np.int64)
    for code, k in zip(ml["code_ml"], n_ml):
        idx = np.flatnonzero(com["code_ml"].to_numpy() == code)
        n_com[idx] = repartir(int(k), com["poids"].to_numpy()[idx] * rng.lognormal(0, 0.15, idx.size))

    # ZRR is a property of the commune: communes are classified in random order (weighted) until
    # their young people reach the target; the overshoot moves to the ML's largest non-ZRR commune.
    zrr_com = np.zeros(len(com), dtype=bool)
    candidates = np.flatnonzero((com["zrr_poids"].to_numpy() > 0) & (n_com > 0))
    with np.errstate(divide="ignore"):
        cles = np.log(com["zrr_poids"].to_numpy()[candidates]) + rng.gumbel(size=candidates.size)
    cumul = 0
    for i in candidates[np.argsort(-cles)]:
        zrr_com[i] = True
        cumul += n_com[i]
        if cumul >= cib.zrr:
            surplus = cumul - cib.zrr
            if surplus:
                meme_ml = np.flatnonzero((com["code_ml"].to_numpy() == com["code_ml"].iat[i]) & ~zrr_com)
                receveuse = meme_ml[np.argmax(com["population"].to_numpy()[meme_ml])]
                n_com[i] -= surplus
                n_com[receveuse] += surplus
            break
    return n_com, zrr_com


def _jeunes(rng: np.random.Generator, terr: Territoire, cib: Cibles, n_com: np.ndarray,
            zrr_com: np.ndarray) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The young people supported (table `jeunes`), and their Mission Locale's local factors (`f_…`)."""
    ml, com = terr.ml, terr.communes
    n = cib.jeunes
    rep = np.repeat(np.arange(len(com)), n_com)
    code_ml = com["code_ml"].to_numpy()[rep]
    commune = com["code_commune"].to_numpy()[rep]
    zrr = zrr_com[rep]
    qpv_p = com["qpv_propension"].to_numpy()[rep]
    f = {t: _par_ml(ml, code_ml, t) for t in ml.columns if t.startswith("f_")}

    # Each trait has exact regional counts; weights carry the local variation
    # and the usual correlations (age and diploma, age and housing, justice and housing…).
    qpv = np.zeros(n, dtype=bool)
    qpv[choisir(rng, qpv_p, cib.qpv)] = True
    sexe = np.full(n, "H", dtype=object)
    sexe[choisir(rng, f["f_femmes"], cib.femmes)] = "F"
    jeunesse = f["f_jeunes"] * np.where(zrr, 1.15, 1.0)
    tranche = attribuer(rng, cib.tranche_age, {
        "16-17": jeunesse * np.where(qpv, 1.1, 1.0), "24+": 1 / jeunesse, "18-20": np.ones(n)}, n)
    poids_tranche_sup = _carte(tranche, {"16-17": 0.0, "18-20": 0.25, "21-23": 1.0, "24+": 1.6})
    poids_tranche_bac = _carte(tranche, {"16-17": 0.03, "18-20": 1.0, "21-23": 1.1, "24+": 1.0})
    poids_tranche_cap = _carte(tranche, {"16-17": 0.1, "18-20": 1.0, "21-23": 1.1, "24+": 1.1})
    niveau = attribuer(rng, cib.niveau, {
        "superieur": poids_tranche_sup * f["f_superieur"] * np.where(qpv, 0.6, 1.0),
        "bac": poids_tranche_bac / np.where(qpv, 1.2, 1.0),
        "cap_bep": poids_tranche_cap * np.where(zrr, 1.3, 1.0) / f["f_sans_diplome"],
        "sans_diplome": np.ones(n)}, n)
    sans = niveau == "sans_diplome"
    rqth = np.zeros(n, dtype=bool)
    rqth[choisir(rng, f["f_rqth"] * _carte(tranche, {"16-17": 0.7, "18-20": 1.0, "21-23": 1.1, "24+": 1.4})
                 * np.where(sans, 1.3, 1.0), cib.rqth)] = True

    age = _ages(rng, tranche, rqth)

    # Young people under justice: mostly men, mostly without diploma (exact), 8,7 % minors (exact).
    mineur = tranche == "16-17"
    poids_j = (np.where(sexe == "H", 8.0, 1.0) * np.where(sans, 3.0, 1.0) * np.where(qpv, 1.5, 1.0)
               * _carte(tranche, {"16-17": 0.7, "18-20": 1.2, "21-23": 1.3, "24+": 1.0}))
    choisis = np.zeros(n, dtype=bool)
    choisis[choisir(rng, poids_j, cib.justice)] = True
    justice = ajuster_marges(rng, choisis, {"sans_diplome": sans, "mineur": mineur},
                             {"sans_diplome": cib.justice_sans_diplome, "mineur": cib.justice_mineurs}, poids_j)

    logement = attribuer(rng, cib.logement, {
        "precaire": f["f_precaire"] * np.where(justice, 6.0, 1.0) * np.where(qpv, 1.5, 1.0)
        * np.where(mineur, 0.5, 1.0),
        "autonome": f["f_autonome"] * _carte(tranche, {"16-17": 0.03, "18-20": 0.5, "21-23": 1.3, "24+": 2.4})
        * np.where(niveau == "superieur", 1.5, 1.0),
        "parents_famille": np.ones(n)}, n)
    premier = np.zeros(n, dtype=bool)
    premier[choisir(rng, f["f_premier"] * _carte(tranche, {"16-17": 3.5, "18-20": 1.6, "21-23": 0.7, "24+": 0.35}),
                    cib.premiers_accueils)] = True

    prefixe = f"D{cib.annee % 100:02d}"
    ids = np.array([f"{prefixe}-{i:06d}" for i in range(1, n + 1)], dtype=object)
    jeunes = pd.DataFrame({
        "id_jeune": ids, "annee": cib.annee, "code_ml": code_ml, "commune": commune, "sexe": sexe, "age": age,
        "tranche_age": tranche, "niveau": niveau, "qpv": qpv, "zrr": zrr, "rqth": rqth, "logement": logement,
        "premier_accueil": premier, "sous_main_justice": justice, "provenance": PROVENANCE,
    })

    return jeunes, f


def _ages(rng: np.random.Generator, tranche: np.ndarray, rqth: np.ndarray) -> np.ndarray:
    """Exact age inside its band; beyond 26 only with RQTH (CEJ up to 29 for them)."""
    age = np.zeros(tranche.size, dtype=np.int32)
    plages = {"16-17": ([16, 17], [0.4, 0.6]), "18-20": ([18, 19, 20], [0.34, 0.34, 0.32]),
              "21-23": ([21, 22, 23], [0.36, 0.33, 0.31])}
    for t, (ages, p) in plages.items():
        m = tranche == t
        age[m] = rng.choice(ages, size=m.sum(), p=p)
    m = (tranche == "24+") & ~rqth
    age[m] = rng.choice([24, 25, 26], size=m.sum(), p=[0.48, 0.40, 0.12])
    m = (tranche == "24+") & rqth
    age[m] = rng.choice([24, 25, 26, 27, 28, 29], size=m.sum(), p=[0.25, 0.2, 0.15, 0.15, 0.13, 0.12])
    return age


def _entrees_dispositif(rng: np.random.Generator, j: pd.DataFrame, f: dict[str, np.ndarray],
             cib: Cibles) -> tuple[pd.DataFrame, np.ndarray]:
    """The year's entries (table `entrees_dispositif`), and who entered."""
    n = len(j)
    ids, code_ml, tranche, niveau, age, rqth, premier, qpv, sexe = (j[c].to_numpy() for c in (
        "id_jeune", "code_ml", "tranche_age", "niveau", "age", "rqth", "premier_accueil", "qpv", "sexe"))
    # One entry per young person; ages the CEJ accepts.
    age_ok = (age <= 26) | rqth
    poids_e = (f["f_entrees"] * age_ok * _carte(tranche, {"16-17": 0.8, "18-20": 1.3, "21-23": 1.1, "24+": 0.5})
               * _carte(niveau, {"sans_diplome": 1.4, "cap_bep": 1.1, "bac": 0.9, "superieur": 0.4})
               * np.where(premier, 1.3, 1.0) * np.where(qpv, 1.2, 1.0))
    n_entrees = cib.entrees_gj + cib.entrees_cej
    entrants = np.zeros(n, dtype=bool)
    entrants[choisir(rng, poids_e, n_entrees)] = True
    if cib.entrants_qpv is not None:
        entrants = ajuster_marges(rng, entrants, {"qpv": qpv, "femme": sexe == "F"},
                                  {"qpv": cib.entrants_qpv, "femme": cib.entrants_femmes}, poids_e)
    idx_e = np.flatnonzero(entrants)
    dispositif = np.full(idx_e.size, "CEJ", dtype=object)
    if cib.entrees_cej:
        dispositif[choisir(rng, f["f_gj"][idx_e], cib.entrees_gj)] = "GJ"
    else:
        dispositif[:] = "GJ"
    dates = np.empty(idx_e.size, dtype=object)
    gj = dispositif == "GJ"
    if cib.annee >= 2022:
        dates[gj] = _dates(rng, int(gj.sum()), dt.date(cib.annee, 1, 1), modele.DEBUT_CEJ - dt.timedelta(days=1),
                           PROFIL_GJ_2022)
        dates[~gj] = _dates(rng, int((~gj).sum()), modele.DEBUT_CEJ, dt.date(cib.annee, 12, 31), PROFIL_CEJ_2022)
    else:
        dates[:] = _dates(rng, idx_e.size, dt.date(cib.annee, 1, 1), dt.date(cib.annee, 12, 31), PROFIL_GJ_2021)
    entrees = pd.DataFrame({"id_jeune": ids[idx_e], "annee": cib.annee, "code_ml": code_ml[idx_e],
                            "dispositif": dispositif, "date_entree": dates, "provenance": PROVENANCE})
    entrees = entrees.sort_values(["date_entree", "id_jeune"], ignore_index=True)
    return entrees, entrants


def _situations(rng: np.random.Generator, j: pd.DataFrame, f: dict[str, np.ndarray], cib: Cibles,
                entrants: np.ndarray) -> pd.DataFrame:
    """The year's work contracts, alternance contracts and training actions (table `situations`)."""
    n = len(j)
    ids, code_ml, tranche, niveau, qpv, zrr, rqth, justice = (j[c].to_numpy() for c in (
        "id_jeune", "code_ml", "tranche_age", "niveau", "qpv", "zrr", "rqth", "sous_main_justice"))
    sans = niveau == "sans_diplome"
    lignes = []
    poids_emploi = (f["f_emploi"] * _carte(tranche, {"16-17": 0.2, "18-20": 0.9, "21-23": 1.25, "24+": 1.3})
                    * _carte(niveau, {"sans_diplome": 0.7, "cap_bep": 1.15, "bac": 1.2, "superieur": 1.2})
                    * np.where(rqth, 0.6, 1.0) * np.where(justice, 0.5, 1.0))
    emploi = choisir(rng, poids_emploi, cib.emploi_jeunes)
    # Contracts per young person: at least one; the extra ones go mostly to a few (interim chains).
    extra = rng.multinomial(cib.emploi_contrats - emploi.size, _normaliser(rng.gamma(0.5, 1.0, emploi.size)))
    nb_contrats = 1 + extra
    qui = np.repeat(emploi, nb_contrats)
    multi = np.repeat(nb_contrats, nb_contrats).astype(float)
    sous_type = np.full(qui.size, "CDD", dtype=object)
    interim = choisir(rng, multi * f["f_interim"][qui], cib.emploi_interim)
    sous_type[interim] = "interim"
    poids_cdi = np.where(sous_type == "CDD", 1.0, 0.0) / multi * _carte(
        niveau[qui], {"sans_diplome": 0.6, "cap_bep": 1.0, "bac": 1.2, "superieur": 1.8})
    sous_type[choisir(rng, poids_cdi, cib.emploi_cdi)] = "CDI"
    lignes.append(pd.DataFrame({"i": qui, "type": "emploi", "sous_type": sous_type,
                                "date_debut": _dates(rng, qui.size, dt.date(cib.annee, 1, 1),
                                                     dt.date(cib.annee, 12, 31), PROFIL_EMPLOI)}))

    poids_alt = (f["f_alternance"] * _carte(tranche, {"16-17": 1.2, "18-20": 1.6, "21-23": 0.9, "24+": 0.3})
                 * _carte(niveau, {"sans_diplome": 0.7, "cap_bep": 1.2, "bac": 1.3, "superieur": 0.8}))
    alternance = choisir(rng, poids_alt, cib.alternance)
    lignes.append(pd.DataFrame({"i": alternance, "type": "alternance", "sous_type": "",
                                "date_debut": _dates(rng, alternance.size, dt.date(cib.annee, 1, 1),
                                                     dt.date(cib.annee, 12, 31), PROFIL_ALTERNANCE)}))

    poids_form = (f["f_formation"] * _carte(tranche, {"16-17": 1.3, "18-20": 1.2, "21-23": 1.0, "24+": 0.8})
                  * np.where(qpv, 1.3, 1.0) * np.where(zrr, 0.7, 1.0))
    form = np.zeros(n, dtype=bool)
    form[choisir(rng, poids_form, cib.formation_jeunes)] = True
    if cib.formation_marges:
        attributs = {"qpv": qpv, "zrr": zrr, "rqth": rqth, "sans_diplome": sans, "entrant": entrants}
        form = ajuster_marges(rng, form, {k: attributs[k] for k in cib.formation_marges},
                              cib.formation_marges, poids_form)
    idx_f = np.flatnonzero(form)
    actions = 1 + rng.multinomial(cib.formation_actions - idx_f.size, _normaliser(rng.gamma(0.8, 1.0, idx_f.size)))
    qui_f = np.repeat(idx_f, actions)
    sous_f = np.full(qui_f.size, "autre", dtype=object)
    sous_f[choisir(rng, f["f_region"][qui_f], cib.formation_region)] = "region"
    lignes.append(pd.DataFrame({"i": qui_f, "type": "formation", "sous_type": sous_f,
                                "date_debut": _dates(rng, qui_f.size, dt.date(cib.annee, 1, 1),
                                                     dt.date(cib.annee, 12, 31), PROFIL_FORMATION)}))
    s = pd.concat(lignes, ignore_index=True)
    situations = pd.DataFrame({"id_jeune": ids[s["i"]], "annee": cib.annee, "code_ml": code_ml[s["i"]],
                               "type": s["type"], "sous_type": s["sous_type"], "date_debut": s["date_debut"],
                               "provenance": PROVENANCE})
    situations = situations.sort_values(["type", "date_debut", "id_jeune", "sous_type"], ignore_index=True)
    return situations


def _normaliser(x: np.ndarray) -> np.ndarray:
    return x / x.sum()


def generer(communes: pd.DataFrame, ml_communes: pd.DataFrame) -> dict[str, dict[int, pd.DataFrame]]:
    """All demonstration tables, validated against the extract model: {table: {annee: DataFrame}}."""
    terr = preparer_territoire(communes, ml_communes)
    out: dict[str, dict[int, pd.DataFrame]] = {}
    for cib in (_cibles_2021(), CIBLES_2022):
        for table, df in generer_annee(terr, cib).items():
            out.setdefault(table, {})[cib.annee] = modele.schema(table).validate(df)
    return out


# --- files ---------------------------------------------------------------------------------------------

_TYPES_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BOOLEAN": pa.bool_(), "DATE": pa.date32()}


def schema_arrow(table: str) -> pa.Schema:
    """Parquet schema of an extract table, from the model (also used to write imported extracts)."""
    t = modele.TABLES[table]
    return pa.schema([pa.field(c.nom, _TYPES_ARROW[c.type_sql], nullable=not c.obligatoire) for c in t.colonnes])


def ecrire(df: pd.DataFrame, table: str, dest: Path) -> None:
    """Writes beside the destination then renames (a reader never sees half a file); same bytes for same data."""
    t = pa.Table.from_pandas(df[modele.TABLES[table].noms], schema=schema_arrow(table), preserve_index=False)
    t = t.replace_schema_metadata(None)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".parquet.tmp")
    os.close(fd)
    try:
        pq.write_table(t, tmp, compression="zstd")
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the app may run as another user
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _entrees(build_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    manquants = [p for p in ("communes.parquet", "ml_communes.parquet") if not (build_dir / p).exists()]
    if manquants:
        raise FileNotFoundError(f"Données de démonstration : il manque {', '.join(manquants)} dans {build_dir} "
                                "(étape géographie de « python -m observatoire build »).")
    return pd.read_parquet(build_dir / "communes.parquet"), pd.read_parquet(build_dir / "ml_communes.parquet")


def empreinte(communes: pd.DataFrame, ml_communes: pd.DataFrame) -> str:
    """Hash of what the output depends on: this generator, the model, and the input columns used."""
    h = hashlib.sha256()
    for module in (Path(__file__), Path(modele.__file__)):
        h.update(module.read_bytes())
    h.update((config.SOURCES_DIR / "missions_locales.csv").read_bytes())
    h.update(communes[["code_commune", "departement", "population"]].sort_values("code_commune")
             .to_csv(index=False).encode())
    h.update(ml_communes[["code_commune", "code_ml"]].sort_values("code_commune").to_csv(index=False).encode())
    return h.hexdigest()


def chemins(demo_dir: Path) -> list[Path]:
    tables = {"jeunes": ANNEES, "entrees_dispositif": ANNEES, "situations": ANNEES, "objectifs_cej": (2022,)}
    return [demo_dir / t / f"annee={a}.parquet" for t, annees in tables.items() for a in annees]


def construire(build_dir: Path = config.BUILD_DIR) -> list[Path]:
    """Build step (`python -m observatoire build`): writes the demonstration extracts if missing or stale."""
    build_dir = Path(build_dir)
    demo_dir = build_dir / "demo"
    communes, ml_communes = _entrees(build_dir)
    signature = empreinte(communes, ml_communes)
    fichier_empreinte = demo_dir / FICHIER_EMPREINTE
    attendus = chemins(demo_dir)
    if (fichier_empreinte.exists() and fichier_empreinte.read_text(encoding="utf-8").strip() == signature
            and all(p.exists() for p in attendus)):
        return []
    ecrits = []
    for table, par_annee in generer(communes, ml_communes).items():
        for annee, df in par_annee.items():
            dest = demo_dir / table / f"annee={annee}.parquet"
            ecrire(df, table, dest)
            ecrits.append(dest)
    for table in modele.TABLES:  # a year the generator no longer writes must not linger
        for p in (demo_dir / table).glob("annee=*.parquet"):
            if p not in ecrits:
                p.unlink()
    fichier_empreinte.write_text(signature + "\n", encoding="utf-8")
    return ecrits
