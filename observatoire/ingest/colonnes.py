"""What the import understands of the files people export: column names, values, and how each
cell becomes a value of the extract model (observatoire/modele.py).

The model says what a column holds; this module only adds how people write it: synonyms of column
headers and of coded values, booleans, numbers with a decimal comma, French dates. Every synonym here is
listed in docs/IMPORT.md (tests/test_ingest_doc.py checks the two agree).

Headers and values are compared through `cle()`: case, accents, spaces, underscores, hyphens and
punctuation do not matter ("Tranche d'âge" = "tranche_age" = "TRANCHE AGE").
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from observatoire import config, modele

# ---------------------------------------------------------------------------------------------------
# Normalisation


def cle(texte: str) -> str:
    """Comparison key: lower case, no accents, only letters, digits and '+' ('24+' stays apart from '24')."""
    texte = texte.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    texte = unicodedata.normalize("NFKD", texte)
    texte = "".join(c for c in texte if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9+]", "", texte)


# ---------------------------------------------------------------------------------------------------
# Column headers. The model's own name is always accepted; these are the other spellings.

SYNONYMES_COLONNES: dict[str, tuple[str, ...]] = {
    "id_jeune": ("Identifiant jeune", "Identifiant", "ID", "ID jeune", "Identifiant pseudonyme",
                 "N° jeune", "Numéro jeune", "Numéro de dossier"),
    "annee": ("Année", "Exercice", "Année d'accompagnement", "Année civile"),
    "code_ml": ("Code ML", "Structure", "Code structure", "Mission Locale", "ML", "Code Mission Locale"),
    "commune": ("Commune de résidence", "Code INSEE", "Code commune", "Code INSEE commune",
                "Code INSEE de résidence", "INSEE", "Commune"),
    "sexe": ("Sexe", "Genre", "Civilité"),
    "age": ("Âge", "Âge au 31/12", "Âge au 31 décembre", "Âge en fin d'année"),
    "tranche_age": ("Tranche d'âge", "Tranche âge", "Classe d'âge"),
    "niveau": ("Niveau de qualification", "Niveau", "Niveau de formation", "Niveau scolaire",
               "Niveau d'études", "Diplôme", "Niveau de diplôme"),
    "qpv": ("QPV", "Résident QPV", "Quartier prioritaire", "Habite en QPV"),
    "zrr": ("ZRR", "Résident ZRR", "Zone de revitalisation rurale", "Habite en ZRR"),
    "rqth": ("RQTH", "Travailleur handicapé", "Reconnaissance travailleur handicapé"),
    "logement": ("Logement", "Situation de logement", "Hébergement", "Mode de logement"),
    "premier_accueil": ("Premier accueil", "1er accueil", "Primo-accueil", "Nouvel accueil"),
    "sous_main_justice": ("Sous main de justice", "JSMJ", "PPSMJ", "Justice"),
    "dispositif": ("Dispositif", "Programme", "Type de dispositif"),
    "date_entree": ("Date d'entrée", "Date entrée", "Date d'entrée dispositif", "Date de signature",
                    "Date d'entrée en dispositif"),
    "type": ("Type", "Type de situation", "Situation", "Nature"),
    "sous_type": ("Sous-type", "Type de contrat", "Précision", "Financement", "Détail"),
    "date_debut": ("Date de début", "Date début", "Début", "Date de début de contrat",
                   "Date de début de situation"),
    "objectif": ("Objectif", "Objectif CEJ", "Objectif État", "Objectif d'entrées", "Objectif annuel"),
}

# Sheet names of a workbook that designate a table (besides the table's own name).
SYNONYMES_FEUILLES: dict[str, tuple[str, ...]] = {
    "jeunes": ("Jeunes", "Jeunes accompagnés"),
    "entrees_dispositif": ("Entrées", "Entrées dispositif", "Entrées en dispositif", "Entrées GJ CEJ"),
    "situations": ("Situations", "Emploi alternance formation"),
    "objectifs_cej": ("Objectifs", "Objectifs CEJ"),
}

# Columns that are not read from the file but added by the import.
COLONNES_AJOUTEES = ("provenance",)
PROVENANCE_IMPORT = "extraits"


@lru_cache(maxsize=1)
def _index_colonnes() -> dict[str, str]:
    index: dict[str, str] = {}
    for nom in {c.nom for t in modele.TABLES.values() for c in t.colonnes} - set(COLONNES_AJOUTEES):
        for forme in (nom, *SYNONYMES_COLONNES.get(nom, ())):
            k = cle(forme)
            if index.get(k, nom) != nom:
                raise AssertionError(f"synonyme ambigu : {forme!r}")
            index[k] = nom
    return index


def colonne_du_modele(entete: str) -> str | None:
    """Model column a header designates, or None."""
    return _index_colonnes().get(cle(entete))


def formes_des_titres() -> list[str]:
    """Every header spelling the import knows: the model's column names and their synonyms."""
    noms = {c.nom for t in modele.TABLES.values() for c in t.colonnes} - set(COLONNES_AJOUTEES)
    return [forme for nom in sorted(noms) for forme in (nom, *SYNONYMES_COLONNES.get(nom, ()))]


# A year before or after a sheet's name does not change the table it designates: « jeunes_2023 », « 2023 Jeunes ».
_ANNEE_DE_FEUILLE = re.compile(r"^(?:(?:19|20)\d\d)?(.+?)(?:(?:19|20)\d\d)?$")


def table_de_feuille(nom_feuille: str) -> str | None:
    """The table a sheet's name designates (the table's name or a synonym, compared through cle(), with or
    without a year before or after it), or None."""
    k = cle(nom_feuille)
    m = _ANNEE_DE_FEUILLE.match(k)
    for table, noms in SYNONYMES_FEUILLES.items():
        formes = {cle(table), *map(cle, noms)}
        if k in formes or (m and m.group(1) in formes):
            return table
    return None


def colonnes_lues(table: str) -> list[str]:
    """Columns of a table that come from the file."""
    return [c for c in modele.TABLES[table].noms if c not in COLONNES_AJOUTEES]


def colonnes_distinctives(table: str) -> set[str]:
    """Columns only this table has: they tell which table a file is."""
    autres = {c for t, d in modele.TABLES.items() if t != table for c in d.noms}
    return set(modele.TABLES[table].noms) - autres


# ---------------------------------------------------------------------------------------------------
# Coded values: the model's code, then the spellings found in exports.

SYNONYMES_VALEURS: dict[str, dict[str, tuple[str, ...]]] = {
    "sexe": {
        "F": ("Femme", "Féminin", "Fille", "Madame", "Mme", "Mademoiselle", "Mlle"),
        "H": ("Homme", "Masculin", "M", "Garçon", "Monsieur"),
    },
    "tranche_age": {
        "16-17": ("16-17 ans", "16 à 17 ans", "Moins de 18 ans"),
        "18-20": ("18-20 ans", "18 à 20 ans"),
        "21-23": ("21-23 ans", "21 à 23 ans"),
        "24+": ("24 ans et plus", "24 ans ou plus", "24 et plus", "Plus de 23 ans"),
    },
    "niveau": {
        "sans_diplome": ("Sans diplôme", "Aucun diplôme", "Infra 3", "Infra niveau 3", "Niveau 3 non validé",
                         "Infra V", "Niveau V non validé", "Niveau Vbis", "Niveau V bis", "Niveau VI",
                         "Niveau 1", "Niveau 2"),
        "cap_bep": ("CAP/BEP", "CAP-BEP", "CAP", "BEP", "CAP ou BEP", "Niveau 3", "Niveau V"),
        "bac": ("Bac", "Baccalauréat", "Niveau bac", "Bac général", "Bac professionnel", "Bac pro",
                "Bac technologique", "Niveau 4", "Niveau IV"),
        "superieur": ("Supérieur", "Diplôme du supérieur", "Supérieur au bac", "Bac+2", "Bac+3",
                      "Bac+5", "BTS", "DUT", "Licence", "Master", "Doctorat", "Niveau 5", "Niveau 6", "Niveau 7",
                      "Niveau 8", "Niveau III", "Niveau II", "Niveau I"),
    },
    "logement": {
        "autonome": ("Autonome", "Logement autonome", "Locataire", "Propriétaire"),
        "parents_famille": ("Parents", "Famille", "Parents ou famille", "Parents/famille", "Chez les parents",
                            "Hébergé par les parents", "Hébergé par la famille",
                            "Hébergé par les parents ou la famille"),
        "precaire": ("Précaire", "Précarité", "Logement précaire", "Précarité ou situation complexe",
                     "Hébergement d'urgence", "Hébergement temporaire", "Foyer", "Sans domicile",
                     "Sans domicile fixe", "SDF"),
    },
    "dispositif": {
        "GJ": ("Garantie jeunes", "Garantie jeune"),
        "CEJ": ("Contrat d'engagement jeune", "Contrat engagement jeune"),
    },
    "type": {
        "emploi": ("Emploi", "Emploi hors alternance", "Contrat de travail"),
        "alternance": ("Alternance", "Contrat en alternance", "Apprentissage", "Contrat d'apprentissage",
                       "Contrat de professionnalisation"),
        "formation": ("Formation", "Action de formation"),
    },
    "sous_type": {
        "CDI": (),
        "CDD": (),
        "interim": ("Intérim", "Travail temporaire", "Mission d'intérim", "CTT"),
        "region": ("Région", "Financée par la Région", "Formation Région", "Conseil régional"),
        "autre": ("Autre", "Autre financement"),
        "": ("Sans objet", "-", "—"),
    },
}

# What a sub-type may be for each type, said to the user (the model's SOUS_TYPES).
SOUS_TYPES_ATTENDUS = {
    "emploi": "pour un emploi : « CDI », « CDD » ou « interim »",
    "formation": "pour une formation : « region » ou « autre »",
    "alternance": "pour une alternance : une cellule vide",
}

VRAI = ("Oui", "O", "1", "Vrai", "True", "Yes", "Y")
FAUX = ("Non", "N", "0", "Faux", "False", "No")

# A cell starting with one of these would be run as a formula by a spreadsheet (CSV/formula injection).
DEBUTS_FORMULE = ("=", "+", "-", "@", "\t", "\r")

FORMATS_DATE = "AAAA-MM-JJ (2023-03-01) ou JJ/MM/AAAA (01/03/2023)"


@dataclass(frozen=True)
class Conversion:
    """What one distinct cell text becomes: a value (as text, cast by SQL) or a problem."""
    valeur: str | None
    probleme: str | None = None     # key of PROBLEMES (observatoire/ingest/rapport.py)
    attendu: str | None = None


VIDE = Conversion(None)


def _est_formule(texte: str) -> bool:
    return texte.startswith(DEBUTS_FORMULE)


def _liste(valeurs) -> str:
    return ", ".join(f"« {v} »" for v in valeurs)


@lru_cache(maxsize=None)
def _index_valeurs(colonne: str) -> dict[str, str]:
    index = {}
    for code, synonymes in SYNONYMES_VALEURS[colonne].items():
        for forme in (code, *synonymes):
            index[cle(forme)] = code
    return index


def _attendu_valeurs(colonne: str) -> str:
    codes = [v for v in SYNONYMES_VALEURS[colonne] if v]
    return f"une des valeurs {_liste(codes)} (ou un synonyme : voir docs/IMPORT.md)"


def _obligatoire(colonne: modele.Colonne) -> Conversion:
    if colonne.obligatoire:
        return Conversion(None, "cellule_vide", "une valeur (cellule obligatoire)")
    return VIDE


def convertir_code(colonne: modele.Colonne, texte: str | None) -> Conversion:
    """Enumerated column (sexe, niveau…): model code or documented synonym."""
    if texte is None or not texte.strip():
        if colonne.nom == "sous_type":
            return Conversion("")   # alternance has no sub-type: an empty cell is the model's ''
        return _obligatoire(colonne)
    texte = texte.strip()
    if _est_formule(texte) and texte not in SYNONYMES_VALEURS[colonne.nom].get("", ()):
        return Conversion(None, "formule", _attendu_valeurs(colonne.nom))
    k = cle(texte)
    code = _index_valeurs(colonne.nom).get(k)
    if code is None or (k == "" and texte not in SYNONYMES_VALEURS[colonne.nom].get("", ())):
        return Conversion(None, "valeur", _attendu_valeurs(colonne.nom))
    return Conversion(code)


_VRAI = {cle(v) for v in VRAI}
_FAUX = {cle(v) for v in FAUX}


def convertir_booleen(colonne: modele.Colonne, texte: str | None) -> Conversion:
    if texte is None or not texte.strip():
        return _obligatoire(colonne)
    texte = texte.strip()
    if _est_formule(texte):
        return Conversion(None, "formule", "Oui ou Non")
    k = cle(texte)
    if k in _VRAI:
        return Conversion("true")
    if k in _FAUX:
        return Conversion("false")
    return Conversion(None, "booleen", f"Oui ou Non ({' / '.join(VRAI)} ; {' / '.join(FAUX)})")


_NOMBRE = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_ESPACES = re.compile(r"[\s\u00a0\u202f']")


def convertir_entier(colonne: modele.Colonne, texte: str | None) -> Conversion:
    """Whole number; accepts a decimal comma or point ("17,0") and thousands spaces ("1 234"). A cell that
    starts like a formula (=, +, @) is refused as one, as docs/IMPORT.md says of value columns; one that starts
    with « - » is a negative number when it is a number (refused: no count or age is negative), a formula
    otherwise."""
    if texte is None or not texte.strip():
        return _obligatoire(colonne)
    bas, haut = colonne.plage or (None, None)
    plage = f"de {bas} à {haut}" if colonne.plage else ""
    attendu = f"un nombre entier {plage}".strip()
    brut = _ESPACES.sub("", texte)
    if texte.strip().startswith(("=", "+", "@")):
        return Conversion(None, "formule", attendu)
    if not _NOMBRE.match(brut):
        return Conversion(None, "formule" if brut.startswith("-") else "type", attendu)
    nombre = float(brut.replace(",", "."))
    if not nombre.is_integer():
        return Conversion(None, "type", attendu)
    n = int(nombre)
    refus = _hors_limites(colonne, brut, n)
    return Conversion(None, refus, attendu) if refus else Conversion(str(n))


def _hors_limites(colonne: modele.Colonne, brut: str, n: int) -> str | None:
    """'negatif' or 'plage' when the whole number `n` (written `brut`) is outside what the column allows."""
    bas, haut = colonne.plage or (None, None)
    if brut.startswith("-") and (bas is None or bas >= 0):
        return "negatif"
    if colonne.plage and not bas <= n <= haut:
        return "plage"
    return None


_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_DATE_FR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: 00:00(?::00)?)?$")


def convertir_date(colonne: modele.Colonne, texte: str | None) -> Conversion:
    if texte is None or not texte.strip():
        return _obligatoire(colonne)
    texte = texte.strip()
    if m := _DATE_ISO.match(texte):
        a, mo, j = m.groups()
    elif m := _DATE_FR.match(texte):
        j, mo, a = m.groups()
    else:
        return Conversion(None, "formule" if _est_formule(texte) else "date", f"une date {FORMATS_DATE}")
    try:
        return Conversion(dt.date(int(a), int(mo), int(j)).isoformat())
    except ValueError:
        return Conversion(None, "date", f"une date qui existe, {FORMATS_DATE}")


# ---------------------------------------------------------------------------------------------------
# Reference codes: Missions Locales and communes.

@lru_cache(maxsize=1)
def _missions_locales() -> dict[str, str]:
    """Comparison key of a code or a name -> code_ml."""
    index = {}
    with open(config.SOURCES_DIR / "missions_locales.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            index[cle(r["code_ml"])] = r["code_ml"]
            index[cle(r["nom"])] = r["code_ml"]
    return index


def convertir_code_ml(colonne: modele.Colonne, texte: str | None) -> Conversion:
    if texte is None or not texte.strip():
        return _obligatoire(colonne)
    texte = texte.strip()
    attendu = (f"un des {len(modele.codes_ml())} codes de Mission Locale de data/sources/missions_locales.csv "
               f"(ex. « {modele.codes_ml()[0]} ») ou le nom exact de la Mission Locale")
    if _est_formule(texte):
        return Conversion(None, "formule", attendu)
    code = _missions_locales().get(cle(texte))
    if code is None:
        return Conversion(None, "ml_inconnue", attendu)
    return Conversion(code)


@dataclass(frozen=True)
class Communes:
    codes: frozenset[str]
    par_nom: dict[str, tuple[str, ...]]
    source: str


def charger_communes(build_dir: Path | None = None) -> Communes | None:
    """The communes of Normandy (geography build step), or None when not built yet."""
    import pandas as pd

    build_dir = build_dir or config.BUILD_DIR
    parquet = build_dir / "communes.parquet"
    csv_geo = config.GEO_DIR / "communes.csv"
    if parquet.exists():
        df, source = pd.read_parquet(parquet, columns=["code_commune", "nom"]), "data/build/communes.parquet"
    elif csv_geo.exists():
        df = pd.read_csv(csv_geo, dtype=str, usecols=["code_commune", "nom"], keep_default_na=False)
        source = "geo/communes.csv"
    else:
        return None
    par_nom: dict[str, list[str]] = {}
    for code, nom in zip(df["code_commune"], df["nom"]):
        par_nom.setdefault(cle(nom), []).append(str(code))
    return Communes(frozenset(map(str, df["code_commune"])), {k: tuple(v) for k, v in par_nom.items()}, source)


def convertir_commune(colonne: modele.Colonne, texte: str | None, communes: Communes | None) -> Conversion:
    """INSEE code of a commune of Normandy; a commune name is accepted when only one commune bears it."""
    if texte is None or not texte.strip():
        return _obligatoire(colonne)
    texte = texte.strip()
    attendu = "le code INSEE d'une commune de Normandie (5 chiffres, ex. « 14118 » pour Caen ; pas le code postal)"
    if _est_formule(texte):
        return Conversion(None, "formule", attendu)
    if re.fullmatch(r"\d{5}|2[AB]\d{3}", texte):
        if communes is not None and texte not in communes.codes:
            return Conversion(None, "commune_inconnue", attendu)
        return Conversion(texte)
    if communes is None:
        return Conversion(None, "type", attendu)
    return _commune_par_nom(texte, communes, attendu)


def _commune_par_nom(texte: str, communes: Communes, attendu: str) -> Conversion:
    """The commune of that name, when only one commune bears it."""
    codes = communes.par_nom.get(cle(texte), ())
    if len(codes) == 1:
        return Conversion(codes[0])
    if len(codes) > 1:
        return Conversion(None, "commune_ambigue",
                          f"le code INSEE : {len(codes)} communes portent ce nom ({', '.join(codes)})")
    return Conversion(None, "commune_inconnue", attendu)


def convertisseur(colonne: modele.Colonne, communes: Communes | None):
    """The function turning a cell's text into the column's value, for every column read from files
    except id_jeune (checked in SQL: there is one distinct value per row)."""
    if colonne.nom in SYNONYMES_VALEURS:
        return lambda t: convertir_code(colonne, t)
    if colonne.nom == "code_ml":
        return lambda t: convertir_code_ml(colonne, t)
    if colonne.nom == "commune":
        return lambda t: convertir_commune(colonne, t, communes)
    if colonne.type_sql == "BOOLEAN":
        return lambda t: convertir_booleen(colonne, t)
    if colonne.type_sql == "INTEGER":
        return lambda t: convertir_entier(colonne, t)
    if colonne.type_sql == "DATE":
        return lambda t: convertir_date(colonne, t)
    raise AssertionError(f"colonne sans conversion : {colonne.nom}")
