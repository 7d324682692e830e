"""Logement: the housing situation of the young people supported in 2022, by territory, and the network's actions
and 2023 perspectives."""
import streamlit as st

from observatoire import db
from observatoire.vue import filtres, thematiques as th, composants
from observatoire.publication import perimetre

composants.entete(
    "Logement",
    "La situation de logement des jeunes accompagnés par les Missions Locales : logement autonome, hébergement "
    "par les parents ou la famille, précarité ou situation complexe.",
)
f = filtres.barre_laterale()

st.header("En 2022")
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
donnees = db.requete("jeunes_par_territoire", annee=f.annee)
comptes = {"nb_jeunes": "Jeunes accompagnés", "nb_parents_famille": "Parents ou famille",
           "nb_autonome": "Logement autonome", "nb_precaire": "Précarité ou situation complexe"}
parties = ["nb_parents_famille", "nb_autonome", "nb_precaire"]
if donnees["nb_logement_non_renseigne"].sum() > 0:  # shown only when the extracts leave some unknown
    comptes["nb_logement_non_renseigne"] = "Non renseigné"
    parties.append("nb_logement_non_renseigne")
pt = th.par_territoire(
    donnees, f, comptes=comptes,
    parts=[th.Part("part_parents_famille_pct", "Part hébergée par les parents ou la famille", "nb_parents_famille",
                   "nb_jeunes"),
           th.Part("part_autonome_pct", "Part en logement autonome", "nb_autonome", "nb_jeunes"),
           th.Part("part_precaire_pct", "Part en précarité ou situation complexe", "nb_precaire", "nb_jeunes")],
    # the situations add up to the young people supported: a reader could subtract, secrecy knows it
    partitions=[("nb_jeunes", parties)],
)
colonnes = st.columns(3)
for col, p in zip(colonnes, pt.parts):
    with col:
        composants.carte(f"{p.libelle} — {f.libelle}", pt.texte(f.code, p.colonne), f.provenance, th.source_extraits(f),
                 complement=None if f.est_region else f"Normandie : **{pt.texte(perimetre.REGION, p.colonne)}**")
th.graphique_territoires(pt, pt.parts[2], titre="Part des jeunes en précarité ou situation complexe de logement, "
                                                "par Mission Locale", cle="logement_precaire_territoires")
th.tableau_territoires(pt, titre="Situation de logement par territoire", cle="logement_tableau")

st.header("Actions du réseau et perspectives")
th.contexte("logement")
th.actions_perspectives("logement")
th.tous_les_chiffres("logement")
