"""Rapport d'activité: the full report of the chosen year and territory, in the structure of the 2022 report,
as an editable Word document and as a typeset PDF (observatoire/sorties/). The page only draws: the files are
built when a button is clicked."""
import streamlit as st

from observatoire import config
from observatoire.vue import composants as ui, filtres
from observatoire.provenance import Provenance
from observatoire.sorties import rapport, rapport_docx, rapport_pdf

ui.entete(
    "Rapport d'activité",
    "Le rapport d'activité complet du territoire choisi, section par section comme le rapport 2022 de l'ARML : "
    "les textes du rapport comme point de départ, chaque chiffre avec sa provenance, les graphiques et la carte. "
    "Deux fichiers : un document Word à réécrire librement, et un PDF mis en page (sommaire, numéros de page).",
)
f = filtres.barre_laterale()

st.subheader(f"{f.libelle}, {f.annee}")
publie = f.est_region and f.annee_du_rapport
if publie:
    st.markdown(f"Les chiffres sont ceux **publiés** dans le rapport d'activité {config.ANNEE_RAPPORT}, chacun avec "
                "sa section ; la carte et le rythme des entrées en CEJ sont calculés sur les extraits.")
else:
    st.markdown("Les chiffres sont **calculés sur les extraits** et comparés à la Normandie ; les textes sont ceux "
                "du rapport régional 2022, à adapter au territoire.")
if f.provenance is Provenance.DEMO:
    ui.avertir_demo()

st.markdown("**Sections du rapport** : " + " ; ".join(p.titre for p in rapport.PLAN) + " ; points d'accueil.")

with st.container(horizontal=True, gap="small", key="telechargements_rapport"):
    st.download_button("Rapport (Word, modifiable)", data=lambda: rapport_docx.docx(f.annee, f.code),
                       file_name=rapport_pdf.nom_fichier(f.annee, f.code, "docx"), icon=":material/description:",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       on_click="ignore", key="telecharger_rapport_docx", type="primary")
    st.download_button("Rapport (PDF)", data=lambda: rapport_pdf.pdf(f.annee, f.code),
                       file_name=rapport_pdf.nom_fichier(f.annee, f.code, "pdf"), icon=":material/picture_as_pdf:",
                       mime="application/pdf", on_click="ignore", key="telecharger_rapport_pdf", type="primary")
st.caption("La fabrication prend quelques secondes après le clic. Secret statistique appliqué : un effectif "
           "inférieur au seuil est écrit « secret », partout où il apparaîtrait. Tous les rapports d'un coup : "
           "commande make rapports ANNEE=2022.")
