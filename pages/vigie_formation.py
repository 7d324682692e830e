"""VIGIE Jeunesse, formation and the training obligation of 16-18 year-olds: what the report publishes for 2022,
the network's actions and the 2023 perspectives."""
import streamlit as st

from observatoire.vue import thematiques as th, composants

composants.entete(
    "VIGIE, formation & obligation de formation",
    "Aller vers les jeunes «\u202finvisibles\u202f» (VIGIE Jeunesse), les orienter vers la formation, et accompagner "
    "l'obligation de formation des 16-18 ans.",
)
st.caption("Chiffres régionaux uniquement : pour VIGIE Jeunesse, la formation et l'obligation de formation, le rapport "
           "ne publie aucune répartition par département ni par Mission Locale.")


def onglet_vigie() -> None:
    st.header("VIGIE Jeunesse en 2022")
    th.contexte("vigie")
    reperes, reperes_cumul, reperes_avant, mls = th.indicateurs(
        "vigie_jeunes_reperes", "vigie_jeunes_reperes_cumul", "vigie_jeunes_reperes_2020_2021",
        "vigie_missions_locales")
    th.cartes([reperes, reperes_cumul, mls], libelles={
        "vigie_jeunes_reperes": "Jeunes repérés en 2022",
        "vigie_jeunes_reperes_cumul": "Jeunes repérés depuis 2020 (2020-2022)",
        "vigie_missions_locales": "Missions Locales du consortium VIGIE Jeunesse"})
    actions = th.indicateurs("vigie_actions_reperage", "vigie_actions_reperage_cumul", "vigie_actions_accrochage",
                             "vigie_actions_accrochage_cumul")
    th.cartes(actions, par_ligne=4, libelles={
        "vigie_actions_reperage": "Actions de repérage en 2022",
        "vigie_actions_reperage_cumul": "Actions de repérage depuis 2020",
        "vigie_actions_accrochage": "Actions d'accrochage en 2022",
        "vigie_actions_accrochage_cumul": "Actions d'accrochage depuis 2020"})
    th.graphique_publie(
        [reperes_avant, reperes, reperes_cumul], titre="Jeunes repérés par VIGIE Jeunesse", cle="vigie_reperes",
        axe="jeunes", libelles=["2020 et 2021", "2022", "Total 2020-2022"],
        groupes=["Dérivé (total − 2022)", "Publié", "Publié"], titre_groupes="Chiffre",
        lecture=f"{reperes.texte} jeunes repérés en 2022, {reperes_cumul.texte} depuis le début du projet en 2020 ; "
                f"les années 2020 et 2021 en comptent donc {reperes_avant.texte}.",
        note="2020 et 2021 = total depuis 2020 − 2022")
    th.graphique_publie(
        actions, titre="Actions de repérage et d'accrochage", cle="vigie_actions", axe="actions",
        libelles=["Repérage, 2022", "Repérage, depuis 2020", "Accrochage, 2022", "Accrochage, depuis 2020"],
        groupes=["2022", "2020-2022", "2022", "2020-2022"], titre_groupes="Période",
        lecture=f"{actions[0].texte} actions de repérage et {actions[2].texte} actions d'accrochage en 2022.")
    st.subheader("Temps forts")
    evenement = th.indicateurs("vigie_evenement_participants", "vigie_evenement_annees_experience",
                               "vigie_evenement_poles_media")
    th.cartes(evenement, libelles={
        "vigie_evenement_participants": "Participants à «\u202fTous mobilisés pour la jeunesse\u202f» (3 mars 2022)",
        "vigie_evenement_annees_experience": "Années d'expérience du projet partagées",
        "vigie_evenement_poles_media": "Pôles Médias Jeunes présents"})
    beauregard = th.indicateurs("vigie_beauregard_personnes", "vigie_beauregard_jeunes")
    th.cartes(beauregard, par_ligne=3, libelles={
        "vigie_beauregard_personnes": "Personnes rencontrées au festival Beauregard (6-10 juillet 2022)",
        "vigie_beauregard_jeunes": "dont jeunes"})
    th.actions_perspectives("vigie")


def onglet_formation() -> None:
    st.header("Formation en 2022")
    th.contexte("formation")
    actions_f, jeunes_f, region_f, part_region = th.indicateurs(
        "formation_actions", "formation_jeunes", "formation_financees_region", "formation_part_financees_region")
    th.cartes([actions_f, jeunes_f, region_f], libelles={
        "formation_actions": "Formations mobilisées",
        "formation_jeunes": "Jeunes ayant bénéficié de ces formations",
        "formation_financees_region": "Formations financées par la Région"},
        complements={"formation_financees_region": f"soit **{part_region.texte}** des formations mobilisées "
                                                   f"(dérivé : {region_f.texte} ÷ {actions_f.texte})"})
    profil = th.indicateurs("formation_part_femmes", "formation_part_hommes", "formation_part_niveau5_infra",
                            "formation_part_qpv", "formation_part_zrr", "formation_part_rqth")
    th.graphique_publie(
        profil, titre="Profil des jeunes en formation", cle="formation_profil", axe="% des jeunes en formation",
        libelles=["Femmes", "Hommes", "Niveau 5 non validé et infra", "Résidant en QPV", "Résidant en ZRR",
                  "Reconnus travailleurs handicapés (RQTH)"],
        groupes=["Sexe", "Sexe", "Niveau", "Territoire", "Territoire", "Handicap"], titre_groupes="Caractéristique",
        lecture=f"{profil[2].texte} des jeunes en formation ont un «\u202fniveau 5 non validé et infra\u202f» ; "
                f"{profil[3].texte} résident en quartier prioritaire.",
        note="QPV : quartier prioritaire de la politique de la ville ; ZRR : zone de revitalisation rurale ; "
             "niveau 5 non validé et infra : libellé du rapport, qui ne le définit pas ; dans l'ancienne nomenclature "
             "des niveaux de formation, le niveau 5 est celui du CAP et du BEP (précision de l'observatoire)")
    st.subheader("Temps forts et perspectives")
    th.cartes_libellees({
        "formation_campagne_facebook_personnes": "Personnes touchées par la campagne Facebook «\u202fBooste ton profil "
                                                 "avec une formation\u202f» (juin 2022)",
        "formation_campagne_facebook_part_femmes": "dont femmes (principalement âgées de 35 à 44 ans)",
        "formation_salon_orientation_jours": "Jours du Salon régional de l'orientation et des métiers (mars)"})
    metiers, secteurs = th.indicateurs("formation_metiers360_metiers", "formation_metiers360_secteurs")
    th.cartes([metiers, secteurs], libelles={
        "formation_metiers360_metiers": f"Métiers à découvrir en réalité virtuelle («\u202fprès de "
                                        f"{metiers.texte}\u202f», Métiers 360, 2023)",
        "formation_metiers360_secteurs": "Secteurs professionnels couverts (Métiers 360, 2023)"})
    th.actions_perspectives("formation")


def onglet_obligation() -> None:
    st.header("Obligation de formation des 16-18 ans en 2022")
    th.contexte("obligation_formation")
    promo, part_promo, groupes_travail = th.indicateurs(
        "obligation_formation_jeunes_promo_16_18", "obligation_formation_part_orientes",
        "obligation_formation_groupes_travail")
    th.cartes([promo, part_promo, groupes_travail], libelles={
        "obligation_formation_jeunes_promo_16_18": "Jeunes orientés par les Missions Locales vers la Promo 16-18 "
                                                   "de l'AFPA",
        "obligation_formation_part_orientes": f"Part imprimée à côté de ces {promo.texte} jeunes",
        "obligation_formation_groupes_travail": "Groupes de travail thématiques pour les co-pilotes des PSAD"},
        complements={"obligation_formation_part_orientes": "Base non précisée par le rapport : vraisemblablement la "
                                                           "part des jeunes de la Promo 16-18 orientés par les "
                                                           "Missions Locales."})
    th.actions_perspectives("obligation_formation")


th.onglets({"VIGIE Jeunesse": onglet_vigie, "Formation": onglet_formation,
            "Obligation de formation 16-18 ans": onglet_obligation}, cle="onglet_vigie")
th.tous_les_chiffres("vigie", "formation", "obligation_formation",
                     titre="Tous les chiffres publiés de ces trois sections")
