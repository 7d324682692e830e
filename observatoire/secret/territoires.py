"""The reference table of secrecy: per year, every count any channel shows per territory, the equations a
reader can write on it, and its mask — the same hidden cells on every page, chart, map, sentence, slide, sheet
and export (why one table: docs/ARCHITECTURE.md, « Why one publication layer »).

- `comptes(annee)`: one row per territory (the region, its departments, its Missions Locales: `niveau`,
  `departement`, `code`), one column per count (young people and their breakdowns, GJ / CEJ entries and the
  entrants' profile, contracts, actions), complements a reader gets by subtraction (young people not under
  justice supervision…), and the CEJ series on one calendar of month ends (`cej_entrees_mNN`, `cej_cumul_mNN`);
  with the equations: a total = Σ its parts, each point of the series = the previous one + the month's entries,
  the last point = the year's entries, the 28 February 2022 point = the Garantie jeunes entries.
- `masque(annee)`: `secret.masque_territoires` run once over them with the hierarchy (region = Σ departments =
  Σ Missions Locales, for each column), then no two shown points of a series differing by 1 to N−1
  (`_ecarts_de_serie`); cached per (data version, year, threshold).
- Lookups by territory code and column (`est_cache`, `valeur`, `compte`, `texte`, `cellules`, `masquer`,
  `repartitions`); the names pages use for the same counts map through ALIAS. A share or a rate of a hidden
  count is hidden too.
- The monthly starts of Emploi & formation (months × contracts, alternance, training): their own joint mask per
  year over every territory (`masque_mois`, `croisement_mois`), whose annual totals of contracts and actions
  agree with the reference mask.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from observatoire import config, db, modele, secret

REGION = config.REGION
DIMENSIONS_PUBLICS = ("tranche_age", "niveau", "sexe", "logement", "rqth", "qpv", "zrr")
# Tables each family of counts is read from (a deployment may lack some extracts).
BESOINS = {
    "jeunes": {"jeunes"},
    "cej": {"entrees_dispositif", "objectifs_cej"},
    "serie_cej": {"entrees_dispositif"},
    "emploi": {"situations", "entrees_dispositif", "jeunes"},
    "entrants": {"situations", "entrees_dispositif", "jeunes"},
}
CEJ = ["nb_entrees_gj", "nb_entrees_cej", "nb_entrees"]
CONTRATS = ["nb_contrats_cdi", "nb_contrats_cdd", "nb_contrats_interim"]
ACTIONS = ["nb_actions_region", "nb_actions_autre"]
JEUNES_SITUATIONS = ["nb_jeunes_emploi", "nb_jeunes_alternance", "nb_jeunes_formation"]
ENTRANTS = {"nb_entrants": "nb_entrants", "nb_femmes": "nb_entrants_femmes", "nb_hommes": "nb_entrants_hommes",
            "nb_qpv": "nb_entrants_qpv", "nb_en_formation": "nb_entrants_en_formation"}


def colonne_publics(dimension: str, modalite: str) -> str:
    """The reference column of one category of a breakdown: ('tranche_age', '24+') -> 'nb_tranche_age_24_plus'."""
    m = str(modalite).lower().replace("+", "_plus")
    return f"nb_{dimension}_" + re.sub(r"[^a-z0-9]+", "_", m).strip("_")


# The names consumers give to the same counts -> the reference column.
ALIAS = {
    "nb_sans_diplome": colonne_publics("niveau", "sans_diplome"),
    "nb_femmes": colonne_publics("sexe", "F"),
    "nb_qpv": colonne_publics("qpv", "oui"),
    "nb_zrr": colonne_publics("zrr", "oui"),
    "nb_rqth": colonne_publics("rqth", "oui"),
    "nb_sans_rqth": colonne_publics("rqth", "non"),
    "nb_autonome": colonne_publics("logement", "autonome"),
    "nb_parents_famille": colonne_publics("logement", "parents_famille"),
    "nb_precaire": colonne_publics("logement", "precaire"),
    "nb_logement_precaire": colonne_publics("logement", "precaire"),
    "nb_logement_non_renseigne": colonne_publics("logement", "non_renseigne"),
    "nb_sous_main_justice": "nb_jsmj",
    "nb_entrees_gj_cej": "nb_entrees",
}


def reference(colonne: str) -> str:
    """The reference column of a consumer's count column (itself when it has no other name)."""
    return ALIAS.get(colonne, colonne)


# --- the table of every count, and its equations ------------------------------------------------------

def _famille(nom: str, tables: set[str]) -> bool:
    return BESOINS[nom] <= tables


def _jeunes(annee: int) -> tuple[pd.DataFrame, list[tuple[str, list[str]]]]:
    """Young people, first welcomes, justice (queries/jeunes_par_territoire.sql) and the breakdowns of the
    « Publics » page (queries/publics_repartitions_par_territoire.sql), with their equations."""
    j = db.requete("jeunes_par_territoire", annee=annee)
    j = j[["code", "nb_jeunes", "nb_premiers_accueils", "nb_jsmj", "nb_jsmj_sans_diplome", "nb_jsmj_mineurs"]]
    j = j.assign(nb_non_premiers_accueils=j["nb_jeunes"] - j["nb_premiers_accueils"],
                 nb_non_jsmj=j["nb_jeunes"] - j["nb_jsmj"],
                 nb_jsmj_diplomes=j["nb_jsmj"] - j["nb_jsmj_sans_diplome"],
                 nb_jsmj_majeurs=j["nb_jsmj"] - j["nb_jsmj_mineurs"])
    equations = [("nb_jeunes", ["nb_premiers_accueils", "nb_non_premiers_accueils"]),
                 ("nb_jeunes", ["nb_jsmj", "nb_non_jsmj"]),
                 ("nb_jsmj", ["nb_jsmj_sans_diplome", "nb_jsmj_diplomes"]),
                 ("nb_jsmj", ["nb_jsmj_mineurs", "nb_jsmj_majeurs"])]
    p = db.requete("publics_repartitions_par_territoire", annee=annee)
    p["colonne"] = [colonne_publics(d, m) for d, m in zip(p["dimension"], p["modalite"])]
    large = p.pivot_table(index="code", columns="colonne", values="nb_jeunes", aggfunc="sum", fill_value=0)
    for dimension in DIMENSIONS_PUBLICS:
        parties = list(dict.fromkeys(p.loc[p["dimension"] == dimension, "colonne"]))
        if parties:
            equations.append(("nb_jeunes", parties))
    return j.merge(large.reset_index(), on="code", how="left"), equations


def _cej(annee: int) -> tuple[pd.DataFrame, list]:
    t = db.requete("cej_realisation_par_territoire", annee=annee)
    return t[["code", *CEJ]], [("nb_entrees", ["nb_entrees_gj", "nb_entrees_cej"])]


def _emploi(annee: int) -> tuple[pd.DataFrame, list]:
    t = db.requete("emploi_formation_par_territoire", annee=annee)
    # young people of the three situations overlap (one may have a contract and a training): no row total
    return (t[["code", *JEUNES_SITUATIONS, *CONTRATS, "nb_contrats", *ACTIONS, "nb_actions"]],
            [("nb_contrats", CONTRATS), ("nb_actions", ACTIONS)])


def _entrants(annee: int) -> tuple[pd.DataFrame, list]:
    t = db.requete("cej_profil_entrants_par_territoire", annee=annee).rename(columns=ENTRANTS)
    t = t[["code", *ENTRANTS.values()]]
    t = t.assign(nb_entrants_hors_qpv=t["nb_entrants"] - t["nb_entrants_qpv"],
                 nb_entrants_hors_formation=t["nb_entrants"] - t["nb_entrants_en_formation"])
    # women + men = entrants, as the CEJ page's profile reads (a conservative equation: the sex of an entrant
    # unknown to `jeunes` is missing, and a reader may still assume none is)
    return t, [("nb_entrants", ["nb_entrants_femmes", "nb_entrants_hommes"]),
               ("nb_entrants", ["nb_entrants_qpv", "nb_entrants_hors_qpv"]),
               ("nb_entrants", ["nb_entrants_en_formation", "nb_entrants_hors_formation"])]


# --- the CEJ series: one calendar (month ends) for every channel, its points cells of the mask -------------

MOIS_SERIE = tuple(range(1, 13))


def colonne_serie(mois: int, cumul: bool = True) -> str:
    """The cell of a point of the CEJ series: entries cumulated since 1 January at the end of month `mois`
    ('cej_cumul_m02', the 28 February point of 2022), or the entries of that month ('cej_entrees_m02')."""
    return f"cej_{'cumul' if cumul else 'entrees'}_m{int(mois):02d}"


def _serie_cej(annee: int) -> tuple[pd.DataFrame, list]:
    """Entries by month and their running totals per Mission Locale (queries/cej_entrees_par_mois_par_mission_
    locale.sql), with the equations a reader can write on one territory's series: each point is the previous
    one plus the month's entries, the last point is the year's entries, and in the year the Garantie Jeunes
    ended, its entries are the point of the last month before the CEJ (28 February 2022)."""
    d = db.requete("cej_entrees_par_mois_par_mission_locale", annee=annee)
    par_ml = d.pivot_table(index="code_ml", columns="mois", values="nb_entrees", aggfunc="sum", fill_value=0)
    par_ml = par_ml.reindex(columns=list(MOIS_SERIE), fill_value=0)
    mois = _sommer_aux_territoires(par_ml)
    t = pd.DataFrame({colonne_serie(m, False): mois[m] for m in MOIS_SERIE}, index=mois.index)
    cumuls = mois.cumsum(axis=1)
    for m in MOIS_SERIE:
        t[colonne_serie(m)] = cumuls[m]
    t = t.rename_axis("code").reset_index()
    equations = [(colonne_serie(1), [colonne_serie(1, False)])]
    equations += [(colonne_serie(m), [colonne_serie(m - 1), colonne_serie(m, False)]) for m in MOIS_SERIE[1:]]
    equations.append(("nb_entrees", [colonne_serie(MOIS_SERIE[-1])]))
    if modele.DEBUT_CEJ.year == annee:
        equations.append(("nb_entrees_gj", [colonne_serie(modele.DEBUT_CEJ.month - 1)]))
    return t, equations


def _sommer_aux_territoires(par_ml: pd.DataFrame) -> pd.DataFrame:
    """Counts of the Missions Locales (index code_ml) summed to every territory (index: the codes of
    queries/territoires_normandie.sql: region, departments, Missions Locales)."""
    territoires = db.requete("territoires_normandie")[["niveau", "departement", "code"]]
    lignes = {}
    for niveau, dep, code in territoires.itertuples(index=False):
        if niveau == "mission_locale":
            membres = [code]
        elif niveau == "departement":
            membres = territoires.loc[(territoires["niveau"] == "mission_locale")
                                      & (territoires["departement"] == dep), "code"].tolist()
        else:
            membres = territoires.loc[territoires["niveau"] == "mission_locale", "code"].tolist()
        lignes[code] = par_ml.reindex(membres).fillna(0).sum(axis=0)
    return pd.DataFrame(lignes).T.astype("int64")


def _suites() -> set[tuple[str, tuple[str, ...]]]:
    """Equations that are not breakdowns of a total into kinds of people (points of a series, an identity):
    a hidden point does not hide the earlier ones."""
    suites = {(colonne_serie(1), (colonne_serie(1, False),)), ("nb_entrees", (colonne_serie(MOIS_SERIE[-1]),)),
              ("nb_entrees_gj", (colonne_serie(modele.DEBUT_CEJ.month - 1),))}
    suites |= {(colonne_serie(m), (colonne_serie(m - 1), colonne_serie(m, False))) for m in MOIS_SERIE[1:]}
    return suites


def comptes(annee: int) -> tuple[pd.DataFrame, list[tuple[str, list[str]]]]:
    """The table of every count shown per territory in year `annee` (columns niveau, departement, code, then
    the counts) and its equations (total, parts) on each row; cached per data version and year."""
    t, equations = _comptes(*_cle(annee))
    return t.copy(), list(equations)


def _cle(annee: int) -> tuple[str, str, int, frozenset]:
    """What the table depends on: the data version, the data folder, the year, the tables present."""
    return db.version_donnees(), str(config.BUILD_DIR), int(annee), frozenset(db.tables_disponibles())


@lru_cache(maxsize=8)
def _comptes(version: str, build_dir: str, annee: int, tables: frozenset) -> tuple[pd.DataFrame, tuple]:
    table = db.requete("territoires_normandie")[["niveau", "departement", "code"]]
    equations: list[tuple[str, list[str]]] = []
    familles = (("jeunes", _jeunes), ("cej", _cej), ("serie_cej", _serie_cej), ("emploi", _emploi),
                ("entrants", _entrants))
    for nom, lire in familles:
        if _famille(nom, tables) and (nom != "serie_cej" or _famille("cej", tables)):
            df, eqs = lire(annee)
            table = table.merge(df, on="code", how="left")
            equations += eqs
    colonnes = [c for c in table.columns if c not in ("niveau", "departement", "code")]
    table[colonnes] = table[colonnes].fillna(0).astype("int64")
    return table.reset_index(drop=True), tuple((total, tuple(parties)) for total, parties in equations)


def verifier_equations(annee: int, equations: Sequence[tuple[str, Sequence[str]]],
                       connues: Sequence[tuple[str, Sequence[str]]] | None = None) -> None:
    """Raises unless each (total, parts) a consumer shows is an equation of the reference table (names of
    ALIAS accepted): what a reader can subtract must be known to the suppression. `connues`: the table's
    equations when the caller has them already (the publication layer stores them: a page view then does not
    build the reference table)."""
    if connues is None:
        _, connues = comptes(annee)
    connues = {(t, frozenset(p)) for t, p in connues}
    for total, parties in equations:
        cle = (reference(total), frozenset(reference(p) for p in parties))
        if cle not in connues:
            raise ValueError(f"équation inconnue de la table de référence du secret : {total} = "
                             f"{' + '.join(parties)} (observatoire/secret/territoires.py)")


# --- the mask ------------------------------------------------------------------------------------------

def masque(annee: int, seuil: int | None = None) -> pd.DataFrame:
    """True where a count is hidden: one row per territory code, one column per reference column."""
    return _masque(*_cle(annee), secret.seuil_actif(seuil)).copy()


@lru_cache(maxsize=32)
def _masque(version: str, build_dir: str, annee: int, tables: frozenset, seuil: int) -> pd.DataFrame:
    table, equations = _comptes(version, build_dir, annee, tables)
    colonnes = [c for c in table.columns if c not in ("niveau", "departement", "code")]
    partitions = [(t, list(p)) for t, p in equations]
    # A breakdown of a hidden total is hidden, zeros included: "0 minors" beside a hidden count of young people
    # under justice supervision says that all of them are adults. Hiding the parts may call for complements
    # elsewhere: the suppression runs again with them hidden, until nothing changes.
    suites = _suites()
    ventilations = [(t, list(p)) for t, p in equations if (t, tuple(p)) not in suites]
    caches = pd.DataFrame(False, index=table.index, columns=colonnes)
    while True:
        m = secret.masque_territoires(table, colonnes, partitions, seuil=seuil, caches=caches)
        forces = m.copy()
        for total, parties in ventilations:
            for partie in parties:
                forces[partie] |= m[total]
        _ecarts_de_serie(table, forces, seuil)
        if forces.equals(m):
            break
        caches = forces
    m.index = table["code"].to_numpy()
    return m


def _ecarts_de_serie(table: pd.DataFrame, masque_: pd.DataFrame, seuil: int) -> None:
    """Hides, in place, the points of a territory's CEJ series that would differ from the previous shown point
    (or from 0 on 1 January) by 1 to N−1 entries: around a hidden point, two shown points are not consecutive
    and their difference, a sum of months, is no cell the suppression knows. The later point is hidden (the
    earlier one where the later is the year's total, which other pages show)."""
    points = [colonne_serie(m) for m in MOIS_SERIE]
    if points[0] not in table.columns:
        return
    valeurs = table[points].to_numpy(dtype="int64")
    caches = masque_[points].to_numpy(dtype=bool)
    for i in range(len(table)):
        precedent = (-1, 0)
        for k in range(len(points)):
            if caches[i, k]:
                continue
            ecart = valeurs[i, k] - precedent[1]
            if 0 < ecart < seuil:
                cible = precedent[0] if k == len(points) - 1 and precedent[0] >= 0 else k
                masque_.iloc[i, masque_.columns.get_loc(points[cible])] = True
                break  # one change a row a round: the suppression runs again before the next
            precedent = (k, valeurs[i, k])


def _cellule(m: pd.DataFrame, code: str, colonne: str) -> bool:
    ref = reference(colonne)
    if ref not in m.columns:
        raise KeyError(f"« {colonne} » n'est pas un effectif de la table de référence du secret "
                       "(observatoire/secret/territoires.py)")
    code = REGION if str(code).lower() == REGION.lower() else str(code)
    if code not in m.index:
        raise KeyError(f"territoire inconnu de la table de référence du secret : {code}")
    return bool(m.at[code, ref])


def est_cache(annee: int, code: str, colonne: str, seuil: int | None = None) -> bool:
    """Whether the count `colonne` of territory `code` ('Normandie', '14', '14-CAE') is hidden in `annee`."""
    return _cellule(_masque(*_cle(annee), secret.seuil_actif(seuil)), code, colonne)


def valeur(annee: int, code: str, colonne: str):
    """The count itself, from the reference table (whether hidden or not)."""
    table, _ = _comptes(*_cle(annee))
    code = REGION if str(code).lower() == REGION.lower() else str(code)
    return table.loc[table["code"] == code, reference(colonne)].iloc[0]


def compte(annee: int, code: str, colonne: str, n=None):
    """A count of one territory (`n`, or the reference's), or "secret": for cards and sentences."""
    n = valeur(annee, code, colonne) if n is None else n
    return secret.SECRET if est_cache(annee, code, colonne) or secret.est_primaire(n) else n


def texte(annee: int, code: str, colonne: str, n=None) -> str:
    """A count of one territory in French format, or "secret"."""
    return secret.formater(compte(annee, code, colonne, n))


def _colonnes(colonnes) -> dict[str, str]:
    if isinstance(colonnes, Mapping):
        return dict(colonnes)
    return {c: reference(c) for c in colonnes}


def cellules(df: pd.DataFrame, annee: int, colonnes, code: str = "code",
             masque_: pd.DataFrame | None = None) -> pd.DataFrame:
    """Boolean mask (same index as `df`, one column per count column) of the cells of `df` to hide: looked up
    in the reference mask by territory code (`code` column of `df`), and any count of 1 to N−1 whatever it is.
    `colonnes`: the count columns (names of ALIAS accepted), or {column of df: reference column}. `masque_`:
    the year's mask already at hand (the publication layer's hidden cells), instead of solving it here."""
    correspondance = _colonnes(colonnes)
    m = _masque(*_cle(annee), secret.seuil_actif()) if masque_ is None else masque_
    codes = [REGION if str(c).lower() == REGION.lower() else str(c) for c in df[code]]
    inconnus = sorted(set(codes) - set(m.index))
    if inconnus:
        raise KeyError(f"territoires inconnus de la table de référence du secret : {inconnus}")
    out = pd.DataFrame(index=df.index)
    for col, ref in correspondance.items():
        if ref not in m.columns:
            raise KeyError(f"« {ref} » n'est pas un effectif de la table de référence du secret")
        caches = m.loc[codes, ref].to_numpy(dtype=bool)
        primaires = np.array([secret.est_primaire(_nombre(v)) for v in df[col]], dtype=bool)
        out[col] = caches | primaires
    return out


def _nombre(v):
    if isinstance(v, str):
        return None
    try:
        return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
    except (TypeError, ValueError):
        return None


def masquer(df: pd.DataFrame, annee: int, colonnes, parts: Mapping[str, Sequence[str]] | None = None,
            pour_graphique: bool = False, code: str = "code") -> pd.DataFrame:
    """Copy of `df` (one row per territory, codes in column `code`) where the counts hidden by the reference
    mask read "secret" — or, `pour_graphique`, are NaN with a boolean column `secret` marking the rows
    concerned. `colonnes`: count columns, or {column of df: reference column}; `parts`: {share or rate
    column: the count columns of df it is computed from}, hidden where any of them is."""
    m = cellules(df, annee, colonnes, code)
    return secret.appliquer_masque(df, m, parts={k: list(v) for k, v in (parts or {}).items()},
                                   pour_graphique=pour_graphique).set_axis(df.index)


def repartitions(df: pd.DataFrame, annee: int, code_par_perimetre: Mapping[str, str],
                 pour_graphique: bool = True) -> pd.DataFrame:
    """A breakdown as the « Publics » page reads it (columns perimetre, dimension, modalite, nb_jeunes,
    part_pct; `code_par_perimetre` = {'territoire': '14-CAE', 'region': 'Normandie'}) with the reference
    mask applied: a hidden count, and its share, are NaN (or "secret"), and so are the shares of a
    perimeter whose number of young people is hidden (share × total would give the count back)."""
    out = df.copy()
    codes = out["perimetre"].map(dict(code_par_perimetre))
    m = _masque(*_cle(annee), secret.seuil_actif())
    cache = []
    for c, dim, mod, n in zip(codes, out["dimension"], out["modalite"], out["nb_jeunes"]):
        cache.append(bool(m.at[c, colonne_publics(dim, mod)]) or secret.est_primaire(_nombre(n)))
    cache = pd.Series(cache, index=out.index)
    total_cache = codes.map(lambda c: bool(m.at[c, "nb_jeunes"]))
    part_cachee = cache | total_cache
    if pour_graphique:
        out["nb_jeunes"] = pd.to_numeric(out["nb_jeunes"], errors="coerce").astype(float).where(~cache)
        out["part_pct"] = pd.to_numeric(out["part_pct"], errors="coerce").astype(float).where(~part_cachee)
        out["secret"] = part_cachee.to_numpy()
    else:
        out["nb_jeunes"] = out["nb_jeunes"].astype(object).where(~cache, secret.SECRET)
        out["part_pct"] = out["part_pct"].astype(object).where(~part_cachee, secret.SECRET)
    return out


def vider_cache() -> None:
    """Forget the cached tables and masks (tests that change the data in place)."""
    _comptes.cache_clear()
    _masque.cache_clear()
    _debuts_mois.cache_clear()
    _masque_mois.cache_clear()


# --- the monthly starts of Emploi & formation: one joint mask per year over every territory -----------------

TYPES_MOIS = ("emploi", "alternance", "formation")
MOIS = tuple(range(1, 13))
# The annual total of a type that is a count of the reference table (the year's contracts, actions).
ANNUELS_MOIS = {"emploi": "nb_contrats", "formation": "nb_actions"}


def colonne_mois(type_: str, mois) -> str:
    """The column of the monthly table: ('emploi', 3) -> 'emploi_03'; secret.TOTAL for the type or the month
    gives the month's total ('total_03'), the type's annual total ('emploi_total') or the grand total."""
    t = "total" if type_ == secret.TOTAL else str(type_)
    m = "total" if mois == secret.TOTAL else f"{int(mois):02d}"
    return f"{t}_{m}"


def _colonnes_mois() -> list[str]:
    return [colonne_mois(t, m) for t in (*TYPES_MOIS, secret.TOTAL) for m in (*MOIS, secret.TOTAL)]


def _partitions_mois() -> list[tuple[str, list[str]]]:
    """Month total = Σ types (for each month and for the year); type total = Σ months (for each type and the total)."""
    return ([(colonne_mois(secret.TOTAL, m), [colonne_mois(t, m) for t in TYPES_MOIS]) for m in (*MOIS, secret.TOTAL)]
            + [(colonne_mois(t, secret.TOTAL), [colonne_mois(t, m) for m in MOIS]) for t in TYPES_MOIS]
            + [(colonne_mois(secret.TOTAL, secret.TOTAL), [colonne_mois(secret.TOTAL, m) for m in MOIS])])


def debuts_par_mois(annee: int) -> pd.DataFrame:
    """Starts by month and type (contracts, alternance contracts, training actions) of every territory in
    `annee`: one row per territory (columns niveau, departement, code), one column per (type, month) with
    the totals (`colonne_mois`); the Missions Locales from one query
    (queries/emploi_debuts_par_mois_par_mission_locale.sql), summed to the departments and the region."""
    return _debuts_mois(*_cle(annee)).copy()


@lru_cache(maxsize=8)
def _debuts_mois(version: str, build_dir: str, annee: int, tables: frozenset) -> pd.DataFrame:
    d = db.requete("emploi_debuts_par_mois_par_mission_locale", annee=annee)
    large = d.pivot_table(index="code_ml", columns=["type", "mois"], values="nb_debuts", aggfunc="sum",
                          fill_value=0)
    ml = pd.DataFrame({colonne_mois(t, m): (large[(t, m)] if (t, m) in large.columns else 0)
                       for t in TYPES_MOIS for m in MOIS}, index=large.index)
    for m in MOIS:
        ml[colonne_mois(secret.TOTAL, m)] = sum(ml[colonne_mois(t, m)] for t in TYPES_MOIS)
    for t in (*TYPES_MOIS, secret.TOTAL):
        ml[colonne_mois(t, secret.TOTAL)] = sum(ml[colonne_mois(t, m)] for m in MOIS)
    colonnes = _colonnes_mois()
    table = db.requete("territoires_normandie")[["niveau", "departement", "code"]].reset_index(drop=True)
    est_ml = (table["niveau"] == "mission_locale").to_numpy()
    valeurs = ml.reindex(table["code"])[colonnes].fillna(0).to_numpy(dtype="int64")
    valeurs[~est_ml] = 0
    deps = table["departement"].to_numpy()
    for i, niveau in enumerate(table["niveau"]):
        if niveau == "departement":
            valeurs[i] = valeurs[est_ml & (deps == deps[i])].sum(axis=0)
        elif niveau == "region":
            valeurs[i] = valeurs[est_ml].sum(axis=0)
    return pd.concat([table, pd.DataFrame(valeurs, columns=colonnes)], axis=1)


def masque_mois(annee: int, seuil: int | None = None) -> pd.DataFrame:
    """True where a monthly start count is hidden: one row per territory code, one column per `colonne_mois`.

    One suppression over every territory (region = Σ departments = Σ Missions Locales, for each type and
    month and each total) with the partitions of the monthly table (month total = Σ types, type total =
    Σ months): a Mission Locale's hidden month cannot be got back from its department's month minus the
    other Missions Locales' months. The annual totals of contracts and of actions are counts of the
    reference mask: hidden where it hides them, never chosen as complements where it shows them."""
    return _masque_mois(*_cle(annee), secret.seuil_actif(seuil)).copy()


@lru_cache(maxsize=32)
def _masque_mois(version: str, build_dir: str, annee: int, tables: frozenset, seuil: int) -> pd.DataFrame:
    table = _debuts_mois(version, build_dir, annee, tables)
    reference_ = _masque(version, build_dir, annee, tables, seuil)
    codes = table["code"].to_numpy()
    caches, connus = pd.DataFrame(index=table.index), pd.DataFrame(index=table.index)
    for t, col in ANNUELS_MOIS.items():
        if col in reference_.columns:
            cache = reference_[col].reindex(codes).fillna(False).to_numpy(dtype=bool)
            caches[colonne_mois(t, secret.TOTAL)] = cache
            connus[colonne_mois(t, secret.TOTAL)] = ~cache
    m = secret.masque_territoires(table, _colonnes_mois(), _partitions_mois(), seuil=seuil,
                                  caches=caches, connus=connus)
    m.index = codes
    return m


def croisement_mois(annee: int, code: str) -> pd.DataFrame:
    """The monthly starts of territory `code` laid out as `secret.croisement` lays them (index: the months 1 to
    12 and "Total", name 'mois'; columns: the types and "Total"), counts or "secret" as the joint mask says."""
    cle = _cle(annee)
    table = _debuts_mois(*cle)
    m = _masque_mois(*cle, secret.seuil_actif())
    code = REGION if str(code).lower() == REGION.lower() else str(code)
    if code not in m.index:
        raise KeyError(f"territoire inconnu du masque des débuts par mois : {code}")
    ligne = table.loc[table["code"] == code].iloc[0]
    lignes, colonnes = [*MOIS, secret.TOTAL], [*TYPES_MOIS, secret.TOTAL]
    valeurs = [[int(ligne[colonne_mois(t, mo)]) for t in colonnes] for mo in lignes]
    cache = np.array([[bool(m.at[code, colonne_mois(t, mo)]) for t in colonnes] for mo in lignes])
    out = pd.DataFrame(np.where(cache, secret.SECRET, np.array(valeurs, dtype=object)),
                       index=pd.Index(lignes, dtype=object, name="mois"), columns=colonnes)
    return out
