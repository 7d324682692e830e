"""Vie du réseau: the ARML team and its governance, the regional training plan, communication and events,
mutualisation, labellisation and regional technical assistance, Objectif Planète — one tab each."""
import streamlit as st

from observatoire.vue import thematiques as th, composants

composants.entete(
    "Vie du réseau",
    "Ce que fait l'Association régionale des Missions Locales (ARML) pour animer, former, outiller et faire "
    "connaître le réseau des Missions Locales de Normandie.",
)
st.caption("Chiffres régionaux uniquement : pour la vie du réseau, le rapport ne publie aucune répartition par "
           "département ni par Mission Locale ; ses chiffres portent sur l'ARML et l'ensemble du réseau normand.")


def onglet_equipe() -> None:
    st.header("L'équipe régionale en 2022")
    th.contexte("equipe")
    th.cartes_libellees({
        "equipe_reunions_animees": "Réunions animées par l'équipe",
        "equipe_reunions_participees": "Réunions auxquelles l'équipe a participé",
        "equipe_km_parcourus": "Kilomètres parcourus"})
    envoyes, recus = th.indicateurs("equipe_mails_envoyes", "equipe_mails_recus")
    th.graphique_publie([envoyes, recus], titre="Mails de l'équipe", cle="reseau_mails", axe="mails",
                        libelles=["Envoyés", "Reçus"],
                        lecture=f"L'équipe a reçu {recus.texte} mails et en a envoyé {envoyes.texte}.",
                        note="statistiques 2022 Office 365 Microsoft")
    st.subheader("Gouvernance de l'ARML")
    th.cartes_libellees({
        "gouvernance_conseils_administration": "Conseils d'administration",
        "gouvernance_bureaux": "Réunions du bureau",
        "gouvernance_assemblees_generales": "Assemblée générale"})
    th.actions_perspectives("equipe", titre_actions="En 2022")


def onglet_plan() -> None:
    st.header("Le plan régional de formation des salariés")
    th.contexte("plan_formation")
    actions, sessions, participants, part_effectif, jours, part_presentiel, part_ml = th.indicateurs(
        "plan_formation_actions", "plan_formation_sessions", "plan_formation_participants",
        "plan_formation_part_effectif", "plan_formation_jours", "plan_formation_part_presentiel",
        "plan_formation_part_ml")
    th.cartes([actions, sessions, participants], libelles={
        "plan_formation_actions": "Actions de formation",
        "plan_formation_sessions": "Sessions de formation",
        "plan_formation_participants": "Participants"},
        complements={"plan_formation_participants": f"soit **{part_effectif.texte}** de l'effectif total des "
                                                    "Missions Locales"})
    th.cartes([jours, part_ml, th.indicateurs("plan_formation_effectif_estime")[0]], libelles={
        "plan_formation_jours": "Jours de formation",
        "plan_formation_part_ml": "Missions Locales ayant adressé des salariés en formation",
        "plan_formation_effectif_estime": "Effectif total des Missions Locales (estimation)"},
        complements={"plan_formation_jours": f"dont **{part_presentiel.texte}** en présentiel",
                     "plan_formation_effectif_estime": f"{participants.texte} participants ÷ {part_effectif.texte} "
                                                       "(part arrondie : valeur approchée)"})
    lieux = th.indicateurs("plan_formation_sessions_caen", "plan_formation_sessions_rouen",
                           "plan_formation_sessions_distanciel")
    th.graphique_publie(lieux, titre="Sessions de formation par lieu", cle="reseau_sessions", axe="sessions",
                        libelles=["Caen", "Rouen", "À distance"],
                        lecture=f"Sur {sessions.texte} sessions, {lieux[0].texte} ont eu lieu à Caen et "
                                f"{lieux[1].texte} à Rouen : le présentiel est revenu en 2022.")
    typologie = th.indicateurs("plan_formation_typologie_1", "plan_formation_typologie_2")
    th.graphique_publie(typologie, titre="Typologie des formations", cle="reseau_typologie", axe="% des formations",
                        libelles=["Première catégorie (libellé non restitué)",
                                  "Seconde catégorie (libellé non restitué)"],
                        lecture=f"Le rapport répartit les formations en deux catégories ({typologie[0].texte} et "
                                f"{typologie[1].texte}), dont le texte extrait ne donne pas les libellés.")
    th.cartes_libellees({
        "plan_formation_sessions_cej": "Sessions régionales «\u202fContrat d'Engagement Jeunes\u202f» (animées "
                                       "par l'ARML Grand Est)",
        "plan_formation_demi_journees_dude": "Demi-journées de formation DUDE",
        "plan_formation_annees_distanciel": "Années de formation quasi exclusivement à distance avant 2022"})
    th.actions_perspectives("plan_formation")


def onglet_communication() -> None:
    st.header("Communication et événements")
    th.contexte("communication")
    campagnes, printemps, anniversaire = th.indicateurs(
        "communication_campagnes", "communication_printemps_solutions_evenements", "communication_anniversaire_reseau")
    th.cartes([campagnes, printemps, anniversaire], libelles={
        "communication_campagnes": "Campagnes régionales de communication",
        "communication_printemps_solutions_evenements": "Événements locaux du Printemps des solutions («\u202fplus de "
                                                        f"{printemps.texte}\u202f»)",
        "communication_anniversaire_reseau": "Anniversaire du réseau des Missions Locales (années)"})
    th.cartes_libellees({
        "communication_mobiconnect_affichages": "Affichages Mobiconnect (octobre)",
        "communication_mobiconnect_gares": "Gares concernées",
        "communication_mupi_affichages": "Affichages Mupi (décembre)",
        "communication_mupi_missions_locales": "Territoires de Missions Locales couverts"}, par_ligne=4)
    posts = th.indicateurs("communication_posts_facebook", "communication_posts_linkedin",
                           "communication_tweets", "communication_posts_instagram")
    th.graphique_publie(posts, titre="Publications sur les réseaux sociaux régionaux", cle="reseau_posts",
                        axe="publications", libelles=["Facebook (posts ou partages)", "LinkedIn (posts et articles)",
                                                      "Twitter (tweets)", "Instagram (posts ou stories)"],
                        lecture=f"Facebook est le premier canal régional ({posts[0].texte} publications), devant "
                                f"LinkedIn ({posts[1].texte}).")
    supports = th.indicateurs(
        "communication_brochures_engagement", "communication_cartes_visite", "communication_calendriers",
        "communication_flyers_cej", "communication_plaquettes_parrainage", "communication_affiches_gares",
        "communication_rapports_activite_2021", "communication_affiches_a1", "communication_posters_battle_photo")
    th.graphique_publie(supports, titre="Supports imprimés", cle="reseau_supports", axe="exemplaires",
                        libelles=["Brochures «\u202fEnquête sur l'engagement citoyen\u202f»", "Cartes de visite",
                                  "Calendriers", "Flyers CEJ", "Plaquettes parrainage", "Affiches 2 m² pour les gares",
                                  "Rapports d'activité 2021", "Affiches A1 pour les événements",
                                  "Posters «\u202fExposition Battle Photo\u202f»"],
                        lecture=f"Les {supports[0].texte} brochures de l'enquête sur l'engagement citoyen sont le "
                                "premier support imprimé de l'année.")
    st.subheader("Animation du réseau des communicants et temps forts")
    th.cartes_libellees({
        "communication_commissions_strategiques": "Commissions stratégiques",
        "communication_commissions_techniques": "Commissions techniques",
        "communication_seminaire": "Séminaire des référents communication",
        "communication_formations": "Formations des communicants"}, par_ligne=4)
    th.cartes_libellees({
        "communication_actions_40_ans": "Actions de communication majeures pour les 40 ans",
        "communication_battle_photo_themes": "Thèmes au choix de la Battle Photo 1982 vs 2022",
        "communication_challenges_sportifs_2023": "Challenges sportifs départementaux prévus en 2023"})
    th.actions_perspectives("communication")


def onglet_mutualisation() -> None:
    st.header("Mutualisation, optimisation RH et finances")
    th.contexte("mutualisation")
    th.cartes_libellees({
        "mutualisation_groupe_directions": "Directions du groupe «\u202fMutualisons nos pratiques\u202f»",
        "mutualisation_groupe_reunions": "Réunions du groupe",
        "mutualisation_chantiers": "Chantiers identifiés"})
    th.cartes_libellees({
        "mutualisation_mad_rh_jours_semaine": "Jour par semaine d'appui RH mis à disposition "
                                              "(depuis septembre)",
        "mutualisation_mad_finances_jours_semaine": "Jour par semaine d'appui finances mis à "
                                                    "disposition (depuis juin)"})
    th.actions_perspectives("mutualisation")


def onglet_labellisation() -> None:
    st.header("Labellisation et assistance technique régionale")
    th.contexte("labellisation")
    th.cartes_libellees({
        "labellisation_atr_etp": "Temps de l'assistante technique régionale à partir de juillet "
                                 "(équivalent temps plein)",
        "labellisation_mad_jours_semaine": "Jours par semaine du chargé de mission Labellisation "
                                           "(depuis septembre)",
        "labellisation_ml_faj": "Missions Locales associées au travail sur le Fonds d'aide aux "
                                "jeunes dans I-Milo"})
    reunions = th.indicateurs("labellisation_reunions_gar", "labellisation_reunions_referents_imilo")
    th.cartes(reunions, libelles={"labellisation_reunions_gar": "Réunions du Groupe d'appui régional",
                                  "labellisation_reunions_referents_imilo": "Réunions des référents I-Milo"})
    th.actions_perspectives("labellisation")


def onglet_planete() -> None:
    st.header("Objectif Planète !")
    th.contexte("objectif_planete")
    th.cartes_libellees({
        "objectif_planete_litres_dechets": "Litres de déchets collectés",
        "objectif_planete_sacs": "Sacs poubelles remplis"})
    participants = th.indicateurs("objectif_planete_jeunes", "objectif_planete_professionnels",
                                  "objectif_planete_missions_locales", "objectif_planete_volontaires",
                                  "objectif_planete_partenaires")
    th.graphique_publie(participants, titre="Qui a participé ?", cle="reseau_planete", axe="nombre",
                        libelles=["Jeunes", "Professionnels", "Missions Locales", "Volontaires en Service Civique",
                                  "Partenaires locaux"],
                        lecture=f"{participants[0].texte} jeunes et {participants[1].texte} professionnels de "
                                f"{participants[2].texte} Missions Locales ont participé, selon l'appariement retenu.",
                        note="jeunes, professionnels et volontaires sont des personnes ; Missions Locales et "
                             "partenaires, des structures")
    th.actions_perspectives("objectif_planete", titre_actions="Ce qu'en dit le rapport")


th.onglets({"Équipe et gouvernance": onglet_equipe, "Plan de formation": onglet_plan,
            "Communication": onglet_communication, "Mutualisation": onglet_mutualisation,
            "Labellisation": onglet_labellisation, "Objectif Planète": onglet_planete}, cle="onglet_reseau")
th.tous_les_chiffres("equipe", "gouvernance", "plan_formation", "communication", "mutualisation", "labellisation",
                     "objectif_planete", titre="Tous les chiffres publiés de la vie du réseau")
