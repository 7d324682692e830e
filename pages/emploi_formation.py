"""Emploi & formation: the report's figures on employment, alternance (two published figures, two scopes),
training, sponsorship and the « 1 par 1 » week; then, from the extracts, the chosen territory beside the
others (contracts by type, young people by situation, training funded by the Region, starts by month).
Draws only: figures, tables and sentences from observatoire/publication/emploi_formation.py."""
from __future__ import annotations

import altair as alt
import streamlit as st

from observatoire import palette
from observatoire.provenance import Provenance
from observatoire.publication import emploi_formation as ef
from observatoire.vue import telechargements
from observatoire.vue import composants, filtres, graphiques, publies
from observatoire.vue import thematiques as th

composants.entete(
    "Emploi & formation",
    "Les Missions Locales accompagnent les jeunes vers l'emploi, l'alternance et la formation. Voici ce que "
    "publie le rapport d'activité 2022, puis, pour le territoire choisi, ce que disent les extraits.",
)
# the figures computed here rest on the situations (contracts, training) of the young people supported
f = filtres.barre_laterale().sur_tables("jeunes", "situations")
TROIS_COULEURS = [palette.BLEU, palette.CATEGORIELLE[1], palette.CATEGORIELLE[2]]

# --- the report's figures -------------------------------------------------------------------------------

blocs = ef.blocs_publies()
composants.dessiner_blocs(blocs)
publies.noter_affiches(ef.DEJA_DITS)

with st.expander("Tous les autres chiffres publiés sur l'emploi et la formation", expanded=True):
    deja = ef.ids_dans_les_cartes(blocs)
    composants.tableau_publies([i for t in ("emploi", "formation") for i in publies.du_theme(t) if i.id not in deja])
    st.caption("Les chiffres sur le chômage des jeunes sont ceux que cite le rapport, sans territoire précisé ; "
               "ceux de Métiers 360 sont des perspectives 2023.")

# --- the chosen territory, from the extracts ----------------------------------------------------------

st.header(f"Par territoire — {f.libelle}, {f.annee}", divider="gray")
if f.provenance == Provenance.DEMO:
    composants.avertir_demo()
t = ef.par_territoire(f)
if t.vide:
    st.info(f"Les extraits de {f.annee} ne contiennent aucune situation (emploi, alternance, formation).",
            icon=":material/info:")
for colonne, (libelle, valeur, complement) in zip(st.columns(3), t.cartes):
    with colonne:
        composants.carte(libelle, valeur, f.provenance, t.source, complement=complement)


def afficher(g: ef.Graphique, chart) -> None:
    graphiques.afficher(chart, titre=g.titre, donnees=g.tableau, lecture=g.lecture, provenance=f.provenance,
                        source=t.source, cle=g.cle, note=g.note)


afficher(t.contrats, graphiques.barres_empilees_parts(
    t.contrats.lignes, ordre=list(t.contrats.ordre), titre_axe="Part des contrats",
    categories=dict(zip(ef.LIB_TYPES.values(), [palette.CATEGORIELLE[2], palette.BLEU, palette.CATEGORIELLE[1]])),
    infobulles=[alt.Tooltip("libelle:N", title="Territoire"), alt.Tooltip("categorie:N", title="Type"),
                alt.Tooltip("nb:Q", title="Contrats", format=",d"), alt.Tooltip("part:Q", title="Part", format=".1%")]))
afficher(t.jeunes, graphiques.barres_groupees(
    t.jeunes.lignes, ordre=list(t.jeunes.ordre), titre_axe="Jeunes",
    categories=dict(zip(ef.LIB_JEUNES.values(), TROIS_COULEURS)),
    infobulles=[alt.Tooltip("libelle:N", title="Territoire"), alt.Tooltip("categorie:N", title="Situation"),
                alt.Tooltip("texte:N", title="Jeunes")]))
afficher(t.region, graphiques.barres_reference(
    t.region.lignes, reference=t.reference_region_pct, libelle_reference=t.libelle_reference, x_max=100,
    titre_axe="Part des actions financées par la Région",
    infobulles=[alt.Tooltip("libelle:N", title="Territoire"),
                alt.Tooltip("etiquette:N", title="Part financée par la Région")]))
afficher(t.mois, graphiques.courbes_par_mois(
    t.mois.lignes, mois=list(t.mois.ordre), titre_axe="Débuts dans le mois",
    categories=dict(zip(ef.LIB_SITU.values(), TROIS_COULEURS)),
    infobulles=[alt.Tooltip("mois_lib:N", title="Mois"), alt.Tooltip("categorie:N", title="Situation"),
                alt.Tooltip("nb:Q", title="Débuts", format=",d")]))

with st.expander("Toutes les Missions Locales : tableau complet"):
    st.dataframe(t.tableau_ml, hide_index=True, width="stretch")
    composants.badge(f.provenance)
    telechargements.boutons_tableau(t.tableau_ml, titre=f"Emploi et formation par Mission Locale, {f.annee}",
                                    source=t.source,
                            cle="emploi_tableau_ml", provenance=f.provenance, perimetre=f"Normandie, {f.annee}")

st.header("Actions du réseau et perspectives", divider="gray")
th.contexte("emploi")
th.actions_perspectives("emploi", titre_actions="Temps forts 2022")

with st.expander("Définitions"):
    for terme, definition in ef.definitions():
        st.markdown(f"**{terme}** : {definition}")
    st.caption(ef.SOURCE_PUBLIEE)
