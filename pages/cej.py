"""Contrat d'Engagement Jeune: the report's figures, the chosen territory's entries against the State objective
on the one calendar of month ends, the achievement by department and Mission Locale, the entrants' profile,
and for a year in progress where it would end. Draws only: figures from observatoire/publication/cej.py."""
from __future__ import annotations

import streamlit as st

from observatoire import exports, formats, secret
from observatoire.publication import cej, perimetre
from observatoire.vue import cej as graphiques
from observatoire.vue import composants as ui, filtres, graphiques as charts, publies
from observatoire.vue import thematiques as th
from observatoire.provenance import SOURCE_RAPPORT, Provenance

ui.entete(
    "Contrat d'Engagement Jeune",
    "Le Contrat d'Engagement Jeune (CEJ) a remplacé la Garantie Jeunes le 1er mars 2022. L'État fixe aux "
    "Missions Locales un objectif d'entrées pour l'année, qui compte ensemble les entrées en Garantie Jeunes "
    "du 1er janvier au 28 février et les entrées en CEJ à partir du 1er mars.",
)
f = filtres.barre_laterale().sur_tables("entrees_dispositif")
p = publies.indicateur

# --- the report's figures -------------------------------------------------------------------------------
st.header("Les chiffres publiés du rapport 2022", divider="gray")
total, objectif, taux = p("cej_entrees_total"), p("cej_objectif"), p("cej_taux_realisation")
au_dela, femmes, hommes = p("cej_entrees_au_dessus_objectif"), p("cej_part_femmes"), p("cej_part_hommes")
CARTES = [
    [(total, "Entrées en Garantie Jeunes et CEJ en 2022", f"pour un objectif de **{objectif.texte}** conventionné avec l'État"),
     (taux, "Taux de réalisation de l'objectif de l'État",
      f"{total.texte} ÷ {objectif.texte} = {formats.pourcentage(100 * total.valeur / objectif.valeur, 1)}, publié arrondi"),
     (p("cej_rang_taux_atteinte"), "Rang parmi les régions métropolitaines pour l'atteinte de l'objectif",
      "« première région métropolitaine »")],
    [(p("cej_entrees_gj"), "Entrées en Garantie Jeunes (1er janvier – 28 février)", None),
     (p("cej_entrees_cej"), "Entrées en CEJ (1er mars – 31 décembre)", None),
     (objectif, "Objectif d'entrées conventionné avec l'État", None)],
]
for rangee in CARTES:
    for col, (ind, libelle, complement) in zip(st.columns(3), rangee):
        with col:
            ui.carte_publiee(ind, libelle=libelle, complement=complement)
st.caption(f"{p('cej_entrees_gj').texte} + {p('cej_entrees_cej').texte} = {total.texte} entrées, soit "
           f"{au_dela.texte} de plus que l'objectif (dérivé : {total.texte} − {objectif.texte}).")

st.subheader("Les jeunes entrés en CEJ")
for col, (ind, libelle, complement) in zip(st.columns(3), [
        (femmes, "Femmes parmi les jeunes entrés en CEJ", f"Hommes : **{hommes.texte}** — appariement incertain (voir la note)"),
        (p("cej_part_qpv"), "Issus d'un quartier prioritaire de la politique de la ville (QPV)",
         f"contre {p('publics_part_qpv').texte} parmi l'ensemble des jeunes accompagnés"),
        (p("cej_part_formation"), "Ont fait ou sont en formation", None)]):
    with col:
        ui.carte_publiee(ind, libelle=libelle, complement=complement)
st.caption(f"Note sur la répartition par sexe : {femmes.note}")

st.subheader("Les sorties")
sortis, durables = p("cej_part_sortis_emploi"), p("cej_sorties_emploi_durable")
for col, (ind, libelle) in zip(st.columns(2), [
        (sortis, "Jeunes sortis en emploi (CDI ou CDD de plus de 6 mois)"),
        (durables, "Sorties liées à un emploi de 6 mois et plus ou à l'alternance, au 31 décembre 2022 (mot de la présidente)")]):
    with col:
        ui.carte_publiee(ind, libelle=libelle, complement=ind.note)
AFFICHES = {"cej_entrees_total", "cej_objectif", "cej_taux_realisation", "cej_rang_taux_atteinte", "cej_entrees_gj",
            "cej_entrees_cej", "cej_part_femmes", "cej_part_hommes", "cej_part_qpv", "cej_part_formation",
            "cej_part_sortis_emploi", "cej_sorties_emploi_durable"}
with st.expander("Les autres chiffres publiés : écart à l'objectif, animation du CEJ par l'ARML", expanded=True):
    ui.tableau_publies([i for i in publies.du_theme("cej") if i.id not in AFFICHES])

# --- the chosen territory, from the publication layer --------------------------------------------------
dans, code = f.dans, (perimetre.REGION if f.est_region else f.code)
an = cej.annee(f.annee)
SOURCE_EXTRAITS = ("Extraits du système d'information des Missions Locales (entrées en dispositif, objectifs)"
                   if f.provenance == Provenance.EXTRAITS else "Données de démonstration (extraits générés par l'observatoire)")
st.header(f"Entrées face à l'objectif — {f.libelle}, {f.annee}", divider="gray")
if f.provenance == Provenance.DEMO:
    ui.avertir_demo()
ligne = cej.ligne(f.annee, code)
obj = cej.objectif(f.annee, code)
atteinte = cej.atteinte(f.annee, code)
c1, c2, c3, c4 = st.columns(4)
with c1:
    ui.carte(f"Entrées en Garantie Jeunes et CEJ {dans}", cej.nombre(ligne["nb_entrees"]), f.provenance, SOURCE_EXTRAITS,
             complement=f"dont CEJ : **{cej.nombre(ligne['nb_entrees_cej'])}**")
with c2:
    ui.carte("Objectif d'entrées de l'État", formats.nombre(obj) if obj else "non disponible",
             an.provenance_objectif or f.provenance, SOURCE_EXTRAITS,
             complement=(f"aucun objectif dans les extraits de {f.annee}" if not obj else
                         None if f.est_region else "somme des objectifs des Missions Locales du territoire"),
             aide=(f"En démonstration, l'objectif régional publié ({objectif.texte}) est réparti entre les Missions "
                   "Locales au prorata de leurs jeunes accompagnés : les objectifs par Mission Locale ne sont pas réels."
                   if an.provenance_objectif == Provenance.DEMO else None))
with c3:
    ui.carte("Taux de réalisation de l'objectif", cej.texte_realisation(ligne["realisation"], ligne["realisation_pct"]),
             f.provenance, SOURCE_EXTRAITS, complement="entrées ÷ objectif × 100, comme le rapport le calcule")
with c4:
    ui.carte("Objectif atteint", atteinte.texte, f.provenance, SOURCE_EXTRAITS, complement=atteinte.complement)

serie = cej.serie(f.annee, code)
projections = cej.projections(f.annee, code)
projection = projections[0] if projections else None
note = (("en pointillés gris, la projection linéaire de la fin d'année (voir plus bas) ; " if projection else "")
        + "cumul en fin de mois (le 28 février 2022 clôt la Garantie Jeunes) ; les mêmes points sur les pages, "
        "les diapositives, les fiches et les exports")
if serie["cumul_entrees"].isna().any():
    note += f" ; les points non tracés sont couverts par le secret statistique ({secret.seuil_texte()})"
charts.afficher(graphiques.courbe(serie, f.annee, obj, projection), titre=f"Entrées cumulées mois après mois — {f.libelle}",
                donnees=cej.tableau_serie(serie), lecture=cej.lecture_serie(f.annee, code, dans),
                provenance=f.provenance, source=SOURCE_EXTRAITS, cle="cej_courbe", note=note)
if f.annee == 2022 and f.est_region and f.provenance == Provenance.DEMO:
    st.caption(f"La démonstration reproduit exactement les chiffres publiés : {p('cej_entrees_gj').texte} entrées en "
               f"Garantie Jeunes + {p('cej_entrees_cej').texte} en CEJ = {total.texte} ; l'objectif de "
               f"{objectif.texte} est dépassé de {au_dela.texte}. Le mois de franchissement, lui, dépend des dates "
               "de démonstration : il n'est pas publié.")
if projection:
    st.subheader("Projection de l'année en cours")
    st.info(f"Les extraits de {f.annee} s'arrêtent au {formats.date(an.date_fin_extraits)} : l'année est en cours.",
            icon=":material/schedule:")
    for proj in projections:
        cible = (f"à **{formats.pourcentage(round(proj.pct_objectif))}** de l'objectif (environ "
                 f"{formats.nombre(round(proj.entrees_projetees, -1))} entrées pour {formats.nombre(obj)})" if obj
                 else f"à environ **{formats.nombre(round(proj.entrees_projetees, -1))}** entrées")
        titre = "À ce rythme" if proj.methode == "lineaire" else "Avec le profil de l'année précédente"
        st.markdown(f"**{titre}, l'année se terminerait {cible}.** Méthode : {proj.explication}.")
    ui.badge(f.provenance, "Projection calculée sur les points publiés de la courbe : une estimation, pas un chiffre constaté.")

# --- achievement by department and by Mission Locale ----------------------------------------------------
st.header(f"Réalisation de l'objectif par territoire — {f.annee}", divider="gray")
territoires = cej.realisation(f.annee)
en_cours_au = an.date_fin_extraits if an.en_cours else None
if (territoires["realisation"] == "sans objectif").all():
    st.info(f"Les extraits de {f.annee} ne contiennent pas d'objectif d'entrées : le taux de réalisation par "
            "territoire n'est pas calculable.", icon=":material/info:")
else:
    note_obj = (f"objectifs par Mission Locale de démonstration (l'objectif régional publié, {objectif.texte}, réparti au "
                "prorata des jeunes accompagnés)" if an.provenance_objectif == Provenance.DEMO else None)
    dep_choisi = None if f.est_region else f.code if f.niveau == "departement" else ligne["departement"]
    deps = territoires[territoires["niveau"] == "departement"]
    mls = territoires[territoires["niveau"] == "mission_locale"]
    selection_ml = ({f.code} if f.niveau == "mission_locale" else
                    set(mls.loc[mls["departement"] == f.code, "code"]) if f.niveau == "departement" else set())
    for t, selection, titre, (quoi, quois), cle, haut in [
            (deps, {dep_choisi} - {None}, "par département", ("département", "départements"), "cej_departements", 34),
            (mls, selection_ml, "par Mission Locale", ("Mission Locale", "Missions Locales"), "cej_missions_locales", 26)]:
        charts.afficher(graphiques.barres(t, selection, haut), titre=f"Taux de réalisation de l'objectif {titre}",
                        donnees=cej.tableau_territoires(t), lecture=cej.lecture_barres(t, quoi, quois, en_cours_au),
                        provenance=f.provenance, source=SOURCE_EXTRAITS, cle=cle, note=note_obj)
    if selection_ml:
        st.caption(f"En bleu foncé : {f.libelle}.")
st.page_link("pages/territoires.py", label="Voir le taux de réalisation sur la carte des territoires",
             icon=":material/map:", query_params={"indicateur": "realisation_cej_pct", "annee": str(f.annee),
                                                  **({} if f.est_region else {"territoire": f.code, "decoupage": f.niveau})})

# --- profile of the entrants ------------------------------------------------------------------------------
st.header(f"Profil des jeunes entrés — {f.libelle}, {f.annee}", divider="gray")
perimetres = {"Normandie": perimetre.REGION} if f.est_region else {f.libelle: f.code, "Normandie": perimetre.REGION}
tab_profil = cej.profil_entrants(f.annee, perimetres)
st.dataframe(tab_profil, hide_index=True, width="stretch")
ui.badge(f.provenance)
exports.boutons_tableau(tab_profil, titre=f"Profil des jeunes entrés en Garantie Jeunes ou CEJ — {f.libelle}, {f.annee}",
                        source=SOURCE_EXTRAITS, provenance=f.provenance, perimetre=exports.perimetre_courant(f.annee, f.code),
                        cle="cej_profil_entrants", note="parts des jeunes entrés dans l'année (Garantie Jeunes ou CEJ)")
st.caption(f"Source : {SOURCE_EXTRAITS}. Parts des jeunes entrés dans l'année (Garantie Jeunes ou CEJ). "
           f"Publié pour la Normandie en 2022 : {femmes.texte} / {hommes.texte} (appariement incertain), "
           f"{p('cej_part_qpv').texte} en QPV, {p('cej_part_formation').texte} en formation.")

st.header("Actions du réseau et perspectives", divider="gray")
th.contexte("cej")
th.actions_perspectives("cej", titre_actions="Temps forts 2022")
with st.expander("Définitions et méthode"):
    st.markdown(cej.methode())
    st.caption(f"Chiffres publiés : {SOURCE_RAPPORT}, sections « Contrat d'Engagement Jeune », « Observatoire » "
               "et mot de la présidente.")
