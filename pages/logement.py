"""Logement: the housing situation of the young people supported in 2022, by territory, and the network's actions
and 2023 perspectives."""
import streamlit as st

from observatoire.publication.thematiques import logement_par_territoire, source_extraits
from observatoire.vue import thematiques as th, composants
from observatoire.publication import perimetre

f = th.entete_par_territoire(
    "Logement",
    "La situation de logement des jeunes accompagnés par les Missions Locales : logement autonome, hébergement "
    "par les parents ou la famille, précarité ou situation complexe.",
)
autonome, autonome_part, famille, famille_part, precaire, precaire_part = th.indicateurs(
    "logement_autonome", "logement_autonome_part", "logement_parents_famille", "logement_parents_famille_part",
    "logement_precaire", "logement_precaire_part")
c1, c2, c3 = st.columns(3)
for col, nombre, part in ((c1, famille, famille_part), (c2, autonome, autonome_part), (c3, precaire, precaire_part)):
    with col:
        th.carte(nombre, complement=f"soit **{part.texte}** des jeunes accompagnés")
th.graphique_publie(
    [famille_part, autonome_part, precaire_part], titre="Situation de logement des jeunes accompagnés",
    cle="logement_repartition", axe="% des jeunes accompagnés",
    libelles=["Hébergés par les parents ou la famille", "Logement autonome",
              "Précarité ou situation complexe"],
    lecture=f"Près de deux jeunes accompagnés sur trois sont hébergés par leurs parents ou leur famille "
            f"({famille_part.texte}) ; {precaire_part.texte} sont en précarité ou en situation complexe de "
            f"logement ({precaire.texte} jeunes).")

th.entete_territoires(f, "Situation de logement des jeunes accompagnés dans les extraits, par département et par "
                         "Mission Locale.")
pt = logement_par_territoire(f)
colonnes = st.columns(3)
for col, p in zip(colonnes, pt.parts):
    with col:
        composants.carte(f"{p.libelle} — {f.libelle}", pt.texte(f.code, p.colonne), f.provenance, source_extraits(f),
                 complement=None if f.est_region else f"Normandie : **{pt.texte(perimetre.REGION, p.colonne)}**")
th.graphique_territoires(pt, pt.parts[2], titre="Part des jeunes en précarité ou situation complexe de logement, "
                                                "par Mission Locale", cle="logement_precaire_territoires")
th.tableau_territoires(pt, titre="Situation de logement par territoire", cle="logement_tableau")

st.header("Actions du réseau et perspectives")
th.contexte("logement")
th.actions_perspectives("logement")
th.tous_les_chiffres("logement")
