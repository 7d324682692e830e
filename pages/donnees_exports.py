"""Données & exports: the catalogue of the published figures, the slides and territory sheets to
download for the chosen year and territory, and the data dictionary of the extracts."""
import pandas as pd
import streamlit as st

from observatoire import config, modele
from observatoire.sorties import fiche
from observatoire.vue import publies, composants as ui
from observatoire.sorties import diaporama
from observatoire.vue import telechargements
from observatoire.provenance import SOURCE_RAPPORT

TOUS = "tous"

ui.entete(
    "Données & exports",
    "Tout ce qui se télécharge : le diaporama et la fiche du territoire choisi, le catalogue des chiffres "
    "publiés, le dictionnaire des données. Sous chaque graphique de l'observatoire, des boutons donnent aussi "
    "ses données (CSV pour Excel, XLSX) et son image (PNG, SVG), avec titre, source, périmètre et date.",
)
annee, territoire = telechargements.choisir_perimetre()
perimetre = telechargements.perimetre_courant(annee, territoire)

st.header("Diaporama et fiche territoire", anchor="diaporama")
st.markdown(f"Pour **{perimetre}** (à changer dans la barre latérale) : un diaporama PowerPoint 16:9, "
            "une diapositive par message, la source en pied de chaque diapositive ; une fiche PDF d'une ou deux "
            "pages, chiffres clés comparés à la Normandie, carte, coordonnées et sources.")
with st.container(horizontal=True, gap="small", key="telechargements_territoire"):
    st.download_button("Diaporama (PowerPoint)", data=lambda: diaporama.deck(annee, territoire),
                       file_name=diaporama.nom_fichier(annee, territoire), icon=":material/slideshow:",
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       on_click="ignore", key="telecharger_diaporama", type="primary")
    st.download_button("Fiche territoire (PDF)", data=lambda: fiche.fiche(annee, territoire),
                       file_name=fiche.nom_fichier(annee, territoire), icon=":material/picture_as_pdf:",
                       mime="application/pdf", on_click="ignore", key="telecharger_fiche", type="primary")
if territoire != config.REGION or annee != config.ANNEE_RAPPORT:
    st.caption("Hors de la Normandie en " f"{config.ANNEE_RAPPORT}, les chiffres viennent des extraits : "
               "tant que les extraits réels ne sont pas importés, ce sont des données de démonstration, "
               "signalées sur chaque diapositive et dans la fiche.")

st.header("Catalogue des chiffres publiés", anchor="catalogue")
tous = publies.tous()
themes_presents = [t for t in ui.THEMES if any(i.theme == t for i in tous.values())]
themes_presents += sorted({i.theme for i in tous.values()} - set(themes_presents))
theme = telechargements.selection_liee_a_l_url(
    "theme", "Thème", [TOUS, *themes_presents], TOUS,
    format_func=lambda t: "Tous les thèmes" if t == TOUS else ui.THEMES.get(t, t), conteneur=st.columns([1, 2])[0],
    aide="Le thème choisi figure dans l'adresse de la page : le lien rouvre la même sélection.")
choisis = [i for i in tous.values() if theme == TOUS or i.theme == theme]
ecran = pd.DataFrame({
    "Thème": [ui.THEMES.get(i.theme, i.theme) for i in choisis],
    "Indicateur": [i.libelle for i in choisis],
    "Valeur": [i.texte for i in choisis],
    "Unité": [i.unite for i in choisis],
    "Année": [str(i.annee) for i in choisis],
    "Périmètre": [i.perimetre for i in choisis],
    "Section du rapport": [i.source for i in choisis],
    "Provenance": [i.provenance.libelle for i in choisis],
    "Formule ou note": [i.formule if i.statut == "dérivé" else i.note for i in choisis],
})
st.caption(f"{len(choisis)} chiffre(s) — {SOURCE_RAPPORT}. Les chiffres « dérivés » sont calculés à partir de "
           "chiffres publiés, avec leur formule.")
st.dataframe(ecran, hide_index=True, width="stretch", height=420)
# The file keeps the value as a number (French Excel reads it as one), beside its unit.
telechargements.boutons_tableau(ui.fichier_catalogue(choisis), titre="Chiffres publiés du rapport d'activité 2022"
                        + ("" if theme == TOUS else f" — {ui.THEMES.get(theme, theme)}"),
                        source=SOURCE_RAPPORT, perimetre=f"{config.REGION}, rapport {config.ANNEE_RAPPORT}",
                        cle="catalogue")

st.header("Dictionnaire des données", anchor="dictionnaire")
st.markdown("Les tables d'extraits que l'observatoire lit (données de démonstration aujourd'hui, extraits "
            "réels importés ensuite) : chaque colonne avec son type, ses valeurs permises, son unité et sa définition.")
dico = modele.dictionnaire()
st.dataframe(dico, hide_index=True, width="stretch")
telechargements.boutons_tableau(dico, titre="Dictionnaire des données des extraits",
                        source="Observatoire des Missions Locales de Normandie (observatoire/modele.py)",
                        perimetre="Modèle des extraits", cle="dictionnaire")
