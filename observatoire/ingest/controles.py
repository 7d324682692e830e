"""The checks of a staged file across cells and rows (observatoire/ingest/validation.py runs them), in SQL
over DuckDB tables: `brut` (the staged text, one column per model column found, `_ligne`) and `type` (the
typed rows). Every failing row is found with its line number, counted by kind, the first ten shown.

SQL here is assembled only from the model's column names (fixed identifiers, checked by `_id`), never from the
file's content; every value travels as a bound parameter or inside a registered table.
"""
from __future__ import annotations

import re

import pandas as pd

from observatoire import formats, modele
from observatoire.ingest.colonnes import SOUS_TYPES_ATTENDUS, Communes
from observatoire.ingest.lecture import DERIVABLES, Lecture
from observatoire.ingest.rapport import NB_EXEMPLES, Exemple, Probleme

# How a duplicate of each table's key (modele.Table.cle) is said: (what repeats, what must be unique).
LIBELLES_CLE = {
    "jeunes": ("même identifiant la même année", "jeune et par année"),
    "entrees_dispositif": ("même jeune, même dispositif et même date d'entrée",
                           "entrée (jeune, dispositif, date)"),
    "objectifs_cej": ("même Mission Locale la même année", "Mission Locale et par année"),
}
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
_CODE_TRANCHE = re.compile(r"^[0-9]+(-[0-9]+|\+)$")


def macro_tranche_age() -> str:
    """The DuckDB macro `tranche_age_de(age)`: the band of an age (NULL for NULL), written from the bands' one
    definition (modele.BORNES_TRANCHES_AGE, as modele.tranche_de_age reads it). Its values are the model's
    constants (whole numbers, codes checked here), never a file's content."""
    quand, dernier = [], None
    for code, haut in modele.BORNES_TRANCHES_AGE.items():
        if not _CODE_TRANCHE.match(code):
            raise AssertionError(f"code de tranche inattendu : {code!r}")
        if haut is None:
            dernier = code
        else:
            quand.append(f"WHEN age <= {int(haut)} THEN '{code}'")
    return (f"CREATE OR REPLACE MACRO tranche_age_de(age) AS CASE WHEN age IS NULL THEN NULL {' '.join(quand)} "
            f"ELSE '{dernier}' END")


def _id(nom: str) -> str:
    """A model column name as an SQL identifier (only model names ever reach SQL)."""
    if not _IDENT.match(nom):
        raise AssertionError(f"identifiant inattendu : {nom!r}")
    return f'"{nom}"'


class Controles:
    """A staged file's state in DuckDB, its problems, and the checks across cells and rows."""

    def __init__(self, con, lecture: Lecture, annee: int | None, communes: Communes | None):
        self.con = con
        self.lecture = lecture
        self.table = modele.TABLES[lecture.table]
        self.annee_option = annee
        self.communes = communes
        self.problemes: list[Probleme] = []
        self.lues = [c for c in lecture.colonnes]          # model columns present in the file

    # -- helpers ----------------------------------------------------------------------------------
    def etiquette(self, colonne: str) -> str:
        return self.lecture.colonnes.get(colonne, f"« {colonne} »")

    def bruts(self, colonne: str, lignes: list[int]) -> dict[int, str | None]:
        if colonne not in self.lues or not lignes:
            return {}
        rows = self.con.execute(f"SELECT _ligne, {_id(colonne)} FROM brut WHERE _ligne IN (SELECT unnest($l))",
                                {"l": lignes}).fetchall()
        return dict(rows)

    def controle(self, code: str, colonne: str, sql: str, params: dict | None = None, message: str | None = None):
        """`sql` selects failing rows of `type` as (_ligne, precision, attendu); adds one problem if any."""
        rows = self.con.execute(f"SELECT count(*) OVER () AS n, * FROM ({sql}) ORDER BY _ligne LIMIT {NB_EXEMPLES}",
                                params or {}).fetchall()
        if not rows:
            return
        valeurs = self.bruts(colonne, [r[1] for r in rows])
        exemples = [Exemple(r[1], self.etiquette(colonne), valeurs.get(r[1]), r[3], r[2]) for r in rows]
        self.problemes.append(Probleme(code, rows[0][0], exemples, message))

    # -- steps ------------------------------------------------------------------------------------
    def controler_identifiants(self):
        if "id_jeune" not in self.lues:
            return
        colonne = "id_jeune"
        self.controle("cellule_vide", colonne, "SELECT _ligne, NULL, 'un identifiant (cellule obligatoire)' "
                      "FROM brut WHERE id_jeune IS NULL OR trim(id_jeune) = ''")
        self.controle("formule", colonne, "SELECT _ligne, NULL, 'un identifiant pseudonyme, pas une formule' "
                      "FROM brut WHERE regexp_matches(trim(id_jeune), '^[=+\\-@]')")
        self.controle("identifiant", colonne, "SELECT _ligne, NULL, '4 à 64 caractères sans espace' FROM brut "
                      "WHERE trim(id_jeune) <> '' AND NOT regexp_matches(trim(id_jeune), '^[=+\\-@]') "
                      "AND NOT regexp_matches(trim(id_jeune), '^[^\\s\\x00-\\x1f\\x7f]{4,64}$')")

    def controler_annee(self) -> int | None:
        annees = self.con.execute("SELECT annee, count(*) FROM type WHERE annee IS NOT NULL GROUP BY annee "
                                  "ORDER BY count(*) DESC, annee").fetchall()
        comptes = ", ".join(f"{a} : {formats.nombre(n)} ligne{'s' if n > 1 else ''}" for a, n in annees)
        if self.annee_option is not None and any(a != self.annee_option for a, _ in annees):
            self.controle("annee_differente", "annee",
                          "SELECT _ligne, NULL, 'l''année ' || $annee || ' (option --annee)' "
                          "FROM type WHERE annee <> $annee",
                          {"annee": self.annee_option}, message=f"années lues : {comptes}")
            return None
        if len(annees) > 1:
            principale = annees[0][0]
            self.controle("annees_melangees", "annee",
                          "SELECT _ligne, NULL, 'une seule année par fichier (ici surtout ' || $annee || ')' "
                          "FROM type WHERE annee <> $annee", {"annee": principale},
                          message=f"années lues : {comptes}")
            return None
        return annees[0][0] if annees else self.annee_option

    def controler_lignes(self):
        """Checks across the cells of a row, and across rows (the table's key)."""
        self._controler_derivees()
        self._controler_dates()
        self._controler_tranche()
        self._controler_sous_types()
        self._controler_dispositif()
        self._controler_cle()

    def _controler_derivees(self):
        for derivee, source in DERIVABLES.items():
            if derivee in self.table.noms and self.table.colonne(derivee).obligatoire:
                # Empty only when both cells are: a cell that holds a wrong value (already reported as such)
                # is never called empty.
                vides = " AND ".join(f"trim(coalesce({_id(c)}, '')) = ''" for c in (derivee, source) if c in self.lues)
                self.controle("cellule_vide", derivee if derivee in self.lues else source, f"""
                    SELECT _ligne, NULL, $attendu FROM brut
                    WHERE {vides} AND _ligne IN (SELECT _ligne FROM type WHERE {_id(derivee)} IS NULL)""",
                              {"attendu": f"une valeur dans « {derivee} » ou dans « {source} », dont elle se déduit"})

    def _controler_dates(self):
        for date in ("date_entree", "date_debut"):
            if date in self.table.noms:
                self.controle("date_hors_annee", date, f"""
                    SELECT _ligne, 'année ' || annee, 'une date du 01/01/' || annee || ' au 31/12/' || annee
                    FROM type WHERE year({_id(date)}) <> annee""")

    def _controler_tranche(self):
        if {"age", "tranche_age"} <= set(self.lues):
            self.controle("incoherence", "tranche_age", """
                SELECT _ligne, 'âge ' || age || ' ans', '« ' || tranche_age_de(age) || ' » pour cet âge'
                FROM type WHERE age IS NOT NULL AND tranche_age IS NOT NULL AND tranche_age <> tranche_age_de(age)""")

    def _controler_sous_types(self):
        if {"type", "sous_type"} <= set(self.table.noms):
            permis = [{"type": t, "sous_type": s, "attendu": SOUS_TYPES_ATTENDUS[t]}
                      for t, sous in modele.SOUS_TYPES.items() for s in sous]
            self.con.register("sous_types_permis", pd.DataFrame(permis))
            self.controle("incoherence", "sous_type", """
                SELECT t._ligne, 'type « ' || t.type || ' »', a.attendu
                FROM type t
                JOIN (SELECT DISTINCT type, attendu FROM sous_types_permis) a ON a.type = t.type
                ANTI JOIN sous_types_permis p ON p.type = t.type AND p.sous_type = t.sous_type
                WHERE t.sous_type IS NOT NULL""")

    def _controler_dispositif(self):
        if {"dispositif", "date_entree"} <= set(self.table.noms):
            self.controle("incoherence", "dispositif", """
                SELECT _ligne, 'entrée le ' || strftime(date_entree, '%d/%m/%Y'),
                       'GJ avant le 1er mars 2022, CEJ à partir du 1er mars 2022'
                FROM type
                WHERE (dispositif = 'CEJ' AND date_entree < $debut) OR (dispositif = 'GJ' AND date_entree >= $debut)""",
                          {"debut": modele.DEBUT_CEJ})

    def _controler_cle(self):
        if not self.table.cle:
            return
        cle = list(self.table.cle)
        colonne = "id_jeune" if "id_jeune" in cle else cle[-1]
        partition = ", ".join(_id(c) for c in cle)
        non_nulles = " AND ".join(f"{_id(c)} IS NOT NULL" for c in cle)
        libelle = LIBELLES_CLE[self.table.nom]
        self.controle("doublon", colonne, f"""
            SELECT _ligne, $libelle || ' qu''à la ligne ' || premiere, 'une seule ligne par ' || $unique
            FROM (SELECT _ligne, min(_ligne) OVER (PARTITION BY {partition}) AS premiere FROM type WHERE {non_nulles})
            WHERE _ligne <> premiere""", {"libelle": libelle[0], "unique": libelle[1]})

    def controler_total(self, nb_lignes: int):
        lecture = self.lecture
        if lecture.ligne_total is None:
            return
        cellule_objectif = (lecture.total_cellules.get("objectif") or "").strip()
        if "objectif" in self.lues and cellule_objectif:
            somme = self.con.execute("SELECT coalesce(sum(objectif), 0) FROM type").fetchone()[0]
            annonce = re.sub(r"[\s\u00a0\u202f]", "", cellule_objectif)
            if annonce != str(somme):
                self.problemes.append(Probleme("total_incorrect", 1, [Exemple(
                    lecture.ligne_total, self.etiquette("objectif"), cellule_objectif,
                    f"la somme des objectifs lus, {formats.nombre(somme)}", "ligne de total")]))
            return
        if lecture.total_nombre is None or int(lecture.total_nombre) != nb_lignes:
            self.problemes.append(Probleme("total_incorrect", 1, [Exemple(
                lecture.ligne_total, None, lecture.total_nombre,
                f"le nombre de lignes de données lues, {formats.nombre(nb_lignes)}",
                "ligne de total" + ("" if lecture.total_nombre else " sans nombre lisible (une formule ?)"),
                montrer_valeur=lecture.total_nombre is not None)]))

