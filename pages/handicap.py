"""Handicap: the young people with a recognised disability (RQTH) among those supported, in 2022 against 2021,
by department and Mission Locale, and the network's actions and 2023 perspectives."""
import streamlit as st

from observatoire import formats
from observatoire.publication.thematiques import handicap_par_territoire, source_extraits
from observatoire.vue import thematiques as th, composants
from observatoire.publication import perimetre

f = th.entete_par_territoire(
    "Handicap",
    "Les jeunes reconnus travailleurs handicapés (RQTH : reconnaissance de la qualité de travailleur "
    "handicapé) accompagnés par les Missions Locales.",
)
part, part_2021, evolution, estimation, age_cej, part_formation = th.indicateurs(
    "handicap_part_rqth", "handicap_part_rqth_2021", "handicap_rqth_evolution_points", "handicap_rqth_nb_estime",
    "handicap_age_limite_cej", "formation_part_rqth")
accompagnes = th.indicateurs("jeunes_accompagnes")[0]
c1, c2, c3 = st.columns(3)
with c1:
    signe = "+" if evolution.valeur > 0 else ""
    th.carte(part, libelle="Part des jeunes accompagnés reconnus travailleurs handicapés",
             complement=f"contre **{part_2021.texte}** en 2021, soit **{signe}{formats.nombre(evolution.valeur, 1)} "
                        f"point** (écart dérivé : {part.texte} − {part_2021.texte})")
with c2:
    th.carte(estimation, libelle="Jeunes reconnus travailleurs handicapés accompagnés (estimation)",
             complement=f"{part.texte} × {accompagnes.texte} jeunes accompagnés, part arrondie : valeur approchée")
with c3:
    composants.carte("Âge jusqu'auquel le CEJ accompagne les jeunes reconnus travailleurs handicapés, selon le rapport",
                     f"{age_cej.texte} ans", age_cej.provenance, age_cej.citation, aide=age_cej.note,
                     complement="Le rapport écrit «\u202fjusqu'à 30 ans\u202f». La loi (Code du travail, art. "
                                "L5131-6) ouvre le CEJ aux jeunes de 16 à 25 ans révolus, ou 29 ans révolus avec une "
                                "RQTH, soit **moins de 30 ans**, c'est-à-dire **jusqu'à 29 ans inclus** (voir Sources "
                                "& méthodes).")
th.graphique_publie(
    [part_2021, part], titre="Part des jeunes reconnus travailleurs handicapés, 2021 et 2022", cle="handicap_evolution",
    libelles=["2021", "2022"], axe="% des jeunes accompagnés",
    lecture=f"La part des jeunes reconnus travailleurs handicapés passe de {part_2021.texte} en 2021 à "
            f"{part.texte} en 2022, grâce à un meilleur repérage selon le rapport.",
    note=f"même part parmi les jeunes entrés en formation : {part_formation.texte} (section Formation)")

th.entete_territoires(f, "Jeunes accompagnés ayant une RQTH dans les extraits, par département et par Mission Locale.")
pt = handicap_par_territoire(f)
c1, c2 = st.columns(2)
with c1:
    composants.carte(f"Jeunes avec une RQTH — {f.libelle}", pt.texte(f.code, "nb_rqth"), f.provenance,
                     source_extraits(f))
with c2:
    composants.carte(f"Part des jeunes accompagnés avec une RQTH — {f.libelle}", pt.texte(f.code, "part_rqth_pct"),
             f.provenance, source_extraits(f),
             complement=None if f.est_region else f"Normandie : **{pt.texte(perimetre.REGION, 'part_rqth_pct')}**")
th.graphique_territoires(pt, pt.parts[0], titre="Part des jeunes avec une RQTH, par département",
                         cle="handicap_departements", niveau="departement")
th.graphique_territoires(pt, pt.parts[0], titre="Part des jeunes avec une RQTH, par Mission Locale",
                         cle="handicap_missions_locales")
th.tableau_territoires(pt, titre="Jeunes reconnus travailleurs handicapés par territoire", cle="handicap_tableau")

st.header("Actions du réseau et perspectives")
th.contexte("handicap")
th.actions_perspectives("handicap")
th.tous_les_chiffres("handicap")
