"""Citoyenneté & mobilité: the "Fais entendre ta voix" survey of January 2022, civic service, everyday and
international mobility (Erasmus), with the network's actions and 2023 perspectives."""
import streamlit as st

from observatoire import formats
from observatoire.vue import thematiques as th, composants

composants.entete(
    "Citoyenneté & mobilité",
    "L'engagement citoyen des jeunes accompagnés, vu par l'enquête «\u202fFais entendre ta voix\u202f», le "
    "Service Civique et la mobilité, jusqu'à Erasmus.",
)
st.caption("Chiffres régionaux uniquement : pour la citoyenneté et la mobilité, le rapport ne publie aucune "
           "répartition par département ni par Mission Locale.")

st.header("Citoyenneté : l'enquête «\u202fFais entendre ta voix\u202f»")
th.contexte("citoyennete")
enquete, repondants, part_repondants, brochures = th.indicateurs(
    "citoyennete_enquetes", "citoyennete_repondants", "citoyennete_part_repondants", "citoyennete_brochures")
accompagnes, accompagnes_2021 = th.indicateurs("jeunes_accompagnes", "jeunes_accompagnes_2021")
th.cartes([repondants, part_repondants, brochures], libelles={
    "citoyennete_repondants": f"Répondants ({enquete.texte} enquête régionale, janvier 2022)",
    "citoyennete_part_repondants": "Part des jeunes accompagnés ayant répondu",
    "citoyennete_brochures": "Brochures diffusées pour communiquer les résultats aux élus locaux"},
    complements={"citoyennete_part_repondants": (
        f"Base probable, l'enquête datant de janvier 2022 : les jeunes accompagnés en 2021 (estimés), "
        f"{repondants.texte} ÷ {accompagnes_2021.texte} = "
        f"{formats.pourcentage(100 * repondants.valeur / accompagnes_2021.valeur, 1)} ; sur 2022 : "
        f"{repondants.texte} ÷ {accompagnes.texte} = "
        f"{formats.pourcentage(100 * repondants.valeur / accompagnes.valeur, 1)} (dérivés).")})
non_inscrits, ignorent, satisfaction = th.indicateurs(
    "citoyennete_part_non_inscrits", "citoyennete_part_ignorent_inscription", "citoyennete_satisfaction_rapport")
th.graphique_publie(
    [non_inscrits, ignorent], titre="Inscription sur les listes électorales", cle="citoyennete_listes",
    axe="% des répondants", libelles=["Non inscrits", "Ne savent pas s'ils sont inscrits"],
    lecture=f"Un tiers des répondants ne sont pas inscrits sur les listes électorales ({non_inscrits.texte}) et "
            f"{ignorent.texte} ne savent pas s'ils le sont.")
c1, _ = st.columns([1, 2])
with c1:
    composants.carte("Satisfaction de leur vie actuelle au regard de leurs attentes, comparée aux jeunes en général",
             f"{satisfaction.texte} fois moins", satisfaction.provenance, satisfaction.citation, aide=satisfaction.note)
ecarts = th.indicateurs("citoyennete_ecart_covid", "citoyennete_ecart_pouvoir_achat",
                        "citoyennete_ecart_systeme_scolaire", "citoyennete_ecart_immigration",
                        "citoyennete_ecart_delinquance")
th.graphique_publie(
    ecarts, titre="Enjeux qui préoccupent les jeunes : écart avec les autres jeunes", cle="citoyennete_enjeux",
    axe="écart imprimé par le rapport (%)", signe=True,
    libelles=["COVID-19", "Pouvoir d'achat", "Avenir du système scolaire", "Immigration", "Délinquance"],
    lecture="Les jeunes des Missions Locales citent plus souvent que les autres jeunes le COVID-19, le pouvoir "
            "d'achat et l'avenir du système scolaire, et moins souvent la délinquance et l'immigration.",
    note="comparaison avec d'autres enquêtes (Fracture française, INJEP-CREDOC) ; le rapport ne dit pas s'il "
         "s'agit de points ou d'écarts relatifs")
th.actions_perspectives("citoyennete", titre_actions="À retenir de l'enquête")

st.header("Mobilité")
th.contexte("mobilite")
th.cartes_libellees({
    "mobilite_service_civique_jeunes": "Jeunes accompagnés ayant réalisé une mission de Service Civique",
    "mobilite_ml_plateformes_service_civique": "Missions Locales «\u202fplateformes\u202f» du Service Civique"})
st.subheader("Mobilité internationale : Erasmus OUAT + et DEMO +")
th.cartes_libellees({
    "mobilite_erasmus_professionnels": "Professionnels partis vers l'Espagne et le Portugal",
    "mobilite_erasmus_jeunes": "Jeunes normands partis vers l'Espagne et le Portugal",
    "mobilite_erasmus_destinations": "Destinations proposées (Portugal, Espagne)"})
th.actions_perspectives("mobilite")

th.tous_les_chiffres("citoyennete", "mobilite")
