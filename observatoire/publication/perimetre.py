"""The reader's selection, a year and a territory (the region, a department or a Mission Locale), and what it
rests on: the list of territories, the years of the extracts and their provenance. No streamlit: the sidebar
that lets a reader choose is observatoire/vue/filtres.py; sentences, slides and sheets use this module too."""
from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd

from observatoire import config, db
from observatoire.provenance import Provenance

REGION = config.REGION  # code of the region inside the app; the URL accepts "normandie"


def _departements() -> dict[str, dict[str, str]]:
    """data/sources/departements.csv: code -> nom and the forms French sentences need (sujet, de, dans)."""
    with open(config.SOURCES_DIR / "departements.csv", encoding="utf-8", newline="") as fichier:
        return {ligne["code_departement"]: ligne for ligne in csv.DictReader(fichier)}


DEPARTEMENTS_FR = _departements()
DEPARTEMENTS = {code: d["nom"] for code, d in DEPARTEMENTS_FR.items()}


@dataclass(frozen=True)
class Filtres:
    annee: int
    niveau: str                  # 'region' | 'departement' | 'mission_locale'
    code: str                    # 'Normandie' | '14' | '14-CAE'
    libelle: str                 # 'Normandie' | 'Calvados (14)' | 'Mission Locale Caen la Mer Calvados Centre'
    codes_ml: tuple[str, ...]    # the Missions Locales of the territory (all 24 for the region)
    provenance: Provenance       # of the year's extracts: DEMO or EXTRAITS

    @property
    def dans(self) -> str:
        """How a sentence places itself in the territory: « en Normandie », « dans l'Eure »,
        « à la Mission Locale … »."""
        if self.niveau == "region":
            return f"en {config.REGION}"
        if self.niveau == "departement":
            return DEPARTEMENTS_FR[self.code]["dans"]
        return f"à la {self.libelle}"

    @property
    def est_region(self) -> bool:
        return self.niveau == "region"

    @property
    def annee_du_rapport(self) -> bool:
        return self.annee == config.ANNEE_RAPPORT

    def provenance_de(self, table: str, annee: int | None = None) -> Provenance:
        """Provenance of one extract table for the year (default: the year chosen), e.g. "entrees_dispositif"
        for the CEJ charts: `provenance` says where the young people come from, not the entries."""
        return provenance_extraits(table, self.annee if annee is None else annee)

    def sur_tables(self, *tables: str) -> Filtres:
        """The same choice, its provenance that of the tables a page is built on: "calculé sur extraits" only
        when every one of them comes from imported extracts for the year (the young people may be imported
        while the entries are still the demonstration's)."""
        reelles = all(self.provenance_de(t) == Provenance.EXTRAITS for t in tables)
        return replace(self, provenance=Provenance.EXTRAITS if reelles else Provenance.DEMO)

    def base_precedente_reelle(self, table: str = "jeunes") -> bool:
        """True when both the year and the year before come from imported extracts: only then is a
        year-on-year change "calculé sur extraits" (a real year against a demonstration one means nothing)."""
        return self.provenance_de(table) == Provenance.EXTRAITS and evolution_comparable(self.annee, table)

    @property
    def params(self) -> dict:
        """The bound parameters of the queries of queries/publics_*.sql and alike."""
        return {"annee": self.annee, "codes_ml": list(self.codes_ml)}


def territoires() -> pd.DataFrame:
    """Region, then each department followed by its Missions Locales: code, libelle, niveau, codes_ml. A copy
    (callers may add columns) of the table built once per data version: a page asks for it several times per run
    (sidebar, labels, masks), ~10 ms each time it was rebuilt."""
    return _territoires(db.version_donnees(), str(config.BUILD_DIR)).copy()


@lru_cache(maxsize=4)
def _territoires(version: str, build_dir: str) -> pd.DataFrame:
    df = db.requete("territoires_normandie")
    mls = df[df["niveau"] == "mission_locale"].sort_values(["departement", "libelle"])
    lignes = [{"code": REGION, "libelle": config.REGION, "niveau": "region",
               "codes_ml": tuple(sorted(mls["code"]))}]
    for dep, nom in DEPARTEMENTS.items():
        siennes = mls[mls["departement"] == dep]
        lignes.append({"code": dep, "libelle": f"{nom} ({dep})", "niveau": "departement",
                       "codes_ml": tuple(sorted(siennes["code"]))})
        lignes += [{"code": r.code, "libelle": r.libelle, "niveau": "mission_locale", "codes_ml": (r.code,)}
                   for r in siennes.itertuples()]
    return pd.DataFrame(lignes)


def selection(annee: int, code: str = REGION) -> Filtres:
    """The selection of a year and a territory ('Normandie', '14', '14-CAE'): what the sidebar returns, and what
    every function of the publication layer takes."""
    ligne = territoires().set_index("code").loc[code]
    ans = annees()
    prov = ans.loc[ans["annee"] == annee, "provenance"]
    provenance = Provenance.EXTRAITS if (len(prov) and prov.iloc[0] == "extraits") else Provenance.DEMO
    return Filtres(annee=int(annee), niveau=ligne["niveau"], code=code, libelle=ligne["libelle"],
                   codes_ml=tuple(ligne["codes_ml"]), provenance=provenance)


def annees() -> pd.DataFrame:
    """Years present in the extracts (latest first) with their provenance."""
    return db.requete("extraits_annees")


def _provenance_brute(table: str, annee: int) -> str | None:
    """'extraits', 'démonstration', or None when the table has no row that year
    (queries/provenance_des_extraits.sql, stored in the publication layer per year by
    observatoire/publication/stockees.py)."""
    from observatoire.publication import couche, stockees  # noqa: F401, PLC0415 - the layer imports this module's users

    df = couche.lire("provenance", annee)
    ligne = df.loc[df["table_extrait"] == table, "provenance"]
    return ligne.iloc[0] if len(ligne) else None


def provenance_extraits(table: str, annee: int) -> Provenance:
    """Where the rows of one extract table for one year come from. A table with no row that year is said to
    be demonstration: nothing real is there to show."""
    return Provenance.EXTRAITS if _provenance_brute(table, annee) == "extraits" else Provenance.DEMO


def evolution_comparable(annee: int, table: str = "jeunes") -> bool:
    """A change from `annee` − 1 to `annee` compares like with like: not imported extracts against the
    demonstration's made-up year (sentences, slides and sheets then leave the change out)."""
    reel = provenance_extraits(table, annee) == Provenance.EXTRAITS
    return not reel or provenance_extraits(table, annee - 1) == Provenance.EXTRAITS


def table_presente(table: str, annee: int) -> bool:
    """The extract table has rows for that year (demonstration or imported)."""
    return _provenance_brute(table, annee) is not None


def note_annees(ans: pd.DataFrame) -> str:
    """Says, year by year, what the figures rest on: published, imported extracts or demonstration."""
    note = f"Chiffres publiés : {config.ANNEE_RAPPORT} seulement (rapport d'activité de l'ARML)."
    reelles = sorted(int(a) for a, p in zip(ans["annee"], ans["provenance"]) if p == "extraits")
    demo = sorted(int(a) for a, p in zip(ans["annee"], ans["provenance"])
                  if p != "extraits" and int(a) != config.ANNEE_RAPPORT)
    if reelles:
        note += " " + ", ".join(map(str, reelles)) + " : extraits réels importés."
    if demo:
        note += (" " + ", ".join(map(str, demo)) + " : données de démonstration (totaux calés sur les "
                 "estimations dérivées des variations publiées).")
    return note
