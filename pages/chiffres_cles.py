"""Home page: the key figures of the year, each with its source."""
import streamlit as st

from observatoire import formats, publies, ui

ui.entete(
    "Chiffres clés",
    "Les Missions Locales de Normandie accompagnent les jeunes de 16 à 25 ans vers l'emploi, "
    "la formation, le logement et la santé. Voici l'essentiel de l'année 2022, tel que publié "
    "dans le rapport d'activité de l'ARML Normandie.",
)
st.sidebar.selectbox("Année", [2022], key="annee", help="Seule l'année 2022 est publiée à ce jour.")
st.sidebar.selectbox("Territoire", ["Normandie"], key="territoire",
                     help="Les chiffres publiés portent sur la région entière.")

p = publies.indicateur
col1, col2, col3 = st.columns(3)
with col1:
    ui.carte_publiee(p("jeunes_accompagnes"), delta=p("jeunes_accompagnes_evolution"))
with col2:
    ui.carte_publiee(p("premiers_accueils"), delta=p("premiers_accueils_evolution"))
with col3:
    total, objectif, taux = p("cej_entrees_total"), p("cej_objectif"), p("cej_taux_realisation")
    ui.carte_publiee(total, libelle="Entrées en Garantie Jeunes et CEJ",
                     complement=f"pour un objectif de **{objectif.texte}** fixé par l'État, "
                                f"soit **{taux.texte}** de réalisation")
    st.progress(min(total.valeur / objectif.valeur, 1.0),
                text=f"{taux.texte} de l'objectif atteint ({total.texte} / {objectif.texte})")

st.subheader("Entrées en CEJ et Garantie Jeunes en 2022")
gj, cej = p("cej_entrees_gj"), p("cej_entrees_cej")
c1, c2 = st.columns(2)
with c1:
    ui.carte_publiee(gj)
with c2:
    ui.carte_publiee(cej)
st.caption(f"{gj.texte} + {cej.texte} = {formats.nombre(gj.valeur + cej.valeur)} entrées, "
           f"soit {formats.pourcentage(round(100 * (gj.valeur + cej.valeur) / objectif.valeur))} "
           f"de l'objectif de {objectif.texte}.")

with st.expander("Estimations 2021 dérivées des variations publiées"):
    ui.tableau_publies([p("jeunes_accompagnes_2021"), p("premiers_accueils_2021")])
