"""Checking a staged file against the extract model, in DuckDB, and writing the parquet it becomes.

Cells become values through the converters of observatoire/ingest/colonnes.py, applied once per
distinct text of a column (a million rows hold a few dozen distinct values of `sexe`), then joined
back to the rows: every failing row is found by SQL with its line number, counted by kind, and the
first ten shown. Checks across columns and rows (key duplicates, one year per file, dates within the
year, age band against age, sub-type against type, totals) are SQL too (observatoire/ingest/controles.py).
Last, the model's own pandera schema (modele.schema) validates the typed rows, in chunks, before anything is
written; what it reports is said in French, without the library's names for its checks (attendu_du_controle).

SQL here is assembled only from the model's column names (fixed identifiers, checked by `_id`), never
from the file's content; every value travels as a bound parameter or inside a registered table.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

from observatoire import formats, modele
from observatoire.ingest.colonnes import PROVENANCE_IMPORT, Communes, convertisseur
from observatoire.ingest.controles import Controles, _id, macro_tranche_age
from observatoire.ingest.lecture import DERIVABLES, Lecture
from observatoire.ingest.rapport import NB_EXEMPLES, Exemple, FichierRefuse, Probleme

TAILLE_LOT_PANDERA = 200_000


@dataclass
class Extrait:
    """A file that passed every check, typed and written to parquet (not yet in the data folder)."""
    lecture: Lecture
    table: str
    annee: int
    nb_lignes: int
    parquet: Path


def connexion(travail: Path) -> duckdb.DuckDBPyConnection:
    (travail / "duckdb").mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(config={"threads": 2, "memory_limit": "1GB", "preserve_insertion_order": True,
                                  "temp_directory": str(travail / "duckdb")})
    con.execute("SET enable_progress_bar = false")   # it would draw on the user's terminal
    con.execute(macro_tranche_age())
    return con


class _Validation(Controles):
    """A staged file loaded into DuckDB, its cells converted, its rows typed, checked (controles.py), checked
    again by the model's schema, and written to parquet."""

    def charger(self):
        colonnes = {"_ligne": "INTEGER", **{c: "VARCHAR" for c in self.lues}}
        self.con.execute(
            "CREATE TABLE brut AS SELECT * FROM read_csv($chemin, header = true, delim = ',', quote = '\"', "
            "escape = '\"', new_line = '\\n', auto_detect = false, strict_mode = true, columns = $colonnes)",
            {"chemin": str(self.lecture.staging), "colonnes": colonnes})

    def convertir(self):
        """One conversion table per column (distinct text -> value or problem), problems reported by line."""
        for colonne in self.lues:
            if colonne == "id_jeune":
                continue
            definition = self.table.colonne(colonne)
            if DERIVABLES.get(colonne) in self.lues:
                # An empty cell is filled from the column it derives from (checked after typing).
                definition = dataclasses.replace(definition, obligatoire=False)
            convertir = convertisseur(definition, self.communes)
            distincts = [r[0] for r in self.con.execute(f"SELECT DISTINCT {_id(colonne)} FROM brut").fetchall()]
            conversions = [convertir(t) for t in distincts]
            table = pa_arrow.table({
                "brut": pa_arrow.array(distincts, pa_arrow.string()),
                "valeur": pa_arrow.array([c.valeur for c in conversions], pa_arrow.string()),
                "probleme": pa_arrow.array([c.probleme for c in conversions], pa_arrow.string()),
                "attendu": pa_arrow.array([c.attendu for c in conversions], pa_arrow.string()),
            })
            self.con.register("conversions_arrow", table)
            self.con.execute(f"CREATE TABLE {_id('conv_' + colonne)} AS SELECT * FROM conversions_arrow")
            self.con.unregister("conversions_arrow")
            if not any(c.probleme for c in conversions):
                continue
            rows = self.con.execute(f"""
                SELECT c.probleme, count(*) OVER (PARTITION BY c.probleme) AS n, b._ligne, b.{_id(colonne)}, c.attendu
                FROM brut b JOIN {_id('conv_' + colonne)} c ON b.{_id(colonne)} IS NOT DISTINCT FROM c.brut
                WHERE c.probleme IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY c.probleme ORDER BY b._ligne) <= {NB_EXEMPLES}
                ORDER BY c.probleme, b._ligne""").fetchall()
            par_code: dict[str, Probleme] = {}
            for code, n, ligne, valeur, attendu in rows:
                p = par_code.setdefault(code, Probleme(code, n, []))
                p.exemples.append(Exemple(ligne, self.etiquette(colonne), valeur, attendu))
            self.problemes += par_code.values()

    def typer(self):
        """The typed table: model columns with their SQL types, `_ligne` kept for messages."""
        selections, jointures = ["b._ligne"], []
        for c in self.table.colonnes:
            if c.nom == "provenance":
                continue
            if c.nom == "id_jeune":
                selections.append("trim(b.id_jeune) AS id_jeune")
            elif c.nom in self.lues:
                alias = _id("c_" + c.nom)
                jointures.append(f"LEFT JOIN {_id('conv_' + c.nom)} {alias} "
                                 f"ON b.{_id(c.nom)} IS NOT DISTINCT FROM {alias}.brut")
                selections.append(f"CAST({alias}.valeur AS {c.type_sql}) AS {_id(c.nom)}")
            elif c.nom == "annee" and self.annee_option is not None:
                selections.append("CAST($annee AS INTEGER) AS annee")
            else:
                selections.append(f"CAST(NULL AS {c.type_sql}) AS {_id(c.nom)}")
        self.con.execute(f"CREATE TABLE type_brut AS SELECT {', '.join(selections)} FROM brut b {' '.join(jointures)}",
                         {"annee": self.annee_option} if "annee" not in self.lues and self.annee_option else {})
        if "tranche_age" in self.table.noms and "age" in self.table.noms:
            # tranche_age derives from age when the file leaves it out or empty (the model's bands)
            self.con.execute("CREATE TABLE type AS SELECT * REPLACE (coalesce(tranche_age, tranche_age_de(age)) "
                             "AS tranche_age) FROM type_brut")
        else:
            self.con.execute("CREATE TABLE type AS SELECT * FROM type_brut")
        self.con.execute("DROP TABLE type_brut")

    def selection_finale(self) -> str:
        """The rows as the model declares them (types, order of columns, provenance), with `_ligne`."""
        colonnes = ", ".join(f"CAST({_id(c.nom)} AS {c.type_sql}) AS {_id(c.nom)}" for c in self.table.colonnes
                             if c.nom != "provenance")
        return f"SELECT {colonnes}, CAST($provenance AS VARCHAR) AS provenance, _ligne FROM type"

    def pandera(self):
        """The model's declared schema, last: it must accept every row before anything is written."""
        schema = modele.schema(self.table.nom)
        lecteur = self.con.sql(f"SELECT * FROM ({self.selection_finale()}) ORDER BY _ligne",
                               params={"provenance": PROVENANCE_IMPORT}).to_arrow_reader(TAILLE_LOT_PANDERA)
        echecs: dict[tuple[str, str], Probleme] = {}
        for lot in lecteur:
            df = lot.to_pandas()
            df.index = df.pop("_ligne").to_numpy()
            try:
                schema.validate(df, lazy=True)
            except pa.errors.SchemaErrors as exc:
                for _, r in exc.failure_cases.iterrows():
                    colonne = r["column"] if isinstance(r["column"], str) else ""
                    k = (colonne, str(r["check"]))
                    p = echecs.setdefault(k, Probleme("schema", 0, []))
                    p.nombre += 1
                    if len(p.exemples) < NB_EXEMPLES:
                        ligne = int(r["index"]) if pd.notna(r["index"]) else None
                        etiquette = self.etiquette(colonne) if colonne in self.table.noms else None
                        p.exemples.append(Exemple(ligne, etiquette,
                                                  None if pd.isna(r["failure_case"]) else str(r["failure_case"]),
                                                  attendu_du_controle(str(r["check"]))))
        self.problemes += echecs.values()

    def ecrire(self, dest: Path):
        dest.parent.mkdir(parents=True, exist_ok=True)
        colonnes = ", ".join(_id(c) for c in self.table.noms)
        # Ordered as the file: the same file always gives the same bytes (a re-import is detected by hash).
        self.con.sql(f"SELECT {colonnes} FROM ({self.selection_finale()}) ORDER BY _ligne",
                     params={"provenance": PROVENANCE_IMPORT}).write_parquet(str(dest), compression="zstd")


_CONTROLES = (
    (re.compile(r"^not_nullable$"), lambda m: "une valeur (cellule obligatoire)"),
    (re.compile(r"^in_range\((.+), (.+)\)$"), lambda m: f"une valeur de {m.group(1)} à {m.group(2)}"),
    (re.compile(r"^(greater_than_or_equal_to|ge)\((.+)\)$"), lambda m: f"une valeur d'au moins {m.group(2)}"),
    (re.compile(r"^(less_than_or_equal_to|le)\((.+)\)$"), lambda m: f"une valeur d'au plus {m.group(2)}"),
    (re.compile(r"^isin\("), lambda m: "une des valeurs du modèle (voir docs/IMPORT.md)"),
    (re.compile(r"^str_matches\("), lambda m: "une valeur de la forme prévue par le modèle"),
    (re.compile(r"^dtype\("), lambda m: "une valeur du type prévu par le modèle"),
    (re.compile(r"uniqueness"), lambda m: "une seule ligne par clé (pas de ligne en double)"),
)


def attendu_du_controle(controle: str) -> str:
    """What a check of the model's schema expects, in French: the schema names its checks in English
    ("in_range(16, 29)"), the model's own checks across columns are already French sentences."""
    for motif, texte in _CONTROLES:
        if m := motif.search(controle):
            return texte(m)
    if re.search(r"[àâçéèêëîôûù]| ", controle) and not re.search(r"[()_]", controle):
        return controle
    return "une valeur conforme au modèle de données (voir docs/IMPORT.md)"


def valider(lecture: Lecture, annee: int | None, communes: Communes | None, travail: Path) -> Extrait:
    """Checks a staged file; returns the typed extract written under `travail`, or raises FichierRefuse."""
    con = connexion(travail)
    try:
        v = _Validation(con, lecture, annee, communes)
        v.charger()
        v.convertir()
        v.controler_identifiants()
        v.typer()
        annee_fichier = v.controler_annee()
        v.controler_lignes()
        v.controler_total(lecture.nb_lignes)
        contexte = f"{lecture.forme}, table {lecture.table}, {formats.nombre(lecture.nb_lignes)} lignes de données"
        if v.problemes:
            raise FichierRefuse(lecture.nom, _ordonner(v.problemes), contexte)
        if annee_fichier is None:
            raise FichierRefuse(lecture.nom, [Probleme("colonne_manquante", 1, [Exemple(
                1, "« annee »", None, "une colonne « Année » remplie, ou l'option --annee", montrer_valeur=False)])],
                contexte)
        v.pandera()
        if v.problemes:
            raise FichierRefuse(lecture.nom, v.problemes, contexte)
        dest = travail / "parquet" / lecture.table / f"annee={annee_fichier}.{id(lecture)}.parquet"
        v.ecrire(dest)
        return Extrait(lecture, lecture.table, int(annee_fichier), lecture.nb_lignes, dest)
    finally:
        con.close()


def _ordonner(problemes: list[Probleme]) -> list[Probleme]:
    """Problems in the order of the file: by first line at fault."""
    return sorted(problemes, key=lambda p: min((e.ligne or 0 for e in p.exemples), default=0))

