"""Ready-to-publish sentences for the chosen year and territory, each with its source and a copy button."""
import pandas as pd
import streamlit as st

from observatoire.vue import composants as ui
from observatoire.sorties import phrases, tableurs
from observatoire.vue import telechargements
from observatoire.provenance import Provenance

ui.entete(
    "Phrases clés",
    "Des phrases prêtes à publier, construites à partir des chiffres, avec leur source. "
    "Le bouton de copie en haut à droite de chaque phrase la place dans le presse-papiers.",
)
annee, territoire = telechargements.choisir_perimetre()
liste = phrases.phrases(annee, territoire)
st.caption(f"Périmètre : {tableurs.libelle_territoire(territoire)}, {annee}")

if not liste:
    st.info(f"Aucune donnée pour {tableurs.libelle_territoire(territoire)} en {annee}.", icon=":material/info:")
elif any(p.provenance is Provenance.DEMO for p in liste):
    ui.avertir_demo()
    st.markdown("Chaque phrase calculée sur les données de démonstration le dit elle-même, "
                "« (données de démonstration) » : ne la publiez pas telle quelle.")

theme_courant = None
for i, p in enumerate(liste):
    if p.theme != theme_courant:
        st.subheader(p.theme)
        theme_courant = p.theme
    # st.code has a copy button that works offline; wrap_lines keeps the whole sentence visible.
    st.code(p.texte, language=None, wrap_lines=True)
    with st.container(horizontal=True, gap="small"):
        ui.badge(p.provenance)
        st.caption(f"Source : {p.source}")

if liste:
    st.divider()
    telechargements.boutons_tableau(
        pd.DataFrame({"Thème": [p.theme for p in liste], "Phrase": [p.texte for p in liste],
                      "Source": [p.source for p in liste], "Provenance": [p.provenance.libelle for p in liste]}),
        titre="Phrases clés", source="Observatoire des Missions Locales de Normandie (sources phrase par phrase)",
        perimetre=f"{tableurs.libelle_territoire(territoire)}, {annee}", cle="phrases")
