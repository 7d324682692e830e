"""The extract model: what the information system (I-Milo) exports, one table per kind of fact.

It is the contract between the demonstration generator (observatoire/demo.py), the import of real
extracts and the queries: each table lists its columns with type, allowed values or range, unit,
definition and whether it is required. `schema(table)` turns it into a pandera schema (coercing to
the declared types), `dictionnaire()` into the data dictionary shown in the app.

Definitions follow the report and DARES / network usage (see the engineering guide, section 1).
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from observatoire import config

SEXES = ("F", "H")
TRANCHES_AGE = ("16-17", "18-20", "21-23", "24+")
NIVEAUX = ("sans_diplome", "cap_bep", "bac", "superieur")
LOGEMENTS = ("autonome", "parents_famille", "precaire")
DISPOSITIFS = ("GJ", "CEJ")
TYPES_SITUATION = ("emploi", "alternance", "formation")
SOUS_TYPES = {"emploi": ("CDI", "CDD", "interim"), "formation": ("region", "autre"), "alternance": ("",)}
PROVENANCES = ("démonstration", "extraits")
AGE_MIN, AGE_MAX = 16, 29
ANNEE_MIN, ANNEE_MAX = 2015, 2035
# The Contrat d'engagement jeune replaced the Garantie jeunes on this date (décret n° 2022-199).
DEBUT_CEJ = dt.date(2022, 3, 1)

# French labels of coded values, for tables and charts (the codes stay in the data).
LIBELLES = {
    "sexe": {"F": "Femmes", "H": "Hommes"},
    "tranche_age": {"16-17": "16-17 ans", "18-20": "18-20 ans", "21-23": "21-23 ans", "24+": "24 ans et plus"},
    "niveau": {"sans_diplome": "Sans diplôme", "cap_bep": "CAP/BEP", "bac": "Bac général, pro ou techno",
               "superieur": "Diplôme du supérieur"},
    "logement": {"autonome": "Logement autonome", "parents_famille": "Hébergé par les parents ou la famille",
                 "precaire": "Précarité ou situation complexe"},
    "dispositif": {"GJ": "Garantie jeunes", "CEJ": "Contrat d'engagement jeune"},
    "type": {"emploi": "Emploi (hors alternance)", "alternance": "Alternance", "formation": "Formation"},
    "sous_type": {"CDI": "CDI", "CDD": "CDD", "interim": "Intérim", "region": "Financée par la Région",
                  "autre": "Autre financement", "": "—"},
}


def tranche_de_age(age: int) -> str:
    """Age band of the report ('Répartition par âge', page Observatoire) for an age at 31 December."""
    if age <= 17:
        return "16-17"
    if age <= 20:
        return "18-20"
    if age <= 23:
        return "21-23"
    return "24+"


def tranches_de_ages(ages: pd.Series) -> pd.Series:
    """tranche_de_age over a column (missing ages give missing bands)."""
    bornes = pd.cut(ages.astype("Float64"), bins=[-1, 17, 20, 23, 200], labels=list(TRANCHES_AGE))
    return bornes.astype("str").where(ages.notna(), None)


@lru_cache(maxsize=1)
def codes_ml() -> tuple[str, ...]:
    """The 24 Missions Locales (data/sources/missions_locales.csv), source of truth for code_ml."""
    with open(config.SOURCES_DIR / "missions_locales.csv", encoding="utf-8", newline="") as f:
        return tuple(r["code_ml"] for r in csv.DictReader(f))


@dataclass(frozen=True)
class Colonne:
    nom: str
    type_sql: str            # DuckDB type of the parquet column
    type_pandas: str         # pandas dtype after validation ('date' = datetime.date objects)
    definition: str
    unite: str = ""
    valeurs: tuple[str, ...] | None = None   # allowed values (codes)
    plage: tuple[int, int] | None = None     # inclusive range for numbers
    motif: str | None = None                 # regular expression for codes
    obligatoire: bool = True                 # required column, never empty

    def dtype(self):
        return pandas_engine.Date if self.type_pandas == "date" else self.type_pandas

    def contraintes_texte(self) -> str:
        if self.valeurs is not None:
            return " | ".join(f"'{v}'" for v in self.valeurs)
        if self.plage is not None:
            return f"{self.plage[0]} à {self.plage[1]}"
        if self.motif:
            return f"motif {self.motif}"
        return ""


@dataclass(frozen=True)
class Table:
    nom: str
    libelle: str
    grain: str               # what one row is
    definition: str
    colonnes: tuple[Colonne, ...]
    cle: tuple[str, ...] = ()   # unique key, if any
    controles: tuple = field(default=())  # (message, function(df) -> bool Series) across columns

    @property
    def noms(self) -> list[str]:
        return [c.nom for c in self.colonnes]

    def colonne(self, nom: str) -> Colonne:
        return next(c for c in self.colonnes if c.nom == nom)


def _id_jeune() -> Colonne:
    return Colonne("id_jeune", "VARCHAR", "str",
                   "Identifiant pseudonyme du jeune (jamais l'identifiant I-Milo en clair) ; "
                   "relie un jeune à ses entrées en dispositif et à ses situations de la même année.",
                   motif=r"^\S{4,64}$")


def _annee() -> Colonne:
    return Colonne("annee", "INTEGER", "Int32", "Année civile observée (1er janvier – 31 décembre).",
                   "année", plage=(ANNEE_MIN, ANNEE_MAX))


def _code_ml() -> Colonne:
    return Colonne("code_ml", "VARCHAR", "str",
                   "Mission Locale qui accompagne le jeune (code de data/sources/missions_locales.csv, "
                   "département-trigramme, ex. « 14-CAE »).", valeurs=codes_ml())


def _provenance() -> Colonne:
    return Colonne("provenance", "VARCHAR", "str",
                   "Origine de la ligne : « démonstration » (générée par l'observatoire, calée sur les "
                   "totaux régionaux publiés, ne décrit aucun jeune réel) ou « extraits » (importée du "
                   "système d'information).", valeurs=PROVENANCES)


def _bool(nom: str, definition: str, obligatoire: bool = True) -> Colonne:
    return Colonne(nom, "BOOLEAN", "boolean", definition, "oui/non", obligatoire=obligatoire)


JEUNES = Table(
    "jeunes", "Jeunes accompagnés",
    "un jeune accompagné par une Mission Locale au cours d'une année",
    "Un jeune est « accompagné » une année s'il a eu au moins un entretien individuel ou une "
    "participation à un atelier ou une information collective dans l'année (usage DARES et réseau). "
    "Rapport 2022 : 50 687 jeunes accompagnés en Normandie.",
    (
        _id_jeune(),
        _annee(),
        _code_ml(),
        Colonne("commune", "VARCHAR", "str",
                "Commune de résidence (code INSEE du Code officiel géographique, 5 caractères, "
                "ex. « 14118 »), à la dernière situation connue de l'année.",
                motif=r"^(\d{5}|2[AB]\d{3})$", obligatoire=False),
        Colonne("sexe", "VARCHAR", "str",
                "Sexe déclaré. Le rapport 2022 publie 46,9 % et 53,1 % sans dire lequel est féminin : "
                "l'observatoire retient 46,9 % de femmes et 53,1 % d'hommes, appariement INCERTAIN.",
                valeurs=SEXES),
        Colonne("age", "INTEGER", "Int32",
                "Âge révolu au 31 décembre de l'année (16 à 25 ans en général, jusqu'à 29 ans pour "
                "un jeune reconnu travailleur handicapé accompagné en CEJ).",
                "ans", plage=(AGE_MIN, AGE_MAX), obligatoire=False),
        Colonne("tranche_age", "VARCHAR", "str",
                "Tranche d'âge au 31 décembre, celle du rapport (« Répartition par âge »).",
                valeurs=TRANCHES_AGE),
        Colonne("niveau", "VARCHAR", "str",
                "Niveau de qualification le plus élevé atteint : sans_diplome = aucun diplôme (niveau 3 "
                "non validé et infra, ancien « V non validé et infra ») ; cap_bep = CAP ou BEP (niveau 3) ; "
                "bac = baccalauréat général, technologique ou professionnel (niveau 4) ; superieur = "
                "diplôme de l'enseignement supérieur (niveau 5 et plus).",
                valeurs=NIVEAUX),
        _bool("qpv", "Réside dans un quartier prioritaire de la politique de la ville (QPV)."),
        _bool("zrr", "Réside dans une commune classée en zone de revitalisation rurale (ZRR)."),
        _bool("rqth", "Bénéficie d'une reconnaissance de la qualité de travailleur handicapé (RQTH)."),
        Colonne("logement", "VARCHAR", "str",
                "Situation de logement : autonome = logement autonome (locataire, propriétaire) ; "
                "parents_famille = hébergé par les parents ou la famille ; precaire = précarité ou "
                "situation complexe (hébergement d'urgence ou temporaire, foyer, sans domicile…). "
                "Vide si inconnue.",
                valeurs=LOGEMENTS, obligatoire=False),
        _bool("premier_accueil",
              "Premier accueil : le jeune a été reçu pour la première fois dans une Mission Locale "
              "cette année-là (rapport 2022 : 18 024 jeunes)."),
        _bool("sous_main_justice",
              "Jeune placé sous main de justice (JSMJ), en milieu ouvert ou fermé, accompagné dans "
              "l'année (rapport 2022 : 733 jeunes).", obligatoire=False),
        _provenance(),
    ),
    cle=("annee", "id_jeune"),
    controles=(
        ("la tranche d'âge doit correspondre à l'âge",
         lambda d: d["age"].isna() | (tranches_de_ages(d["age"]) == d["tranche_age"])),
    ),
)

ENTREES_DISPOSITIF = Table(
    "entrees_dispositif", "Entrées en Garantie jeunes et en Contrat d'engagement jeune",
    "une entrée d'un jeune dans un dispositif d'accompagnement intensif",
    "Le Contrat d'engagement jeune (CEJ) a remplacé la Garantie jeunes (GJ) le 1er mars 2022 : "
    "16-25 ans (jusqu'à 29 ans avec RQTH), 15 à 20 heures d'activités par semaine. Le rapport compte "
    "les entrées en GJ du 1er janvier au 28 février et en CEJ du 1er mars au 31 décembre 2022 "
    "(1 905 + 12 022 = 13 927) face à un seul objectif conventionné avec l'État.",
    (
        _id_jeune(),
        _annee(),
        _code_ml(),
        Colonne("dispositif", "VARCHAR", "str", "GJ = Garantie jeunes ; CEJ = Contrat d'engagement jeune.",
                valeurs=DISPOSITIFS),
        Colonne("date_entree", "DATE", "date", "Date de signature de l'entrée dans le dispositif.", "date"),
        _provenance(),
    ),
    cle=("annee", "id_jeune", "dispositif", "date_entree"),
    controles=(
        ("la date d'entrée doit tomber dans l'année",
         lambda d: pd.to_datetime(d["date_entree"]).dt.year == d["annee"]),
        ("pas d'entrée en CEJ avant le 1er mars 2022, ni en Garantie jeunes après le 28 février 2022",
         lambda d: ((d["dispositif"] == "CEJ") & (d["date_entree"] >= DEBUT_CEJ))
         | ((d["dispositif"] == "GJ") & (d["date_entree"] < DEBUT_CEJ))),
    ),
)

SITUATIONS = Table(
    "situations", "Entrées en emploi, en alternance et en formation",
    "un contrat de travail, un contrat en alternance ou une action de formation commencé dans l'année",
    "Une ligne par contrat ou action ; un jeune peut en avoir plusieurs. Rapport 2022 : 40 812 contrats "
    "de travail hors alternance pour 20 427 jeunes entrés en emploi (38 % en intérim) ; 2 578 jeunes "
    "entrés en alternance ; 8 086 actions de formation pour 6 651 jeunes, dont 4 985 financées par la Région.",
    (
        _id_jeune(),
        _annee(),
        _code_ml(),
        Colonne("type", "VARCHAR", "str",
                "emploi = contrat de travail hors alternance ; alternance = contrat d'apprentissage ou "
                "de professionnalisation ; formation = action de formation.", valeurs=TYPES_SITUATION),
        Colonne("sous_type", "VARCHAR", "str",
                "Précision selon le type : emploi → 'CDI', 'CDD' ou 'interim' (travail temporaire) ; "
                "formation → 'region' (financée par la Région) ou 'autre' ; alternance → '' (vide).",
                valeurs=tuple(dict.fromkeys(v for vs in SOUS_TYPES.values() for v in vs))),
        Colonne("date_debut", "DATE", "date", "Date de début du contrat ou de l'action.", "date"),
        _provenance(),
    ),
    controles=(
        ("le sous-type doit correspondre au type",
         lambda d: pd.Series([s in SOUS_TYPES.get(t, ()) for t, s in zip(d["type"], d["sous_type"])],
                             index=d.index)),
        ("la date de début doit tomber dans l'année",
         lambda d: pd.to_datetime(d["date_debut"]).dt.year == d["annee"]),
    ),
)

OBJECTIFS_CEJ = Table(
    "objectifs_cej", "Objectifs d'entrées en CEJ fixés par l'État",
    "l'objectif d'entrées d'une Mission Locale pour une année",
    "Objectif d'entrées en Garantie jeunes puis CEJ conventionné avec l'État pour chaque Mission Locale "
    "(rapport 2022 : 12 952 pour la Normandie, 108 % de réalisation).",
    (
        _annee(),
        _code_ml(),
        Colonne("objectif", "INTEGER", "Int32", "Nombre d'entrées attendues dans l'année.", "jeunes",
                plage=(0, 100_000)),
        _provenance(),
    ),
    cle=("annee", "code_ml"),
)

TABLES: dict[str, Table] = {t.nom: t for t in (JEUNES, ENTREES_DISPOSITIF, SITUATIONS, OBJECTIFS_CEJ)}


def _checks(c: Colonne) -> list[pa.Check]:
    checks = []
    if c.valeurs is not None:
        checks.append(pa.Check.isin(list(c.valeurs)))
    if c.plage is not None:
        checks.append(pa.Check.in_range(*c.plage))
    if c.motif:
        checks.append(pa.Check.str_matches(c.motif))
    return checks


def schema(table: str) -> pa.DataFrameSchema:
    """pandera schema of an extract table: declared columns only (strict), coerced to their types."""
    t = TABLES[table]
    colonnes = {
        c.nom: pa.Column(c.dtype(), checks=_checks(c), nullable=not c.obligatoire, required=True,
                         coerce=True, description=c.definition, title=c.nom)
        for c in t.colonnes
    }
    checks = [pa.Check(fn, error=msg) for msg, fn in t.controles]
    return pa.DataFrameSchema(colonnes, checks=checks, unique=list(t.cle) or None, strict=True,
                              ordered=False, name=t.nom, description=t.definition)


def dictionnaire() -> pd.DataFrame:
    """The data dictionary, one row per column of every table, in French, for display and export."""
    lignes = []
    for t in TABLES.values():
        for c in t.colonnes:
            lignes.append({
                "Table": t.nom,
                "Colonne": c.nom,
                "Type": c.type_sql,
                "Valeurs permises": c.contraintes_texte(),
                "Unité": c.unite,
                "Obligatoire": "oui" if c.obligatoire else "non (peut être vide)",
                "Définition": c.definition,
            })
    return pd.DataFrame(lignes)


def tables_texte() -> pd.DataFrame:
    """One row per table: what a row is and what the table means."""
    return pd.DataFrame([{"Table": t.nom, "Libellé": t.libelle, "Une ligne =": t.grain,
                          "Définition": t.definition, "Clé unique": ", ".join(t.cle)}
                         for t in TABLES.values()])
