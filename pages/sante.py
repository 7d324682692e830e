"""Santé: the ORS-CREAI 2022 health survey of young people in Missions Locales (method, who answered, perceived
health, hygiene, information needs), the health kits, "Bien dans sa tête", and the 2023 perspectives."""
import streamlit as st

from observatoire import formats
from observatoire.publies import Indicateur
from observatoire.vue import composants, publies, thematiques as th


def somme(inds: list[Indicateur]) -> str:
    """The sum of printed shares, in French format (derived: the report does not print it)."""
    return formats.pourcentage(sum(i.valeur for i in inds))


composants.entete(
    "Santé",
    "L'état de santé et les modes de vie des jeunes accompagnés, d'après l'enquête santé en Mission Locale 2022 "
    "de l'ORS-CREAI Normandie, et les actions du réseau.",
)
st.caption("Chiffres régionaux uniquement : le rapport ne publie pour la santé aucune répartition par département "
           "ni par Mission Locale (l'enquête de l'ORS-CREAI est pondérée par département, mais ses résultats ne sont "
           "donnés que pour l'ensemble des Missions Locales de Normandie).")

st.header("En 2022")
questionnaires, sante_percue, douche, dents, estime, kits, kits_ml = th.indicateurs(
    "sante_enquete_questionnaires", "sante_part_etat_sante_moyen", "sante_part_sans_douche_quotidienne",
    "sante_part_sans_brossage_quotidien", "sante_part_info_estime_soi", "sante_kits", "sante_kits_missions_locales")
c1, c2, c3 = st.columns(3)
with c1:
    th.carte(questionnaires, libelle="Questionnaires analysés (enquête santé 2022)",
             complement="dans l'ensemble des Missions Locales de Normandie")
with c2:
    th.carte(sante_percue, libelle="Jeunes estimant leur état de santé assez bon, mauvais ou très mauvais")
with c3:
    th.carte(kits, libelle="Kits santé «\u202fCombo\u202f» élaborés et distribués",
             complement=f"distribués dans les **{kits_ml.texte}** Missions Locales")
th.graphique_publie(
    [sante_percue, douche, dents, estime], titre="Santé perçue, hygiène et besoins d'information",
    cle="sante_resultats", axe="% des répondants",
    libelles=["Santé assez bonne, mauvaise ou très mauvaise", "Pas de douche quotidienne",
              "Pas de brossage des dents quotidien", "Plus d'informations voulues sur l'estime de soi"],
    lecture=f"Plus d'un jeune sur trois ({sante_percue.texte}) juge sa santé assez bonne, mauvaise ou très "
            f"mauvaise ; {douche.texte} ne prennent pas de douche chaque jour, {dents.texte} ne se brossent pas "
            f"les dents tous les jours et {estime.texte} voudraient plus d'informations sur l'estime de soi.",
    note="enquête santé 2022 réalisée par l'ORS ; l'hygiène corporelle était le module spécifique de 2022 ; parmi "
         "les besoins d'information exprimés, le rapport ne chiffre que l'estime de soi et le bien-être")

st.header("L'enquête santé en Mission Locale 2022 (ORS-CREAI)")
st.markdown(
    f"""
Depuis 2018, l'ORS-CREAI Normandie interroge chaque année les jeunes des Missions Locales sur leur état de santé,
leur qualité de vie et leur accès aux soins ; chaque édition ajoute un module (en 2022 : l'hygiène corporelle).

**Méthode.** Jeunes de 16 à 25 ans passés au moins une fois dans un point d'accueil de Mission Locale ;
auto-questionnaire rempli en ligne ou sur papier ; **{questionnaires.texte} questionnaires analysés**.
Les résultats sont **pondérés** (âge et sexe, par département de la Mission Locale d'accueil) pour approcher la
répartition réelle : sauf mention contraire, effectifs et pourcentages sont redressés. La répartition par âge est
publiée en **données brutes** (non pondérées).
""")
st.info("Certaines répartitions de cette enquête ont été extraites d'un graphique dont le texte mélange valeurs et "
        "libellés : l'appariement retenu est expliqué sous chaque graphique concerné, marqué "
        ":orange[:material/warning:].", icon=":material/info:")

st.subheader("Qui a répondu ?")
sexe = th.indicateurs("sante_enquete_sexe_femmes", "sante_enquete_sexe_hommes", "sante_enquete_sexe_non_binaire")
th.graphique_publie(sexe, titre="Répartition par sexe", cle="sante_sexe", axe="% des répondants",
                    libelles=["Femmes", "Hommes", "Non binaire"],
                    lecture=f"Six répondants sur dix sont des femmes ({sexe[0].texte}).")
ages = th.indicateurs(*(f"sante_enquete_age_{a}" for a in range(16, 26)))
th.graphique_publie(ages, titre="Répartition par âge (16-25 ans, données brutes)", cle="sante_age",
                    axe="% des répondants (données brutes)", libelles=[f"{a} ans" for a in range(16, 26)],
                    lecture="Les deux tiers des répondants ont entre 18 et 22 ans, quel que soit le sens de lecture "
                            "retenu pour ce graphique.",
                    note="données brutes, non pondérées")
marital = th.indicateurs("sante_enquete_marital_celibataire", "sante_enquete_marital_couple",
                         "sante_enquete_marital_marie", "sante_enquete_marital_pacse", "sante_enquete_marital_autre")
th.graphique_publie(marital, titre="Situation maritale", cle="sante_marital", axe="% des répondants",
                    libelles=["Célibataire", "Vivant en couple", "Marié(e)", "Pacsé(e)", "Autre"],
                    lecture=f"Près de trois répondants sur quatre sont célibataires ({marital[0].texte}).",
                    note=f"somme des parts imprimées : {somme(marital)} (arrondis)")
hebergement = th.indicateurs(
    "sante_enquete_hebergement_parents", "sante_enquete_hebergement_autre_famille", "sante_enquete_hebergement_couple",
    "sante_enquete_hebergement_seul", "sante_enquete_hebergement_colocation", "sante_enquete_hebergement_amis",
    "sante_enquete_hebergement_foyer_internat", "sante_enquete_hebergement_sans_domicile",
    "sante_enquete_hebergement_autre")
parents, autres_modes = hebergement[0], hebergement[1:]
th.graphique_publie(
    hebergement, titre="Mode d'hébergement : une seule attribution établie", cle="sante_hebergement",
    axe="% des répondants",
    libelles=["Chez les parents"] + [f"{m} (?)" for m in ["Autre famille", "En couple", "Seul(e)", "En colocation",
                                                          "Chez des amis", "En foyer/internat", "Sans domicile fixe",
                                                          "Autre"]],
    groupes=["Établie (la seule valeur possible)"] + ["Incertaine : ordre imprimé impossible"] * len(autres_modes),
    titre_groupes="Attribution de la valeur",
    lecture=f"Près des deux tiers des répondants vivent chez leurs parents ({parents.texte}), proche des "
            f"{publies.indicateur('logement_parents_famille_part').texte} de jeunes accompagnés hébergés par leurs "
            f"parents ou leur famille (section Logement) ; les huit autres modes se partagent les "
            f"{somme(autres_modes)} restants, sans qu'on sache lequel a quelle part.",
    note="«\u202f(?)\u202f» : valeur imprimée, mode attribué sans certitude")
valeurs_incertaines = ", ".join(formats.pourcentage(v) for v in sorted((i.valeur for i in autres_modes), reverse=True))
st.caption(
    ":orange[:material/warning:] Seule la part «\u202fchez les parents\u202f» est établie : 64\u202f% est la seule "
    "valeur imprimée assez grande pour ce mode (65,2\u202f% des jeunes accompagnés vivent chez leurs parents ou en "
    "famille, section Logement) et trop grande pour tout autre. Le rapport imprime les huit "
    f"autres valeurs ({valeurs_incertaines}) dans un ordre qui ne peut pas être celui des libellés : les modes qui "
    "leur sont attribués ci-dessus sont une hypothèse (entre autre famille, chez des amis et en colocation, elle est "
    "même arbitraire). Le rapport regroupe aussi les modes en «\u202fFamille\u202f», «\u202fAutonome\u202f» et "
    "«\u202fAutre\u202f» sans dire lesquels vont dans chaque groupe : l'observatoire ne calcule donc pas ces groupes.")
diplome = th.indicateurs("sante_enquete_diplome_primaire_college", "sante_enquete_diplome_lycee_cap_bep",
                         "sante_enquete_diplome_bac", "sante_enquete_diplome_superieur")
th.graphique_publie(diplome, titre="Niveau de diplôme le plus élevé", cle="sante_diplome", axe="% des répondants",
                    libelles=["I à III – Primaire/collège", "IV – Lycée/CAP/BEP/CFG", "V – Bac général/techno/pro",
                              "VI – Au-delà du bac"],
                    lecture=f"Si les valeurs suivent l'ordre des libellés, comme retenu (appariement incertain), un "
                            f"répondant sur cinq s'est arrêté au primaire ou au collège ({diplome[0].texte}) et "
                            f"{diplome[3].texte} ont un diplôme au-delà du bac.",
                    note=f"somme des parts imprimées : {somme(diplome)} (arrondis)")
situation = th.indicateurs(
    "sante_enquete_situation_recherche_emploi", "sante_enquete_situation_dispositif",
    "sante_enquete_situation_recherche_formation", "sante_enquete_situation_formation_alternance",
    "sante_enquete_situation_emploi", "sante_enquete_situation_contrat_aide", "sante_enquete_situation_service_civique")
st.warning(f"**Plusieurs réponses possibles** : un jeune peut cumuler plusieurs situations ; les parts ci-dessous "
           f"totalisent {somme(situation)} et ne se lisent pas comme une répartition.", icon=":material/checklist:")
th.graphique_publie(
    situation, titre="Situation professionnelle (plusieurs réponses possibles)", cle="sante_situation",
    axe="% des répondants (plusieurs réponses possibles)",
    libelles=["À la recherche d'un emploi", "Dispositif d'accompagnement", "À la recherche d'une formation",
              "En formation / alternance", "En emploi", "En emploi en contrat aidé", "En service civique"],
    lecture=f"Selon l'appariement retenu par vraisemblance, qui reste incertain, la part la plus élevée "
            f"({situation[0].texte}) serait celle des jeunes à la recherche d'un emploi. Les jeunes pouvant cumuler "
            f"plusieurs situations, les parts totalisent {somme(situation)}.",
    note=f"plusieurs réponses possibles : somme des parts imprimées {somme(situation)}")

st.header("Actions du réseau et perspectives")
th.contexte("sante")
th.actions_perspectives("sante")
th.cartes_libellees({
    "sante_ars_directions": "Directions de l'ARS signataires de la convention (perspective 2023)"})
th.tous_les_chiffres("sante", "sante_enquete")
