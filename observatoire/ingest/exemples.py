"""Synthetic extracts as an information system would export them (French headers, "Oui"/"Non",
"Femme"/"Homme", dates JJ/MM/AAAA), deterministic for a given seed. Used by the tests of the import
and by bench/ingest.py; never by the app. The rows are valid for the model: a test spoils one cell."""
from __future__ import annotations

import csv
import random
from pathlib import Path

from observatoire import modele
from observatoire.ingest.colonnes import charger_communes

ENTETES = {
    "jeunes": ["Identifiant jeune", "Année", "Code ML", "Commune de résidence", "Sexe", "Âge", "Tranche d'âge",
               "Niveau de qualification", "QPV", "ZRR", "RQTH", "Logement", "Premier accueil",
               "Sous main de justice"],
    "entrees_dispositif": ["Identifiant jeune", "Année", "Code ML", "Dispositif", "Date d'entrée"],
    "situations": ["Identifiant jeune", "Année", "Code ML", "Type", "Sous-type", "Date de début"],
    "objectifs_cej": ["Année", "Code ML", "Objectif"],
}
_NIVEAUX = ["Sans diplôme", "CAP/BEP", "Bac", "Supérieur"]
_LOGEMENTS = ["Logement autonome", "Chez les parents", "Précaire", ""]


def _communes() -> list[str]:
    communes = charger_communes()
    return sorted(communes.codes) if communes else ["14118", "76540", "50129", "61001", "27229"]


def lignes(table: str, n: int, annee: int = 2023, seed: int = 1) -> list[list[str]]:
    """n valid data rows of a table, as text cells in the order of ENTETES[table]."""
    return list(iter_lignes(table, n, annee, seed))


def iter_lignes(table: str, n: int, annee: int = 2023, seed: int = 1):
    alea = random.Random(seed)
    codes_ml = modele.codes_ml()
    if table == "objectifs_cej":
        for code in codes_ml[:n]:
            yield [str(annee), code, str(alea.randint(150, 1500))]
        return
    communes = _communes() if table == "jeunes" else []
    for i in range(n):
        ident = f"J{seed:02d}{i:08d}"
        ml = codes_ml[alea.randrange(len(codes_ml))]
        if table == "jeunes":
            age = alea.randint(16, 25)
            oui_non = ["Oui" if alea.random() < p else "Non" for p in (0.15, 0.2, 0.05, 0.35, 0.02)]
            yield [ident, str(annee), ml, communes[alea.randrange(len(communes))], alea.choice(("Femme", "Homme")),
                   str(age), modele.tranche_de_age(age), alea.choice(_NIVEAUX), oui_non[0], oui_non[1], oui_non[2],
                   alea.choice(_LOGEMENTS), oui_non[3], oui_non[4]]
        elif table == "entrees_dispositif":
            jour = alea.randint(60, 360) if annee == 2022 else alea.randint(0, 360)
            date = _date(annee, jour)
            yield [ident, str(annee), ml, "CEJ", date.strftime("%d/%m/%Y")]
        elif table == "situations":
            type_, sous = alea.choice([("Emploi", "CDD"), ("Emploi", "Intérim"), ("Emploi", "CDI"),
                                       ("Alternance", ""), ("Formation", "Région"), ("Formation", "Autre")])
            yield [ident, str(annee), ml, type_, sous, _date(annee, alea.randint(0, 360)).strftime("%d/%m/%Y")]
        else:
            raise KeyError(table)


def _date(annee: int, jour: int):
    import datetime as dt
    return dt.date(annee, 1, 1) + dt.timedelta(days=jour)


def ecrire_csv(chemin: Path, entetes: list[str], rangees, sep: str = ";", encodage: str = "utf-8-sig") -> Path:
    """Writes rows as Excel's « CSV UTF-8 (délimité par des points-virgules) » does (BOM, ';', CRLF)."""
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with open(chemin, "w", encoding=encodage, newline="") as f:
        ecrivain = csv.writer(f, delimiter=sep, lineterminator="\r\n")
        ecrivain.writerow(entetes)
        ecrivain.writerows(rangees)
    return chemin


def ecrire_xlsx(chemin: Path, feuilles: dict[str, tuple[list[str], list[list]]]) -> Path:
    """A workbook, one sheet per entry: name -> (headers, rows)."""
    import openpyxl

    classeur = openpyxl.Workbook()
    classeur.remove(classeur.active)
    for nom, (entetes, rangees) in feuilles.items():
        ws = classeur.create_sheet(nom)
        ws.append(entetes)
        for r in rangees:
            ws.append(r)
    classeur.save(chemin)
    return Path(chemin)
