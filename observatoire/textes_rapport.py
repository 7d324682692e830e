"""What the network did in 2022 and plans for 2023, per section of the activity report, as short texts.

Paraphrased briefly from the ARML Normandie 2022 activity report (the seed text), one module so that the
thematic pages stay thin and the wording can be reviewed in one place. These texts carry no figure that is
not in data/sources/indicateurs_publies.csv: the figures themselves are shown by the pages, with their badge.
Where the text extraction leaves a heading uncertain (which list is "animation du réseau", which is
"perspectives 2023"), `note` says so and the page shows it.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Texte:
    section: str                       # the report's section title
    contexte: str                      # one or two sentences: why the network acts on this theme
    actions: tuple[str, ...]           # what was done in 2022
    perspectives: tuple[str, ...]      # what comes next (2023)
    note: str = ""                     # reading caveat, shown under the lists


TEXTES: dict[str, Texte] = {
    "cej": Texte(
        section="Contrat d'Engagement Jeune",
        contexte=("Le 1er mars 2022, les Missions Locales de Normandie ont lancé le Contrat d'Engagement Jeune (CEJ) "
                  "après 6 années de Garantie Jeunes : 15 heures d'activités hebdomadaires à proposer dans un "
                  "accompagnement global vers l'emploi, avec un référent identifié. Lancé « sans phase expérimentale "
                  "préalable », il a placé la Normandie « première région métropolitaine » pour le taux d'atteinte de "
                  "l'objectif conventionné avec l'État. Objectifs 2022 de l'ARML : accompagner les Missions Locales "
                  "dans sa mise en œuvre (statistiques, échanges de pratiques, groupes de travail avec les "
                  "coordinateurs, outils, journées professionnelles, outil de planification), être leur interlocuteur "
                  "privilégié auprès de l'UNML, de la DREETS et des partenaires régionaux, et porter leurs messages "
                  "auprès de l'État."),
        actions=(
            "Janvier : la Normandie est la première région à tester le Pass Emploi auprès des jeunes, devenu "
            "« l'application CEJ » ; le haut-commissaire à l'emploi et à l'engagement des entreprises vient observer "
            "l'expérimentation à la Mission Locale de l'Agglomération Rouennaise. En février, l'ARML réunit les "
            "professionnels utilisateurs et les développeurs (focus group).",
            "Mars : 11 événements de lancement organisés par les Missions Locales, « désignées comme opératrices du "
            "CEJ avec Pôle Emploi » ; un kit de communication complet (vidéo, plaquette…) conçu par l'ARML.",
            "3 juin : rencontre avec le préfet de Normandie sur le lancement du CEJ et remise d'une note de contexte "
            "partagée, actualisée en octobre.",
            "8 et 9 novembre : l'Inspection générale des affaires sociales (IGAS) « a choisi la Normandie pour "
            "entamer un audit sur le CEJ et sa mise en oeuvre » ; les Missions Locales du Havre Estuaire Littoral et "
            "du Pays de Caux Vallée de Seine accueillent les inspecteurs ; l'ARML, la DREETS et Pôle emploi sont "
            "aussi audités.",
            "Animation du réseau : 8 groupes de travail avec les coordinateurs du CEJ (cas pratiques, réponses "
            "techniques, outils) et 4 comités stratégiques avec les directions ; 2 groupes de travail en visio sur le "
            "CEJ en milieu rural et urbain ; 2 groupes de travail entre référents I-Milo et coordinateurs pour des "
            "outils d'aide à l'initiative du dispositif et à la comptabilisation des 15 heures d'activité.",
            "CEJ jeunes en rupture : appui aux Missions Locales dans leur réponse à l'appel à projets porté par la "
            "DREETS Normandie.",
            "Abonnements 2022 à linscription.com (offre d'ateliers et d'actions proposée aux jeunes en CEJ) pris en "
            "charge par l'ARML : 18 Missions Locales en ont bénéficié.",
            "Novembre : un nouveau partenariat avec l'Agence régionale de santé (ARS).",
        ),
        perspectives=(
            "Former les coordinateurs du CEJ à la posture et à la méthodologie, et les conseillers à créer et animer "
            "des ateliers dans le CEJ.",
            "Faire découvrir ou redécouvrir des partenaires pouvant étoffer l'offre de services du CEJ.",
            "Des journées professionnelles, notamment pour renforcer le lien entre le CEJ et les expériences en "
            "entreprise.",
            "Suivre le déploiement du CEJ jeunes en rupture et en capitaliser les enseignements.",
            "Participer au lancement d'une évaluation du CEJ par les jeunes.",
            "Avec l'ARS, un financement complémentaire pour des actions préventives sur la santé mentale des jeunes "
            "en CEJ : le projet « Bien dans ma tête », avec une journée de professionnalisation des conseillers.",
            "Des échanges de pratiques entre directions sur des problématiques clés (sourcing, management des "
            "organisations…).",
        ),
        note=("Dans le texte extrait du rapport, les temps forts sont placés sous les intitulés « Animation du "
              "réseau » et « Projets » sans qu'on sache lequel s'applique à chaque point : ils sont regroupés ici. "
              "La section Santé nomme le même projet « Bien dans sa tête »."),
    ),
    "emploi": Texte(
        section="Emploi : relation entreprises, entreprenariat, parrainage",
        contexte=("L'ARML appuie les Missions Locales dans la définition de leur offre de services « jeunes et "
                  "employeurs » et anime un réseau de partenaires économiques, institutionnels et associatifs pour "
                  "favoriser l'accès des jeunes à l'emploi. Avec le plan #1jeune1solution et un chômage des jeunes "
                  "« au plus bas depuis 8 ans », les Missions Locales ont accompagné « plus de 20\u202f000 jeunes vers "
                  "l'emploi en 2022, un chiffre stable malgré la baisse du nombre de jeunes accompagnés »."),
        actions=(
            "« 1 par 1 » (17-21 octobre) : une semaine de découverte d'un métier auprès d'un professionnel "
            "(rencontre, immersion en milieu de travail), pilotée par l'ARML (kit de communication, suivi des "
            "inscriptions, relais aux partenaires régionaux) : 282 jeunes, 300 professionnels, 190 binômes.",
            "6 décembre : dans la démarche « Missions Jeunes », signature d'un accord-cadre régional par les "
            "services de l'État, l'ARML, Prism'emploi Normandie, AKTO, le FASTT et le FPE.TT, déclinaison de "
            "l'accord national du 25 novembre 2021 pour l'emploi et la qualification des jeunes accompagnés dans le "
            "cadre du PACEA.",
            "7 septembre : webinaire CEJ « Jeunes et entreprises, tous gagnants ! », organisé avec la DREETS et "
            "Pôle emploi, qui « a réuni près d'une centaine de participants ».",
            "8 avril : « Journée de l'entrepreneuriat » sur l'accompagnement des jeunes à l'entrepreneuriat ; ses "
            "18 participants visitent le Lab'o de la Mission Locale Le Havre Estuaire Littoral et la boutique "
            "éphémère du centre commercial Coty.",
            "Autres faits marquants : Emplois en Seine, Salon du Paysage, job datings (Club Med, CPME), information "
            "collective avec Proman, événement marque employeur de l'AFDAS, groupes de travail Métiers en tension ; "
            "rencontres avec les OPCO, le MEDEF, des filières, les GEIQ, Crepi Normandie, Face Normandie, "
            "AD Normandie, l'U2P, Crit et NQT.",
            "Animation du réseau : 10 réunions avec les référents entreprises, 6 réunions parrainage, 1 réunion "
            "entrepreneuriat, visite de l'entreprise Œuvre d'Arbre avec l'UNEP, visites de Missions Locales du "
            "réseau.",
        ),
        perspectives=(
            "Une enquête pour comprendre les attentes des jeunes en matière d'emploi : leur rapport au monde du "
            "travail et à l'entreprise, leur « employeur idéal », ce qu'ils recherchent auprès de leur manager et de "
            "leurs collègues, un « désir de fidélité ou de changement ».",
            "Des actions tout au long de l'année pour « mettre en lumière le travail réalisé au sein des services "
            "emploi des Missions Locales de Normandie ».",
        ),
        note=("Dans le texte extrait, l'intitulé « Perspectives 2023 » de cette section n'est suivi d'aucune liste : "
              "les deux perspectives ci-dessus sont celles que le rapport annonce « en 2023 » dans l'introduction "
              "de la section."),
    ),
    "justice": Texte(
        section="Justice",
        contexte=("Les référents justice des Missions Locales accueillent, informent, orientent et accompagnent "
                  "les jeunes placés sous main de justice, incarcérés ou suivis en milieu ouvert, vers l'emploi, "
                  "la formation et l'autonomie (logement, bilan de santé, mobilité)."),
        actions=(
            "Depuis le dernier trimestre, un chargé de mission Justice mis à disposition par la Mission Locale "
            "de l'agglomération rouennaise structure l'animation régionale et l'offre de services socle.",
            "Rencontres et groupes de travail des référents justice : partage d'expériences, état des lieux "
            "des projets et des besoins, ressources pédagogiques, professionnalisation.",
            "Renforcement du partenariat avec le SPIP et la PJJ ; évaluation des services et actions.",
        ),
        perspectives=(
            "Sensibiliser et former les professionnels, avec l'ENAP, l'ENPJJ et l'ATIGIP.",
            "Lancer une recherche-action sur les pratiques innovantes d'accompagnement des JSMJ.",
            "Mutualiser les bonnes pratiques d'intervention en milieu fermé.",
            "Mettre en place des travaux d'intérêt général pédagogiques ; prévenir la radicalisation.",
            "Renforcer le partenariat avec les tribunaux sur les alternatives à l'incarcération et les "
            "aménagements de peine.",
        ),
        note=("Dans le texte extrait du rapport, l'intitulé de la seconde liste (« Perspectives 2023 » ou "
              "« Actions ») n'est pas certain ; la formulation de ses points (« lancement », « mise en place ») "
              "la range parmi les perspectives."),
    ),
    "handicap": Texte(
        section="Handicap",
        contexte=("Service public de l'emploi, les Missions Locales accueillent, orientent et accompagnent les "
                  "jeunes reconnus travailleurs handicapés ; l'enjeu est de leur rendre accessible toute l'offre "
                  "de services, avec des partenaires nombreux et pas toujours faciles à repérer. La hausse de 2022 "
                  "tient, selon le rapport, à un meilleur repérage."),
        actions=(
            "Soutien aux référents handicap dans la relance du Plan régional pour l'insertion des travailleurs "
            "handicapés (PRITH), renforcé par une référente handicap mise à disposition par la Mission Locale de "
            "Caen.",
            "Mai : journée régionale au Dôme à Caen avec les référents handicap et les partenaires clés (LADAPT, "
            "EPNAK, Cap emploi, Agefiph…).",
            "Parcours ARIA avec l'ARML d'Île-de-France pour repérer et accompagner l'autisme ; vidéo « Ma "
            "référence handicap ».",
            "Participation à la stratégie AGEFIPH 2023-2027 ; en novembre, visite de son président à la Mission "
            "Locale de Caen, retour d'expériences de la SEEPH et rencontre du GEIQ emploi handicap.",
            "Avec Pôle emploi et Cap emploi, un processus commun de mise en relation sur l'emploi accompagné, "
            "à mettre en œuvre en 2023.",
        ),
        perspectives=(
            "Formations pour repérer et accompagner le handicap ; poursuite du module ARIA.",
            "Participation aux chantiers du PRITH (classes ULIS, communication, pôles de compétences…).",
            "Animation des référents handicap des Missions Locales.",
            "Un nouveau partenariat avec l'AGEFIPH Normandie.",
        ),
    ),
    "logement": Texte(
        section="Logement",
        contexte=("Pour les jeunes sans solution de logement, le réseau fait connaître aux professionnels les aides "
                  "des partenaires et se rapproche des bailleurs sociaux."),
        actions=(
            "Promotion auprès des professionnels du réseau des aides et solutions mises à disposition par les "
            "partenaires.",
            "Rapprochement avec l'Union des bailleurs sociaux pour une communication ciblée vers les gardiens "
            "d'immeubles, afin de repérer des jeunes sans solution.",
        ),
        perspectives=(
            "Se rapprocher des partenaires clés du logement, dont les bailleurs sociaux normands, pour "
            "promouvoir l'offre de services des Missions Locales et décliner des actions ciblées.",
        ),
    ),
    "sante": Texte(
        section="Santé",
        contexte=("Malgré la reprise post-covid, les professionnels de première ligne font état de situations de "
                  "mal-être chez les jeunes ; l'ARML soutient les actions des Missions Locales pour une meilleure "
                  "prise en compte de leur santé."),
        actions=(
            "Kits santé « Combo » de produits d'hygiène de première nécessité, avec le soutien du Crédit "
            "Agricole Normandie Seine et du Crédit Agricole Normandie ; produits fournis en grande partie par "
            "Dons Solidaires, conditionnés et livrés par l'ESAT LADAPT de Bernay.",
            "Enquête santé annuelle de l'ORS-CREAI (depuis 2018) ; en 2022, un module sur l'hygiène corporelle.",
            "Novembre : dépôt auprès de l'ARS du projet « Bien dans sa tête », pour développer les compétences "
            "psychosociales des jeunes et prévenir la dégradation de leur santé mentale.",
        ),
        perspectives=(
            "Coordonner « Bien dans sa tête », soutenu par l'ARS de Normandie, avec une journée de "
            "professionnalisation sur la santé mentale pour les professionnels du réseau.",
            "Intégrer au plan régional de formation des formations sur les compétences psychosociales et la "
            "façon d'aborder les questions de santé.",
            "Signer une convention avec l'ARS et trois de ses directions (prévention et promotion de la santé, "
            "santé mentale, autonomie).",
        ),
        note=("La section CEJ du rapport nomme le même projet « Bien dans ma tête » (santé mentale des jeunes en "
              "CEJ, partenariat avec l'ARS conclu en novembre 2022)."),
    ),
    "vigie": Texte(
        section="VIGIE Jeunesse",
        contexte=("Réponse de l'ARML à l'appel à projets « Repérage et mobilisation des invisibles » du Plan "
                  "d'investissement dans les compétences : un consortium des Missions Locales de Normandie où "
                  "chacune expérimente de nouvelles façons d'aller vers les jeunes dits « invisibles » et de les "
                  "remobiliser."),
        actions=(
            "Nouvelles stratégies partenariales autour du réseau Vigie, nouvelles postures professionnelles, "
            "offre de services diversifiée, place plus structurante donnée aux jeunes.",
            "3 mars : événement « Tous mobilisés pour la jeunesse » (experts, table ronde animée par des jeunes "
            "en Service Civique, ateliers, escape game, Pôles Médias Jeunes).",
            "Juillet : stand des Missions Locales du Calvados au festival Beauregard.",
            "Évaluation du projet 2020-2022 confiée au cabinet ASDO études.",
        ),
        perspectives=(
            "Webinaire de clôture du projet le 14 avril 2023.",
            "Diffusion de la synthèse du bilan VIGIE.",
        ),
    ),
    "formation": Texte(
        section="Formation",
        contexte=("L'ARML représente le réseau auprès des instances et partenaires régionaux de la formation et "
                  "appuie les Missions Locales (échanges de pratiques, appui technique aux systèmes "
                  "d'information, dont Ouiform)."),
        actions=(
            "Juin : campagne Facebook « Booste ton profil avec une formation » à destination des prescripteurs.",
            "Mars : des professionnels des Missions Locales du Calvados au Salon régional de l'orientation et "
            "des métiers.",
        ),
        perspectives=(
            "Casques de réalité virtuelle (application Métiers 360) financés avec le Crédit Agricole "
            "Normandie-Seine, et formation des professionnels à leur prise en main au deuxième trimestre.",
            "Un projet de convention avec l'Agence régionale de l'orientation et des métiers.",
            "Observatoire : une publication « jeunes des Missions Locales et formation ».",
        ),
    ),
    "obligation_formation": Texte(
        section="Obligation de formation",
        contexte=("L'ARML participe au comité technique régional de l'obligation de formation des 16-18 ans, "
                  "piloté par le Haut-Commissaire à la lutte contre la pauvreté."),
        actions=(
            "Juin : convention régionale de mise en œuvre de l'obligation de formation signée par le préfet de "
            "région, le président de la Région, la rectrice de région académique et la présidente de l'ARML.",
            "Plateformes de suivi et d'appui aux décrocheurs (PSAD) rénovées, avec des groupes de travail pour "
            "leurs co-pilotes Missions Locales – CIO : retour en formation initiale, sécurisation des parcours, "
            "jeunes à besoins particuliers, mineurs non accompagnés suivis par l'ASE.",
            "Courrier conjoint ARML – AFPA : partenariat renforcé sur la Promo 16-18 et lancement de la « Promo "
            "hors les murs ».",
            "Groupes d'échanges de pratiques et appuis techniques aux systèmes d'information (I-Milo, Rio-Suivi).",
        ),
        perspectives=(
            "Développer les partenariats pour mieux repérer les jeunes en décrochage et sécuriser leurs parcours.",
        ),
    ),
    "citoyennete": Texte(
        section="Citoyenneté",
        contexte=("Première action de l'ARML pour les 40 ans du réseau, l'enquête « Fais entendre ta voix » "
                  "(janvier 2022) a sondé les jeunes sur leur engagement citoyen ; ses réponses sont comparées "
                  "à celles d'autres enquêtes (Fracture française, INJEP-CREDOC)."),
        actions=(
            "Une forte corrélation entre niveau de diplôme et inscription sur les listes électorales.",
            "Moins de confiance que les autres jeunes dans les élus nationaux, le gouvernement et les partis ; "
            "plus on s'éloigne du local, moins ils ont confiance.",
            "Moins intéressés par la politique mais concernés (paradoxe « aquoiboniste ») ; moins nombreux à "
            "voter et moins certains de leur choix.",
            "Les résultats ont été diffusés aux élus locaux dans une brochure.",
        ),
        perspectives=(
            "Intégrer la question de l'inscription sur les listes électorales au diagnostic d'entrée.",
            "Faire des Missions Locales des lieux d'apprentissage de la politique, du débat et de l'expression "
            "argumentée.",
            "Former les conseillers à accompagner la construction d'une pensée politique (liens avec le CEJ).",
            "Intégrer des jeunes aux conseils d'administration des Missions Locales.",
        ),
        note="Pour cette section, la première liste résume les enseignements « à retenir » de l'enquête.",
    ),
    "mobilite": Texte(
        section="Mobilité",
        contexte=("Service Civique, mobilité du quotidien et mobilité internationale : l'ARML informe le réseau, "
                  "le représente auprès des partenaires et favorise l'échange de pratiques."),
        actions=(
            "Service Civique : stand avec la Mission Locale de Caen à la foire de Caen (septembre), échange de "
            "pratiques entre Missions Locales « plateformes » (novembre), promotion de l'appel à projets « CEJ "
            "Service Civique », journée de formation civique et citoyenne « Mes compétences pour demain ».",
            "Mobilité : rencontre du chargé de projet « contrats opérationnels de mobilité » de la Région ; "
            "formation socle des Ambassadeurs de la mobilité (octobre) avec l'Agence normande de la biodiversité "
            "et du développement durable ; note aux élus sur la loi d'orientation des mobilités.",
            "Erasmus OUAT + et DEMO + (consortium porté par l'ARML Auvergne-Rhône-Alpes) : reprise des départs, "
            "face à une forte demande et peu de places.",
        ),
        perspectives=(
            "Structurer l'animation des formations civiques et citoyennes des volontaires.",
            "Former un groupe de référents mobilité dans les Missions Locales ; outiller le réseau pour "
            "identifier partenaires et appels à projets.",
            "Promouvoir la mobilité internationale et européenne auprès des référents mobilité ; une destination "
            "anglophone, plébiscitée par les jeunes, est recherchée.",
        ),
    ),
    "equipe": Texte(
        section="Chiffres clés 2022 – activité de l'équipe",
        contexte=("L'équipe régionale de l'ARML anime le réseau des Missions Locales de Normandie, renforcée en "
                  "2022 par des salariés mis à disposition par des Missions Locales et par l'ARML Pays de la Loire "
                  "(justice, handicap, labellisation, finances, ressources humaines, maintenance informatique)."),
        actions=(
            "Le soutien financier renforcé de l'État a permis de consolider l'équipe et de généraliser la "
            "mutualisation entre Missions Locales.",
            "Le réseau a lancé une démarche globale de labellisation qualité.",
        ),
        perspectives=("Les premières labellisations auront lieu en 2023.",),
    ),
    "plan_formation": Texte(
        section="Plan régional de formation",
        contexte="Le plan régional de formation professionnalise les salariés des Missions Locales de Normandie.",
        actions=(
            "Après deux années de formation presque entièrement à distance, 2022 marque le retour du présentiel, "
            "gestes barrières compris.",
        ),
        perspectives=(
            "Un catalogue pour rendre l'offre de formation plus visible et promouvoir les actions proposées.",
        ),
    ),
    "communication": Texte(
        section="Communication & événementiels",
        contexte="Le 40e anniversaire du réseau des Missions Locales a rythmé les grands événements de l'année.",
        actions=(
            "Cinq campagnes : formation sur Facebook (juin), CEJ sur YouTube, Facebook et Instagram (juillet), "
            "affichage numérique dans les gares de Rouen et du Havre (septembre), Mobiconnect (octobre), Mupi "
            "(décembre).",
            "CEJATHON de l'UNML : le motion design de l'ARML et de la commission technique remporte le challenge "
            "national.",
            "40 ans : la Battle Photo 1982 vs 2022 (exposée aux rencontres nationales de Tours) et l'enquête "
            "« Fais entendre ta voix » ; le Printemps des solutions, reconduit fin mai, orienté CEJ.",
            "Intranet SharePoint étendu aux coordinateurs CEJ et aux référents santé, entreprises et formation ; "
            "commissions et séminaire du réseau des communicants ; formations PAO, relations presse, prise de vues.",
        ),
        perspectives=(
            "Printemps du sport et de l'animation : challenges sportifs départementaux inter-Missions Locales.",
            "Stand des Missions Locales à l'Armada (8-18 juin 2023).",
            "Réflexion sur le futur site portail régional ; soutien aux Pôles Média Jeunes.",
            "Rencontres européennes de la participation à Rouen (26-28 juin 2023) avec l'Institut Bertrand "
            "Schwartz et le Lab Expression des jeunes.",
        ),
    ),
    "mutualisation": Texte(
        section="Mutualisation, optimisation RH et finances",
        contexte=("Héritière du projet ML 21, la mutualisation est devenue centrale dans l'organisation du "
                  "réseau : optimiser les ressources et partager les pratiques métier."),
        actions=(
            "Groupe « Mutualisons nos pratiques », co-animé par l'ARML et la Mission Locale de L'Aigle Mortagne : "
            "essaimer le catalogue des pratiques (diffusé en février) et concevoir un outil de diagnostic ludique, "
            "sur smartphone, au service des jeunes.",
            "Ressources humaines : appui d'une salariée mise à disposition par la Mission Locale Ouest Eure, note "
            "sur la loi « pouvoir d'achat », veille hebdomadaire, échange sur l'accord de branche télétravail.",
            "Finances : appui d'un salarié mis à disposition par la Mission Locale Le Havre Estuaire Littoral, "
            "choix du commissaire aux comptes, réorganisation comptable, bilan 2022.",
            "Novembre : questionnaire aux Missions Locales sur leurs besoins RH et financiers.",
        ),
        perspectives=(
            "Intégrer l'outil d'évaluation de la demande au nouveau site portail de l'ARML.",
            "Webinaires thématiques d'échange de pratiques ; échanges entre directions.",
            "RH : gestion juridique et administrative, gestion des emplois et des parcours, capsules vidéo.",
        ),
    ),
    "labellisation": Texte(
        section="Labellisation S.I. / assistance technique régionale",
        contexte=("L'arrivée du CEJ a fait évoluer le système d'information I-Milo (dossier du jeune et "
                  "décisionnel) : certification du NIR, droit à allocation, gestion des allocations, inscription "
                  "aux ateliers, suivi des 15-20 heures et des entrées en CEJ."),
        actions=(
            "Assistance technique régionale (ATR) renforcée à partir de juillet ; fin de la mise à disposition "
            "avec la Mission Locale du Pays d'Alençon au 31 décembre.",
            "Un chargé de mission Labellisation mis à disposition par l'ARML Pays de la Loire depuis septembre : "
            "référentiel et guide d'audit nationaux, manuel pédagogique régional, accompagnement des Missions "
            "Locales.",
            "Groupe d'appui régional, référents I-Milo, suivi Ouiform, Fonds d'aide aux jeunes dans I-Milo avec "
            "la Métropole Rouen Normandie, fiche technique ASP.",
        ),
        perspectives=(
            "Au 1er janvier 2023, la fonction ATR est entièrement intégrée à l'ARML.",
            "Un groupe de démultiplicateurs I-Milo (février 2023) pour former les nouveaux utilisateurs.",
            "Refonte des chartes RDE et parrainage ; CEJ pour les jeunes en rupture.",
            "Label : outil d'autodiagnostic régional, formations (projet associatif, diagnostic, comptabilité "
            "analytique), amélioration continue.",
        ),
    ),
    "objectif_planete": Texte(
        section="Objectif Planète",
        contexte=("Objectif Planète ! : une opération de collecte de déchets associant Missions Locales, jeunes, "
                  "volontaires en Service Civique, partenaires locaux et professionnels, présentée dans la double "
                  "page VIGIE Jeunesse / Formation du rapport."),
        actions=("Le rapport ne présente l'opération que par ses chiffres (déchets collectés, participants), sans "
                 "en dire la date, les lieux ni le déroulement.",),
        perspectives=("Le rapport ne mentionne pas de suite pour 2023.",),
    ),
}
