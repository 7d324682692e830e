"""Home page: the key figures of the chosen year and territory, each with where it comes from."""
import streamlit as st

from observatoire.publication import accueil
from observatoire.vue import telechargements
from observatoire.vue import composants, filtres, publies

composants.entete(
    "Chiffres clés",
    "Les Missions Locales de Normandie accompagnent les jeunes de 16 à 25 ans vers l'emploi, "
    "la formation, le logement et la santé. Voici l'essentiel de l'année, pour la région ou "
    "pour votre territoire.",
)
f = filtres.barre_laterale()
p = publies.indicateur


def chiffres_publies_2022() -> None:
    st.markdown("Chiffres de l'année 2022 **tels que publiés** dans le rapport d'activité de l'ARML Normandie.")
    col1, col2, col3 = st.columns(3)
    with col1:
        composants.carte_publiee(p("jeunes_accompagnes"), delta=p("jeunes_accompagnes_evolution"))
    with col2:
        part, accueils, accompagnes = p("premiers_accueils_part"), p("premiers_accueils"), p("jeunes_accompagnes")
        composants.carte_publiee(accueils, delta=p("premiers_accueils_evolution"),
                                 complement=f"soit **{part.texte}** des jeunes accompagnés ({accueils.texte} ÷ "
                                            f"{accompagnes.texte}, part dérivée des chiffres publiés)")
    with col3:
        total, objectif, taux = p("cej_entrees_total"), p("cej_objectif"), p("cej_taux_realisation")
        composants.carte_publiee(total, libelle="Entrées en Garantie Jeunes et CEJ",
                                 complement=f"pour un objectif de **{objectif.texte}** conventionné avec l'État, "
                                            f"soit **{taux.texte}** de réalisation")
        st.progress(*accueil.progression_objectif())

    st.subheader("Entrées en Garantie Jeunes puis en CEJ")
    gj, cej = p("cej_entrees_gj"), p("cej_entrees_cej")
    c1, c2 = st.columns(2)
    with c1:
        composants.carte_publiee(gj)
    with c2:
        composants.carte_publiee(cej)
    st.caption(accueil.somme_gj_cej())

    st.subheader("Emploi et formation")
    c1, c2, c3, c4 = st.columns(4)
    for col, id_ in zip((c1, c2, c3, c4), ("emploi_observatoire_jeunes_entres_emploi",
                                           "emploi_observatoire_jeunes_alternance",
                                           "formation_observatoire_jeunes", "publics_nb_sans_diplome")):
        with col:
            composants.carte_publiee(p(id_))

    st.subheader("Activité des Missions Locales")
    ids_activite = ("publics_entretiens_individuels", "publics_ateliers", "publics_informations_collectives",
                    "publics_heures_face_a_face")
    for col, id_ in zip(st.columns(4), ids_activite):
        with col:
            composants.carte_publiee(p(id_))
    st.caption(p("publics_heures_face_a_face").note)

    with st.expander("Estimations 2021 dérivées des variations publiées"):
        composants.tableau_publies([p("jeunes_accompagnes_2021"), p("premiers_accueils_2021")])


def chiffres_extraits() -> None:
    c = accueil.chiffres_extraits(f)
    if c.demonstration:
        composants.avertir_demo()
    st.markdown(f"**{f.libelle}**, année **{f.annee}** : chiffres calculés sur les extraits.")
    for col, carte in zip(st.columns(3), c.cartes):
        with col:
            composants.carte(carte.libelle, carte.texte, carte.provenance, carte.source, carte.delta, carte.sens,
                             complement=carte.complement)
    st.subheader(f"{f.libelle} comparé à la Normandie" if not f.est_region else "Profil des jeunes accompagnés")
    st.dataframe(c.profil, hide_index=True, width="stretch")
    composants.badge(c.provenance_profil)
    st.caption(f"Source : {c.source_profil}. {c.note_profil[0].upper()}{c.note_profil[1:]}.")
    telechargements.boutons_tableau(c.profil, titre=f"Profil des jeunes accompagnés — {f.libelle}, {f.annee}",
                            source=c.source_profil, provenance=c.provenance_profil,
                            perimetre=telechargements.perimetre_courant(f.annee, f.code), cle="chiffres_cles_profil",
                            note=c.note_profil)


if f.est_region and f.annee_du_rapport:
    chiffres_publies_2022()
    with st.expander("Les mêmes chiffres recalculés sur les extraits"):
        chiffres_extraits()
else:
    chiffres_extraits()
