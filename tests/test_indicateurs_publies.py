"""data/sources/indicateurs_publies.csv: every figure of the 2022 activity report, checked against itself and
against the report's text. Reads the CSV with pandas only (no Streamlit)."""
from __future__ import annotations

import ast
import operator
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from observatoire import schemas

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "data" / "sources" / "indicateurs_publies.csv"
# A copy of the report text lives with the sources, so these checks always run (CI included).
RAPPORT = ROOT / "data" / "sources" / "rapport" / "rapport-activite-2022-arml-normandie.txt"

COLONNES = ["id", "theme", "libelle", "valeur", "unite", "annee", "perimetre", "source", "statut", "formule", "note"]

THEMES = ["publics", "cej", "emploi", "vigie", "formation", "obligation_formation", "citoyennete", "mobilite",
          "handicap", "sante", "sante_enquete", "justice", "logement", "plan_formation", "communication",
          "mutualisation", "labellisation", "objectif_planete", "equipe", "gouvernance"]

# Each section name used in `source`, with the words that must be found in the report's text to locate it
# (headings come out of the extraction in capitals, without accents or with the title split over two lines).
SECTIONS = {
    "Mot de la présidente": ["Présidente de l'ARML Normandie"],  # the page has no heading: signed by the president
    "Chiffres clés 2022 – activité de l'équipe": ["CHIFFRES CLES 2022", "de l'activité de l'équipe"],
    "Contrat d'Engagement Jeune": ["CONTRAT D'ENGAGEMENT JEUNE"],
    "Emploi : relation entreprises, entreprenariat, parrainage": [
        "EMPLOI : RELATION ENTREPRISES, ENTREPRENARIAT, PARRAINAGE"],
    "VIGIE Jeunesse": ["VIGIE JEUNESSE"],
    "Formation": ["FORMATION"],
    "Obligation de formation": ["OBLIGATION DE FORMATION"],
    "Objectif Planète": ["Objectif Planète"],
    "Citoyenneté": ["CITOYENNETE"],
    "Mobilité": ["MOBILITE"],
    "Mobilité internationale": ["MOBILITE INTERNATIONALE"],
    "Handicap": ["HANDICAP"],
    "Santé": ["SANTE"],
    "Enquête santé en Mission Locale 2022 (ORS-CREAI)": ["ENQUÊTE SANTÉ EN MISSION LOCALE 2022", "ORS-CREAI"],
    "Justice": ["JUSTICE"],
    "Logement": ["LOGEMENT"],
    "Plan régional de formation": ["PLAN REGIONAL DE FORMATION"],
    "Communication & événementiels": ["COMMUNICATION & EVENEMENTIELS"],
    "Mutualisation, optimisation RH et finances": ["MUTUALISATION OPTIMISATION RH ET FINANCES"],
    "Labellisation S.I. / assistance technique régionale": ["LABELLISATION S.I. / ASSISTANCE TECHNIQUE REGIONALE"],
    "Observatoire": ["OBSERVATOIRE"],
}

# Where each section's figures lie in the extracted text: the text comes out section after section, each starting
# at its heading (first occurrence after the previous one). Double pages share a stretch: VIGIE and Formation;
# Handicap and the health-survey infographic; Justice, Logement and the regional training plan.
REPERES = [("AGNÈS CANAYER", "mot"), ("TROMBINOSCOPE", "chiffres_cles"), ("CONTRAT D'ENGAGEMENT JEUNE", "cej"),
           ("EMPLOI : RELATION ENTREPRISES", "emploi"), ("VIGIE JEUNESSE FORMATION", "vigie_formation"),
           ("\nOBLIGATION DE FORMATION", "obligation"), ("CITOYENNETE", "citoyennete"), ("\nMOBILITE\n", "mobilite"),
           ("\nHANDICAP\n", "handicap_enquete"), ("\nSANTE\n", "sante"), ("JUSTICE 733", "justice_logement_prf"),
           ("COMMUNICATION & EVENEMENTIELS", "communication"), ("\nOBSERVATOIRE", "observatoire"),
           ("MUTUALISATION OPTIMISATION", "mutualisation"), ("LABELLISATION S.I.", "labellisation"),
           ("Points d'accueil", "adresses")]
ETENDUES_DES_SECTIONS = {
    "Mot de la présidente": ["mot"],
    "Chiffres clés 2022 – activité de l'équipe": ["chiffres_cles"],
    "Contrat d'Engagement Jeune": ["cej"],
    "Emploi : relation entreprises, entreprenariat, parrainage": ["emploi"],
    "VIGIE Jeunesse": ["vigie_formation"],
    "Formation": ["vigie_formation"],
    "Obligation de formation": ["obligation"],
    "Objectif Planète": ["obligation"],  # its chart comes out after the Obligation de formation text
    "Citoyenneté": ["citoyennete"],
    "Mobilité": ["mobilite"],
    "Mobilité internationale": ["mobilite"],
    "Handicap": ["handicap_enquete"],
    "Enquête santé en Mission Locale 2022 (ORS-CREAI)": ["handicap_enquete"],
    "Santé": ["sante"],
    "Justice": ["justice_logement_prf"],
    "Logement": ["justice_logement_prf"],
    "Plan régional de formation": ["justice_logement_prf"],
    # "5 campagnes" comes out after the Observatoire
    "Communication & événementiels": ["communication", "observatoire"],
    "Observatoire": ["observatoire"],
    "Mutualisation, optimisation RH et finances": ["mutualisation"],
    "Labellisation S.I. / assistance technique régionale": ["labellisation"],
}

# Published figures the report does not print as digits: the words that carry them instead.
IMPRIMES_AUTREMENT = {
    "cej_rang_taux_atteinte": ("première région métropolitaine", "rang imprimé en toutes lettres"),
    "emploi_webinaire_cej_participants": ("près d'une centaine de participants", "imprimé en toutes lettres"),
    "sante_ars_directions": ("trois de ses directions", "imprimé en toutes lettres"),
    "mutualisation_mad_rh_jours_semaine": ("à raison d'une journée par semaine", "imprimé en toutes lettres"),
    "mutualisation_mad_finances_jours_semaine": ("à raison d'une journée par semaine", "imprimé en toutes lettres"),
    "labellisation_mad_jours_semaine": ("à compter de deux jours par semaine", "imprimé en toutes lettres"),
    "citoyennete_ecart_delinquance": ("délinquance et d'immigration sont 16 et 9% moins citées",
                                      "le « % » n'est imprimé qu'après le second chiffre"),
    # The Objectif Planète chart comes out as one line of figures, which reads like thousands-grouped numbers.
    **{f"objectif_planete_{k}": ("800 160 12 221 11 9 43=", "ligne de chiffres du graphique Objectif Planète")
       for k in ("litres_dechets", "sacs", "missions_locales", "jeunes", "volontaires", "partenaires",
                 "professionnels")},
}

# The ids the pages already use: their values must never drift.
VALEURS_DE_REFERENCE = {
    "jeunes_accompagnes": 50687, "jeunes_accompagnes_evolution": -4.6, "jeunes_accompagnes_2021": 53131,
    "premiers_accueils": 18024, "premiers_accueils_evolution": -12.8, "premiers_accueils_2021": 20670,
    "cej_entrees_gj": 1905, "cej_entrees_cej": 12022, "cej_entrees_total": 13927, "cej_objectif": 12952,
    "cej_taux_realisation": 108,
}

# Pairings that the text extraction leaves uncertain: each must say so at the start of its note.
APPARIEMENTS_INCERTAINS = [
    "publics_part_femmes", "publics_part_hommes", "cej_part_femmes", "cej_part_hommes",
    "formation_part_femmes", "formation_part_hommes", "vigie_actions_reperage_cumul", "vigie_actions_accrochage_cumul",
    "objectif_planete_litres_dechets", "objectif_planete_sacs", "objectif_planete_missions_locales",
    "objectif_planete_jeunes", "objectif_planete_volontaires", "objectif_planete_partenaires",
    "objectif_planete_professionnels", "mobilite_erasmus_professionnels", "mobilite_erasmus_jeunes",
    "plan_formation_typologie_1", "plan_formation_typologie_2",
    *[f"sante_enquete_age_{a}" for a in range(16, 26)],
    *[f"sante_enquete_hebergement_{k}" for k in ("autre_famille", "couple", "seul", "colocation",
                                                  "amis", "foyer_internat", "sans_domicile", "autre")],
    *[f"sante_enquete_diplome_{k}" for k in ("primaire_college", "lycee_cap_bep", "bac", "superieur")],
    *[f"sante_enquete_situation_{k}" for k in ("recherche_emploi", "dispositif", "recherche_formation", "emploi",
                                                "formation_alternance", "service_civique", "contrat_aide")],
]

# Breakdowns whose shares add up to 100 (up to the rounding of each share).
REPARTITIONS = {
    "âge des jeunes accompagnés": ["publics_part_age_16_17", "publics_part_age_18_20", "publics_part_age_21_23",
                                   "publics_part_age_24_plus"],
    "qualification": ["publics_part_diplome_superieur", "publics_part_bac", "publics_part_cap_bep",
                      "publics_part_sans_diplome"],
    "sexe des jeunes accompagnés": ["publics_part_femmes", "publics_part_hommes"],
    "sexe des entrées en CEJ": ["cej_part_femmes", "cej_part_hommes"],
    "logement": ["logement_autonome_part", "logement_parents_famille_part", "logement_precaire_part"],
    "justice : milieu": ["justice_part_milieu_ferme", "justice_part_milieu_ouvert"],
    "typologie du plan de formation": ["plan_formation_typologie_1", "plan_formation_typologie_2"],
    "enquête santé : sexe": ["sante_enquete_sexe_femmes", "sante_enquete_sexe_hommes",
                             "sante_enquete_sexe_non_binaire"],
    "enquête santé : âge": [f"sante_enquete_age_{a}" for a in range(16, 26)],
    "enquête santé : situation maritale": ["sante_enquete_marital_celibataire", "sante_enquete_marital_couple",
                                           "sante_enquete_marital_marie", "sante_enquete_marital_pacse",
                                           "sante_enquete_marital_autre"],
    "enquête santé : diplôme": ["sante_enquete_diplome_primaire_college", "sante_enquete_diplome_lycee_cap_bep",
                                "sante_enquete_diplome_bac", "sante_enquete_diplome_superieur"],
    "enquête santé : hébergement": [f"sante_enquete_hebergement_{k}" for k in (
        "parents", "autre_famille", "couple", "seul", "colocation", "amis", "foyer_internat", "sans_domicile",
        "autre")],
}

# People are not figures.
NOMS_DE_PERSONNES = ["CANAYER", "FORTIER", "BASSET", "RAVALEC", "BERTIN", "JOUANNE", "CLOAREC", "SAMSON", "CORNU",
                     "POUCHAIN", "VANDENBROUCKE", "CHEMIN", "LEMAITRE", "MONFREUX", "NABAT", "PASQUIER", "SENECAL",
                     "Guilluy", "Durand", "MORIN", "GAVINI", "Roth", "Manca"]


# ----------------------------------------------------------------------------- helpers

@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return pd.read_csv(CSV, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def valeurs(df) -> dict[str, float]:
    return dict(zip(df["id"], df["valeur"].astype(float)))


@pytest.fixture(scope="module")
def texte() -> str:
    """The report's text with its line breaks kept: figures printed on consecutive lines ("en 2022" / "108%")
    must not read as one thousands-grouped number."""
    return normaliser_lignes(RAPPORT.read_text(encoding="utf-8"))


def normaliser_lignes(s: str) -> str:
    s = s.replace("\u2019", "'")
    s = re.sub(r"[ \t\u00a0\u202f\u2009]+", " ", s)
    return re.sub(r" ?\n\s*", "\n", s)


def normaliser_espaces(s: str) -> str:
    return re.sub(r"\s+", " ", normaliser_lignes(s))


def normaliser_titre(s: str) -> str:
    """Lower case, no accents, punctuation as spaces: 'CONTRAT D’ENGAGEMENT' and 'Contrat d'Engagement' meet."""
    s = unicodedata.normalize("NFKD", normaliser_espaces(s).lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", s).split())


def decimales(valeur_csv: str) -> int:
    return len(valeur_csv.split(".")[1]) if "." in valeur_csv else 0


def formes_imprimees(valeur_csv: str, unite: str) -> list[str]:
    """Regexes of the ways the report prints a value: 50687 -> '50687' or '50 687'; 36.8 % -> '36.8 %', '36,8%';
    a decrease may be printed without its sign ('en baisse de 3.3 points')."""
    v = float(valeur_csv)
    d = decimales(valeur_csv)
    absolu = abs(v)
    nombres = set()
    entier, _, frac = f"{absolu:.{d}f}".partition(".")
    groupes = r"[ \n]".join(f"{int(entier):,}".split(","))  # a grouped number may wrap: "1 \n800"
    for e in {entier, groupes}:
        for sep in (r"\.", ","):
            nombres.add(e + (sep + frac if frac else ""))
    signes = ["", "-", "\u2212"] if v < 0 else ["", r"\+"]
    # Not a mere group of a larger number printed with a space as thousands separator ("651" inside "6 651",
    # "6" in front of "6 651").
    pas_un_groupe_final = r"(?<!\d )" if len(entier) == 3 and not frac else ""
    pas_un_groupe_initial = r"(?! \d{3}(?!\d))" if len(entier) <= 3 and not frac else ""
    formes = []
    for n in nombres:
        for signe in signes:
            corps = signe + n
            debut = rf"(?<![\d.,]){pas_un_groupe_final if signe == '' else ''}"
            if unite == "%":
                formes.append(rf"{debut}{corps} ?%")
            else:
                formes.append(rf"{debut}{corps}{pas_un_groupe_initial}(?![\d]|[.,]\d| ?%)")
    return formes


def imprime_dans(texte: str, valeur_csv: str, unite: str) -> bool:
    return any(re.search(f, texte) for f in formes_imprimees(valeur_csv, unite))


_OPERATEURS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluer(formule: str, valeurs: dict[str, float]) -> float:
    """Arithmetic over ids only (+ - * / and parentheses): no eval of arbitrary code."""
    def ev(n):
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.BinOp) and type(n.op) in _OPERATEURS:
            return _OPERATEURS[type(n.op)](ev(n.left), ev(n.right))
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -ev(n.operand)
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)):
            return n.value
        if isinstance(n, ast.Name):
            return valeurs[n.id]
        raise ValueError(f"élément non autorisé dans une formule : {ast.dump(n)}")
    return ev(ast.parse(formule, mode="eval"))


def noms_de_formule(formule: str) -> set[str]:
    return {n.id for n in ast.walk(ast.parse(formule, mode="eval")) if isinstance(n, ast.Name)}


def somme(valeurs, ids):
    return sum(valeurs[i] for i in ids)


# ----------------------------------------------------------------------------- schema

def test_colonnes_et_encodage():
    brut = CSV.read_bytes()
    assert not brut.startswith(b"\xef\xbb\xbf"), "UTF-8 sans BOM"
    brut.decode("utf-8")
    entete = brut.split(b"\n", 1)[0].decode()
    assert entete.split(",")[: len(COLONNES)] == COLONNES


def test_le_schema_du_build_accepte_le_fichier(df):
    schemas.valider_source("indicateurs_publies", df.copy())


def test_identifiants_uniques_et_lisibles(df):
    assert df["id"].is_unique
    assert df["id"].str.fullmatch(r"[a-z0-9_]+").all()


def test_au_moins_150_chiffres(df):
    assert len(df) >= 150


def test_chaque_theme_est_present_et_seulement_eux(df):
    assert set(df["theme"]) == set(THEMES)


def test_valeurs_lisibles_par_une_machine(df):
    mauvaises = df.loc[~df["valeur"].str.fullmatch(r"-?\d+(\.\d+)?"), ["id", "valeur"]]
    assert mauvaises.empty, mauvaises.to_string()


def test_unites_declarees(df):
    assert set(df["unite"]) <= set(schemas.UNITES)


def test_annees(df):
    annees = df["annee"].astype(int)
    assert annees.between(2018, 2023).all()
    assert (annees == 2022).sum() > 0.9 * len(df)


def test_statuts_et_formules(df):
    assert set(df["statut"]) <= {"publié", "dérivé"}
    derives = df[df["statut"] == "dérivé"]
    assert (derives["formule"].str.len() > 0).all()
    assert (df.loc[df["statut"] == "publié", "formule"] == "").all()
    assert 1 <= len(derives) <= 15, "peu de chiffres dérivés, tous utiles"


def test_perimetre_renseigne(df):
    assert (df["perimetre"].str.len() > 0).all()


def test_les_chiffres_deja_affiches_ne_bougent_pas(valeurs):
    for id_, v in VALEURS_DE_REFERENCE.items():
        assert valeurs[id_] == v, id_


def test_pas_de_noms_de_personnes(df):
    texte_csv = " ".join(df["libelle"] + " " + df["perimetre"] + " " + df["note"])
    for nom in NOMS_DE_PERSONNES:
        assert not re.search(rf"\b{nom}\b", texte_csv, flags=re.IGNORECASE), nom


def test_colonne_ordre_suit_le_fichier(df):
    assert df["ordre"].astype(int).tolist() == list(range(1, len(df) + 1))


# ----------------------------------------------------------------------------- sections

def test_chaque_source_est_une_section_connue(df):
    inconnues = set(df["source"]) - set(SECTIONS)
    assert not inconnues, inconnues


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_chaque_section_existe_dans_le_rapport(section, texte):
    cible = normaliser_titre(texte)
    for morceau in SECTIONS[section]:
        assert normaliser_titre(morceau) in cible, f"{section!r} : « {morceau} » introuvable dans le rapport"


# ----------------------------------------------------------------------------- the report's text

def test_formes_imprimees_du_helper(texte):
    # The helper itself, on forms the report really prints.
    assert imprime_dans(texte, "50687", "jeunes")            # "50 687 jeunes accompagnés"
    assert imprime_dans(texte, "36.8", "%")                  # "36.8 % des sorties"
    assert imprime_dans(texte, "4.3", "%")                   # "(contre 4.3% en 2021)"
    assert imprime_dans(texte, "71500", "km")                # "71 500**"
    assert imprime_dans(texte, "60.4", "%")                  # "60,4 %"
    assert imprime_dans(texte, "1800", "documents")          # "1 \n800 carte sde visite"
    assert imprime_dans(texte, "-3.3", "points")             # "en baisse de 3.3 points"
    assert not imprime_dans(texte, "50678", "jeunes")        # a transposition typo is caught
    assert not imprime_dans(texte, "36.9", "%")
    assert not imprime_dans(texte, "5068", "jeunes")         # no match inside a longer number


@pytest.fixture(scope="module")
def etendues(texte) -> dict[str, str]:
    debuts, pos = [], 0
    for repere, nom in REPERES:
        pos = texte.index(repere, pos)
        debuts.append((pos, nom))
    bornes = debuts + [(len(texte), "")]
    return {nom: texte[debut:bornes[i + 1][0]] for i, (debut, nom) in enumerate(debuts)}


def test_les_etendues_couvrent_chaque_section(etendues):
    assert set(ETENDUES_DES_SECTIONS) == set(SECTIONS)
    assert {e for es in ETENDUES_DES_SECTIONS.values() for e in es} <= set(etendues)
    assert "50 687 jeunes accompagnés" in etendues["observatoire"]
    assert "13 927" in etendues["cej"] and "13 927" not in etendues["emploi"]


def test_chaque_chiffre_publie_est_imprime_dans_sa_section(df, etendues):
    """The strongest guard against typos: each published value, rendered the way the report prints it
    ("50 687", "36.8 %", "4.3%", "71 500"), is found in the stretch of text of its own section."""
    publies = df[(df["statut"] == "publié") & ~df["id"].isin(list(IMPRIMES_AUTREMENT))]
    absents = [f"{r.id} = {r.valeur} {r.unite} ({r.source})" for r in publies.itertuples()
               if not any(imprime_dans(etendues[e], r.valeur, r.unite) for e in ETENDUES_DES_SECTIONS[r.source])]
    assert not absents, "chiffres introuvables dans leur section du rapport :\n" + "\n".join(absents)


EN_LETTRES = {1: ["une", "première"], 2: ["deux"], 3: ["trois"], 100: ["centaine"]}


@pytest.mark.parametrize("id_", sorted(IMPRIMES_AUTREMENT))
def test_exceptions_imprimees_autrement(id_, df, valeurs, etendues):
    phrase, _raison = IMPRIMES_AUTREMENT[id_]
    source = df.set_index("id").at[id_, "source"]
    assert any(normaliser_espaces(phrase) in normaliser_espaces(etendues[e]) for e in ETENDUES_DES_SECTIONS[source])
    v = abs(int(valeurs[id_]))
    chiffres, mots = re.findall(r"\d+", phrase), re.findall(r"\w+", phrase)
    assert str(v) in chiffres or any(m in mots for m in EN_LETTRES.get(v, [])), (id_, v, phrase)


# ----------------------------------------------------------------------------- internal consistency

def test_entrees_gj_plus_cej(valeurs):
    assert valeurs["cej_entrees_gj"] + valeurs["cej_entrees_cej"] == valeurs["cej_entrees_total"] == 13927


def test_taux_de_realisation_cej(valeurs):
    assert round(100 * valeurs["cej_entrees_total"] / valeurs["cej_objectif"]) == valeurs["cej_taux_realisation"] == 108


def test_logement_somme_des_effectifs(valeurs):
    total = somme(valeurs, ["logement_autonome", "logement_parents_famille", "logement_precaire"])
    assert total == valeurs["jeunes_accompagnes"] == 50687


@pytest.mark.parametrize("effectif,part", [("logement_autonome", "logement_autonome_part"),
                                           ("logement_parents_famille", "logement_parents_famille_part"),
                                           ("logement_precaire", "logement_precaire_part")])
def test_logement_parts_et_effectifs(effectif, part, valeurs):
    assert round(100 * valeurs[effectif] / valeurs["jeunes_accompagnes"], 1) == valeurs[part]


def test_qualification_effectifs_et_parts(valeurs):
    part = round(100 * valeurs["publics_nb_sans_diplome"] / valeurs["jeunes_accompagnes"], 1)
    assert part == valeurs["publics_part_sans_diplome"] == 50.5
    assert round(100 * valeurs["publics_nb_bac"] / valeurs["jeunes_accompagnes"]) == valeurs["publics_part_bac"] == 26


@pytest.mark.parametrize("nom", sorted(REPARTITIONS))
def test_repartitions_font_cent(nom, df, valeurs):
    ids = REPARTITIONS[nom]
    d = max(decimales(v) for v in df.set_index("id").loc[ids, "valeur"])
    tolerance = len(ids) * 0.5 * 10 ** -d + 1e-9  # each share is rounded to d decimals
    assert abs(somme(valeurs, ids) - 100) <= tolerance, (nom, somme(valeurs, ids))


def test_situation_professionnelle_enquete_sante_depasse_cent(df, valeurs):
    # "Les jeunes peuvent cumuler plusieurs situations": several answers per person, so the shares add to more than 100.
    ids = [i for i in df["id"] if i.startswith("sante_enquete_situation_")]
    assert len(ids) == 7
    assert somme(valeurs, ids) > 100
    assert all("Plusieurs réponses possibles" in n for n in df.set_index("id").loc[ids, "note"])


def test_repartition_par_sexe_en_formation_imprimee_fausse(df, valeurs):
    # Printed "46.4%57.6%": 104 %. Kept as published and flagged, never silently corrected.
    assert somme(valeurs, ["formation_part_femmes", "formation_part_hommes"]) == pytest.approx(104)
    assert "104\u202f%" in df.set_index("id").at["formation_part_femmes", "note"]


def test_face_a_face_somme_exacte(valeurs):
    assert somme(valeurs, ["publics_entretiens_individuels", "publics_ateliers", "publics_informations_collectives"]) \
        == valeurs["publics_heures_face_a_face"] == 530558


def test_sessions_du_plan_de_formation(valeurs):
    assert somme(valeurs, ["plan_formation_sessions_rouen", "plan_formation_sessions_caen",
                           "plan_formation_sessions_distanciel"]) == valeurs["plan_formation_sessions"] == 31


def test_cumuls_vigie_au_moins_egaux_a_2022(valeurs):
    for id_ in ("vigie_jeunes_reperes", "vigie_actions_reperage", "vigie_actions_accrochage"):
        assert valeurs[f"{id_}_cumul"] >= valeurs[id_]


def test_sous_ensembles(valeurs):
    assert valeurs["emploi_jeunes_alternance"] < valeurs["emploi_jeunes_entres_entreprise"]
    assert valeurs["emploi_jeunes_parraines"] < valeurs["emploi_jeunes_entres_entreprise"]
    assert valeurs["formation_financees_region"] < valeurs["formation_actions"]
    assert valeurs["vigie_beauregard_jeunes"] < valeurs["vigie_beauregard_personnes"]
    assert valeurs["premiers_accueils"] < valeurs["jeunes_accompagnes"]


def test_chiffres_publies_deux_fois_gardes_avec_leur_section(df):
    par_id = df.set_index("id")
    assert (par_id.at["emploi_jeunes_alternance", "valeur"], par_id.at["emploi_jeunes_alternance", "source"]) == \
        ("2510", "Emploi : relation entreprises, entreprenariat, parrainage")
    assert (par_id.at["emploi_observatoire_jeunes_alternance", "valeur"],
            par_id.at["emploi_observatoire_jeunes_alternance", "source"]) == ("2578", "Observatoire")
    assert ((par_id.at["cej_part_qpv", "valeur"], par_id.at["cej_part_qpv", "perimetre"])
            == ("17", "jeunes entrés en CEJ"))
    assert ((par_id.at["publics_part_qpv", "valeur"], par_id.at["publics_part_qpv", "source"])
            == ("15.5", "Observatoire"))


def test_appariements_incertains_signales(df):
    notes = df.set_index("id")["note"]
    manquants = [i for i in APPARIEMENTS_INCERTAINS if not notes[i].startswith("Appariement incertain\u00a0:")]
    assert not manquants, manquants
    # In the scrambled housing chart, 64 % can only be "chez les parents": established, and says why.
    assert notes["sante_enquete_hebergement_parents"].startswith("Attribution établie")
    assert "huit autres attributions sont incertaines" in notes["sante_enquete_hebergement_parents"]


# ----------------------------------------------------------------------------- derived figures

def test_chaque_formule_recalcule_sa_valeur(df, valeurs):
    derives = df[df["statut"] == "dérivé"]
    for r in derives.itertuples():
        noms = noms_de_formule(r.formule)
        assert noms and noms <= set(valeurs), (r.id, noms - set(valeurs))
        assert r.id not in noms, r.id
        calcule = evaluer(r.formule, valeurs)
        d = decimales(r.valeur)
        assert round(calcule, d) == pytest.approx(float(r.valeur)), (r.id, r.formule, calcule)


def test_les_estimations_disent_leur_intervalle(df):
    par_id = df.set_index("id")
    for id_ in ("jeunes_accompagnes_2021", "premiers_accueils_2021", "handicap_rqth_nb_estime",
                "plan_formation_effectif_estime"):
        assert "compris entre" in par_id.at[id_, "note"], id_


def test_intervalle_des_rqth(valeurs):
    # 5.2 % is rounded to 0.1 point: the count lies between 5.15 % and 5.25 % of 50 687.
    bas, haut = 0.0515 * valeurs["jeunes_accompagnes"], 0.0525 * valeurs["jeunes_accompagnes"]
    assert bas <= valeurs["handicap_rqth_nb_estime"] <= haut
    assert (int(bas) + 1, int(haut)) == (2611, 2661)
