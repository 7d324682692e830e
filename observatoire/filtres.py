"""The shared sidebar filters of every page that shows extracts: year and territory.

The URL carries them as short codes, so that a link opens the same view: ?annee=2022&territoire=14-CAE
(territoire: absent or 'normandie' for the region, a department '14', or a Mission Locale '14-CAE').
Inside the app the region's code is config.REGION ('Normandie'), as in queries/territoires_normandie.sql;
the URL accepts it in any case.

Why not `bind="query-params"`: Streamlit writes the *displayed label* of a bound selectbox into the URL
("Mission Locale Caen la Mer Calvados Centre"); we want the code. So the widgets keep their value in
session_state (persisting across pages of the session) and this module mirrors it to and from the URL.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from observatoire import config, db
from observatoire.provenance import Provenance

CLE_ANNEE = "annee"
CLE_TERRITOIRE = "territoire"
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
        """How a sentence places itself in the territory: « en Normandie », « dans l'Eure », « à la Mission Locale … »."""
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
    """Region, then each department followed by its Missions Locales: code, libelle, niveau, codes_ml."""
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


def annees() -> pd.DataFrame:
    """Years present in the extracts (latest first) with their provenance."""
    return db.requete("extraits_annees")


def _provenance_brute(table: str, annee: int) -> str | None:
    """'extraits', 'démonstration', or None when the table has no row that year
    (queries/provenance_des_extraits.sql)."""
    df = db.requete("provenance_des_extraits")
    ligne = df.loc[(df["table_extrait"] == table) & (df["annee"] == int(annee)), "provenance"]
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


def _note_annees(ans: pd.DataFrame) -> str:
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


def _normaliser_territoire(valeur) -> str | None:
    if valeur is None:
        return None
    v = str(valeur).strip()
    return REGION if v.lower() == REGION.lower() else v.upper()


def _depuis_url(cle: str, valeurs: list, defaut, convertir) -> None:
    """Before the widget: a valid value in the URL wins (a shared link, the back button); otherwise the
    value kept in the session stays (the menu drops the URL's parameters when changing page)."""
    brut = st.query_params.get(cle)
    try:
        v = convertir(brut) if brut is not None else None
    except (TypeError, ValueError):
        v = None
    if v in valeurs:
        st.session_state[cle] = v
    elif st.session_state.get(cle) not in valeurs:
        st.session_state[cle] = defaut


def _vers_url(cle: str, valeur, defaut) -> None:
    """The URL shows the value unless it is the default, to keep links short."""
    if valeur == defaut:
        if cle in st.query_params:
            del st.query_params[cle]
    elif st.query_params.get(cle) != str(valeur):
        st.query_params[cle] = str(valeur)


def _au_changement(cle: str, defaut):
    # Runs before the script on a change of the widget, so that the URL read at the top is already new.
    return lambda: _vers_url(cle, st.session_state[cle], defaut)


def choix_dans_url(widget, libelle: str, options: list, *, cle: str, defaut, convertir=str, **kwargs):
    """A selectbox or radio whose value lives in the URL under `cle` (for shared links), defaulting to `defaut`."""
    _depuis_url(cle, options, defaut, convertir)
    valeur = widget(libelle, options, key=cle, on_change=_au_changement(cle, defaut), **kwargs)
    _vers_url(cle, valeur, defaut)
    return valeur


def barre_laterale(*, avec_annee: bool = True, avec_territoire: bool = True) -> Filtres:
    """Draws the year and territory selectors in the sidebar and returns the selection."""
    ans = annees()
    liste_annees = [int(a) for a in ans["annee"]] or [config.ANNEE_RAPPORT]
    annee_defaut = config.ANNEE_RAPPORT if config.ANNEE_RAPPORT in liste_annees else liste_annees[0]
    terr = territoires()
    codes = terr["code"].tolist()
    libelles = dict(zip(terr["code"], terr["libelle"]))

    with st.sidebar:
        if avec_annee:
            annee = choix_dans_url(st.selectbox, "Année", liste_annees, cle=CLE_ANNEE, defaut=annee_defaut,
                                   convertir=int, persist_state="session",
                                   help="Années présentes dans les extraits (données de démonstration ou importées).")
        else:
            annee = annee_defaut
        if avec_territoire:
            code = choix_dans_url(st.selectbox, "Territoire", codes, cle=CLE_TERRITOIRE, defaut=REGION,
                                  convertir=_normaliser_territoire, format_func=libelles.get,
                                  persist_state="session", help="La Normandie, un département ou une Mission Locale.")
        else:
            code = REGION
        st.caption(_note_annees(ans))

    ligne = terr.set_index("code").loc[code]
    prov = ans.loc[ans["annee"] == annee, "provenance"]
    provenance = Provenance.EXTRAITS if (len(prov) and prov.iloc[0] == "extraits") else Provenance.DEMO
    return Filtres(annee=int(annee), niveau=ligne["niveau"], code=code, libelle=ligne["libelle"],
                   codes_ml=tuple(ligne["codes_ml"]), provenance=provenance)


def perimetre() -> tuple[int, str]:
    """Year and territory code chosen in the sidebar (drawn here): what observatoire/vue/telechargements.py asks for."""
    f = barre_laterale()
    return f.annee, f.code
