"""Justice: the young people under court supervision (JSMJ) supported in 2022, where they are, and the network's
actions and 2023 perspectives."""
import streamlit as st

from observatoire.publication.thematiques import justice_par_territoire, source_extraits
from observatoire.vue import thematiques as th, composants

f = th.entete_par_territoire(
    "Justice",
    "Les jeunes placés sous main de justice (JSMJ) accompagnés par les Missions Locales : incarcérés "
    "(milieu fermé) ou suivis par le SPIP ou la PJJ (milieu ouvert).",
)
jeunes, ferme, ouvert, sans_diplome, mineurs = th.indicateurs(
    "justice_jeunes", "justice_part_milieu_ferme", "justice_part_milieu_ouvert", "justice_part_non_diplomes",
    "justice_part_mineurs")
th.cartes([jeunes, sans_diplome, mineurs],
          libelles={"justice_jeunes": "Jeunes placés sous main de justice accompagnés",
                    "justice_part_non_diplomes": "JSMJ sans diplôme",
                    "justice_part_mineurs": "JSMJ mineurs"})
th.graphique_publie(
    [ferme, ouvert], titre="Milieu fermé ou milieu ouvert", cle="justice_milieu",
    libelles=["Milieu fermé (incarcérés)", "Milieu ouvert (SPIP, PJJ)"], axe="% des JSMJ accompagnés",
    lecture=f"Plus de la moitié des {jeunes.texte} JSMJ accompagnés en 2022 étaient incarcérés "
            f"({ferme.texte}) ; {ouvert.texte} étaient suivis en milieu ouvert.",
    note="SPIP : service pénitentiaire d'insertion et de probation ; PJJ : protection judiciaire de la jeunesse")

th.entete_territoires(f, "Jeunes accompagnés repérés comme placés sous main de justice dans les extraits, "
                         "par Mission Locale et par département.")
pt = justice_par_territoire(f)
c1, c2, c3 = st.columns(3)
for col, (libelle, colonne) in zip((c1, c2, c3), [("JSMJ accompagnés", "nb_jsmj"),
                                                  ("Part sans diplôme parmi les JSMJ", "part_sans_diplome_pct"),
                                                  ("Part de mineurs parmi les JSMJ", "part_mineurs_pct")]):
    with col:
        composants.carte(f"{libelle} — {f.libelle}", pt.texte(f.code, colonne), f.provenance, source_extraits(f))
th.graphique_territoires(pt, pt.parts[0], titre="Part des JSMJ parmi les jeunes accompagnés, par Mission Locale",
                         cle="justice_territoires")
th.tableau_territoires(pt, titre="Jeunes placés sous main de justice par territoire", cle="justice_tableau",
                       note="Mineur : moins de 18 ans au 31 décembre.")

st.header("Actions du réseau et perspectives")
th.contexte("justice")
th.actions_perspectives("justice")
th.tous_les_chiffres("justice")
