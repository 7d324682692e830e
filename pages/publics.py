"""Publics accompagnés: age, qualification, sex, QPV/ZRR, housing and RQTH of the young people supported,
for the chosen territory beside the region. Draws only: tables, sentences and provenance from
observatoire/publication/publics.py."""
from __future__ import annotations

import streamlit as st

from observatoire.provenance import Provenance
from observatoire.publication import publics
from observatoire.vue import composants, filtres, graphiques, publies

composants.entete(
    "Publics accompagnés",
    "Qui sont les jeunes accompagnés par les Missions Locales ? Leur âge, leur niveau de qualification, "
    "leur sexe, leur lieu de vie, leur logement et leur handicap, pour le territoire choisi à côté de "
    "la Normandie.",
)
f = filtres.barre_laterale()
if f.provenance == Provenance.DEMO:
    composants.avertir_demo()


def dessiner(r: publics.Repartition) -> None:
    publies.noter_affiches(r.affiches)
    graphiques.afficher(graphiques.barres_territoire_region(r.lignes, r.titre_axe), titre=r.titre,
                        donnees=r.tableau, lecture=r.lecture, provenance=r.provenance, source=r.source, cle=r.cle,
                        note=r.note, avertissements=r.avertissements)


for colonne, carte in zip(st.columns(2), publics.cartes(f)):
    publies.noter_affiches(carte.affiches)
    with colonne:
        if carte.indicateur is not None:
            composants.carte_publiee(carte.indicateur, libelle=carte.libelle)
        else:
            composants.carte(carte.libelle, carte.texte, carte.provenance, carte.source, complement=carte.complement)

dessiner(publics.age(f))
dessiner(publics.niveau(f))
dessiner(publics.sexe(f))
note, ids = publics.note_sexe()
publies.noter_affiches(ids)
st.caption(note)
dessiner(publics.qpv_zrr(f))
dessiner(publics.logement(f))
dessiner(publics.rqth(f))

with st.expander("Définitions"):
    for terme, definition in publics.definitions():
        st.markdown(f"**{terme}** : {definition}")
