"""Contrat d'Engagement Jeune: the report's figures, the chosen territory's entries against the State objective
on the one calendar of month ends, the achievement by department and Mission Locale, the entrants' profile,
and for a year in progress where it would end. Draws only: figures from observatoire/publication/cej.py."""
from __future__ import annotations

import streamlit as st

from observatoire import formats
from observatoire.provenance import SOURCE_RAPPORT, Provenance
from observatoire.publication import cej, perimetre
from observatoire.vue import telechargements
from observatoire.vue import cej as graphiques
from observatoire.vue import composants as ui, filtres, graphiques as charts, publies
from observatoire.vue import thematiques as th

ui.entete(
    "Contrat d'Engagement Jeune",
    "Le Contrat d'Engagement Jeune (CEJ) a remplacé la Garantie Jeunes le 1er mars 2022. L'État fixe aux "
    "Missions Locales un objectif d'entrées pour l'année, qui compte ensemble les entrées en Garantie Jeunes "
    "du 1er janvier au 28 février et les entrées en CEJ à partir du 1er mars.",
)
f = filtres.barre_laterale().sur_tables("entrees_dispositif")
p = publies.indicateur

# --- the report's figures -------------------------------------------------------------------------------
blocs = cej.blocs_publies()
ui.dessiner_blocs(blocs)
publies.noter_affiches(cej.DEJA_DITS)
with st.expander("Les autres chiffres publiés : écart à l'objectif, animation du CEJ par l'ARML", expanded=True):
    deja = {c[0] for b in blocs for c in b.cartes} | cej.DEJA_DITS
    ui.tableau_publies([i for i in publies.du_theme("cej") if i.id not in deja])

# --- the chosen territory, from the publication layer --------------------------------------------------
dans, code = f.dans, (perimetre.REGION if f.est_region else f.code)
an, source = cej.annee(f.annee), cej.source_extraits(f.provenance)
st.header(f"Entrées face à l'objectif — {f.libelle}, {f.annee}", divider="gray")
if f.provenance == Provenance.DEMO:
    ui.avertir_demo()
ligne, obj, atteinte = cej.ligne(f.annee, code), cej.objectif(f.annee, code), cej.atteinte(f.annee, code)
c1, c2, c3, c4 = st.columns(4)
with c1:
    ui.carte(f"Entrées en Garantie Jeunes et CEJ {dans}", cej.nombre(ligne["nb_entrees"]), f.provenance, source,
             complement=f"dont CEJ : **{cej.nombre(ligne['nb_entrees_cej'])}**")
with c2:
    ui.carte("Objectif d'entrées de l'État", formats.nombre(obj) if obj else "non disponible",
             an.provenance_objectif or f.provenance, source,
             complement=(f"aucun objectif dans les extraits de {f.annee}" if not obj else
                         None if f.est_region else "somme des objectifs des Missions Locales du territoire"),
             aide=cej.note_objectifs(an.provenance_objectif))
with c3:
    ui.carte("Taux de réalisation de l'objectif", cej.texte_realisation(ligne["realisation"], ligne["realisation_pct"]),
             f.provenance, source, complement="entrées ÷ objectif × 100, comme le rapport le calcule")
with c4:
    ui.carte("Objectif atteint en", atteinte.texte, f.provenance, source, complement=atteinte.complement)

serie = cej.serie(f.annee, code)
projections = cej.projections(f.annee, code)
charts.afficher(graphiques.courbe(serie, f.annee, obj, projections[0] if projections else None),
                titre=f"Entrées cumulées mois après mois — {f.libelle}", donnees=cej.tableau_serie(serie),
                lecture=cej.lecture_serie(f.annee, code, dans), provenance=f.provenance, source=source,
                cle="cej_courbe", note=cej.note_courbe(serie, bool(projections)))
if f.annee == 2022 and f.est_region and f.provenance == Provenance.DEMO:
    st.caption(f"La démonstration reproduit exactement les chiffres publiés : {p('cej_entrees_gj').texte} entrées en "
               f"Garantie Jeunes + {p('cej_entrees_cej').texte} en CEJ = {p('cej_entrees_total').texte}. Le mois de "
               "franchissement de l'objectif, lui, dépend des dates de démonstration : il n'est pas publié.")
if projections:
    st.subheader("Projection de l'année en cours")
    st.info(f"Les extraits de {f.annee} s'arrêtent au {formats.date(an.date_fin_extraits)} : l'année est en cours.",
            icon=":material/schedule:")
    for proj in projections:
        st.markdown(cej.texte_projection(proj, obj))
    ui.badge(f.provenance, "Projection calculée sur les points publiés de la courbe : une estimation, pas un "
                           "chiffre constaté.")

# --- achievement by department and by Mission Locale ----------------------------------------------------
st.header(f"Réalisation de l'objectif par territoire — {f.annee}", divider="gray")
territoires = cej.realisation(f.annee)
if (territoires["realisation"] == "sans objectif").all():
    st.info(f"Les extraits de {f.annee} ne contiennent pas d'objectif d'entrées : le taux de réalisation par "
            "territoire n'est pas calculable.", icon=":material/info:")
else:
    dep_choisi = None if f.est_region else f.code if f.niveau == "departement" else ligne["departement"]
    deps = territoires[territoires["niveau"] == "departement"]
    mls = territoires[territoires["niveau"] == "mission_locale"]
    selection_ml = ({f.code} if f.niveau == "mission_locale" else
                    set(mls.loc[mls["departement"] == f.code, "code"]) if f.niveau == "departement" else set())
    for t, selection, titre, (quoi, quois), cle, haut in [
            (deps, {dep_choisi} - {None}, "par département", ("département", "départements"), "cej_departements", 34),
            (mls, selection_ml, "par Mission Locale", ("Mission Locale", "Missions Locales"), "cej_missions_locales",
             26)]:
        charts.afficher(graphiques.barres(t, selection, haut), titre=f"Taux de réalisation de l'objectif {titre}",
                        donnees=cej.tableau_territoires(t),
                        lecture=cej.lecture_barres(t, quoi, quois, an.date_fin_extraits if an.en_cours else None),
                        provenance=f.provenance, source=source, cle=cle,
                        note=cej.note_objectifs(an.provenance_objectif))
    if selection_ml:
        st.caption(f"En bleu foncé : {f.libelle}.")
st.page_link("pages/territoires.py", label="Voir le taux de réalisation sur la carte des territoires",
             icon=":material/map:", query_params={"indicateur": "realisation_cej_pct", "annee": str(f.annee), **(
                 {} if f.est_region else {"territoire": f.code, "decoupage": f.niveau})})

# --- profile of the entrants ------------------------------------------------------------------------------
st.header(f"Profil des jeunes entrés — {f.libelle}, {f.annee}", divider="gray")
perimetres = {"Normandie": perimetre.REGION} if f.est_region else {f.libelle: f.code, "Normandie": perimetre.REGION}
tab_profil = cej.profil_entrants(f.annee, perimetres)
st.dataframe(tab_profil, hide_index=True, width="stretch")
ui.badge(f.provenance)
telechargements.boutons_tableau(tab_profil, titre=f"Profil des jeunes entrés en Garantie Jeunes ou CEJ — {f.libelle}, "
                                          f"{f.annee}", source=source, provenance=f.provenance,
                        perimetre=telechargements.perimetre_courant(f.annee, f.code), cle="cej_profil_entrants",
                        note="parts des jeunes entrés dans l'année (Garantie Jeunes ou CEJ)")
st.caption(f"Source : {source}. Parts des jeunes entrés dans l'année (Garantie Jeunes ou CEJ). Publié pour la "
           f"Normandie en 2022 : {p('cej_part_femmes').texte} / {p('cej_part_hommes').texte} (appariement "
           f"incertain), {p('cej_part_qpv').texte} en QPV, {p('cej_part_formation').texte} en formation.")

st.header("Actions du réseau et perspectives", divider="gray")
th.contexte("cej")
th.actions_perspectives("cej", titre_actions="Temps forts 2022")
with st.expander("Définitions et méthode"):
    st.markdown(cej.methode())
    st.caption(f"Chiffres publiés : {SOURCE_RAPPORT}, sections « Contrat d'Engagement Jeune », « Observatoire » "
               "et mot de la présidente.")
